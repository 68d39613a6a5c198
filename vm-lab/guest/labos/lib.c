/* The few C library routines a freestanding kernel needs (gcc also calls memcpy and memset on its own). */
#include "kernel.h"

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dd = d;
    const uint8_t *ss = s;
    if ((((uint32_t)dd | (uint32_t)ss | n) & 3) == 0) {
        for (size_t i = 0; i < n; i += 4)
            *(uint32_t *)(dd + i) = *(const uint32_t *)(ss + i);
        return d;
    }
    while (n--)
        *dd++ = *ss++;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    uint8_t *dd = d;
    const uint8_t *ss = s;
    if (dd < ss)
        while (n--)
            *dd++ = *ss++;
    else
        while (n--)
            dd[n] = ss[n];
    return d;
}

void *memset(void *d, int c, size_t n)
{
    uint8_t *dd = d;
    if ((((uint32_t)dd | n) & 3) == 0) {
        uint32_t w = (uint8_t)c * 0x01010101u;
        for (size_t i = 0; i < n; i += 4)
            *(uint32_t *)(dd + i) = w;
        return d;
    }
    while (n--)
        *dd++ = (uint8_t)c;
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (uint8_t)*a - (uint8_t)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i] || !a[i])
            return (uint8_t)a[i] - (uint8_t)b[i];
    }
    return 0;
}

/* Copies at most n - 1 characters and always terminates. */
char *strncpy_z(char *d, const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 1 < n && s[i]; i++)
        d[i] = s[i];
    d[i] = 0;
    return d;
}

/* CRC-32 (IEEE 802.3, reflected, as zlib and java.util.zip.CRC32 compute it). */
uint32_t crc32(uint32_t crc, const void *data, size_t n)
{
    const uint8_t *p = data;
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}
