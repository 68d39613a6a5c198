/* CRC-32 (IEEE 802.3), bit by bit and by table, over generated data or over stdin.
   Usage: crc32 [kibibytes], default 32; `crc32 -` checksums standard input instead.
   Exit status 1 if the two methods disagree or the standard check value is wrong. */
#include <string.h>
#include "guest.h"

static uint32_t table[256];

static uint32_t crc32_bitwise(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
    return ~crc;
}

static uint32_t crc32_table(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static int checksum_stdin(void)
{
    unsigned char buf[512];
    uint32_t crc = 0;
    size_t total = 0, got;
    while ((got = fread(buf, 1, sizeof buf, stdin)) > 0) {
        crc = crc32_table(crc, buf, got);
        total += got;
    }
    printf("crc32 of %lu bytes from stdin: %08lx\n", (unsigned long)total, (unsigned long)crc);
    return 0;
}

int main(int argc, char **argv)
{
    /* The table holds the CRC of each byte value, computed bit by bit once. */
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
        table[i] = c;
    }
    int failures = 0;
    uint32_t check = crc32_table(0, (const unsigned char *)"123456789", 9);
    if (check != 0xCBF43926u || crc32_bitwise(0, (const unsigned char *)"123456789", 9) != check) {
        printf("check value wrong: %08lx\n", (unsigned long)check);
        failures++;
    }
    if (argc > 1 && strcmp(argv[1], "-") == 0)
        return checksum_stdin() + failures;

    long kib = size_argument(argc, argv, 1, 32, 1, 65536);
    size_t n = (size_t)kib * 1024;
    unsigned char *data = malloc(n);
    if (!data) {
        printf("out of memory for %ld KiB\n", kib);
        return 1;
    }
    uint32_t seed = 88172645u;
    for (size_t i = 0; i < n; i++)
        data[i] = (unsigned char)(next_random(&seed) >> 24);
    uint32_t slow = crc32_bitwise(0, data, n);
    uint32_t fast = crc32_table(0, data, n);
    printf("crc32 of %ld KiB: bitwise %08lx, table %08lx, %s\n", kib, (unsigned long)slow, (unsigned long)fast,
           slow == fast ? "agree" : "DISAGREE");
    if (slow != fast)
        failures++;
    free(data);
    return failures ? 1 : 0;
}
