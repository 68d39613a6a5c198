/* String and memory library work: formatting, copying, searching, comparing and sorting strings.
   Usage: strings [rounds], default 20. */
#include <string.h>
#include "guest.h"

#define WORDS 64

static const char *const syllables[] = { "vir", "tu", "al", "ma", "chine", "hy", "per", "vi", "sor",
                                         "con", "tain", "er", "ker", "nel", "trap", "page" };

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    long rounds = size_argument(argc, argv, 1, 20, 1, 10000000);
    static char storage[WORDS][48];
    static char buffer[WORDS * 48];
    char *words[WORDS];
    uint32_t seed = 1234567u, checksum = 0;
    long found = 0;
    for (long r = 0; r < rounds; r++) {
        for (int w = 0; w < WORDS; w++) {
            char *s = storage[w];
            s[0] = '\0';
            int parts = 1 + (int)(next_random(&seed) % 4);
            for (int p = 0; p < parts; p++)
                strcat(s, syllables[next_random(&seed) % 16]);
            char number[12];
            snprintf(number, sizeof number, "-%ld", (long)(next_random(&seed) % 1000));
            strcat(s, number);
            words[w] = s;
        }
        qsort(words, WORDS, sizeof words[0], compare_strings);
        /* Join, then move the whole text around with overlapping and plain copies. */
        size_t len = 0;
        for (int w = 0; w < WORDS; w++) {
            size_t l = strlen(words[w]);
            memcpy(buffer + len, words[w], l);
            buffer[len + l] = ' ';
            len += l + 1;
        }
        buffer[len - 1] = '\0';
        memmove(buffer + 1, buffer, len / 2);
        memmove(buffer, buffer + 1, len / 2);
        if (strstr(buffer, "kernel"))
            found++;
        for (const char *p = strchr(buffer, 'v'); p; p = strchr(p + 1, 'v'))
            checksum += (uint32_t)(p - buffer);
        for (size_t i = 0; i < len; i++)
            checksum = checksum * 33 + (unsigned char)buffer[i];
    }
    printf("%ld rounds: first word '%s', 'kernel' found in %ld rounds, checksum %08lx\n", rounds, words[0], found,
           (unsigned long)checksum);
    return 0;
}
