/* A mixed workload in the spirit of CoreMark: linked-list search and reversal, a small matrix kernel,
   a state machine scanning text, each folded into a CRC-16. Usage: mixed [iterations], default 40.
   Exit status 1 if the first iteration's results are not what every later iteration reproduces. */
#include <string.h>
#include "guest.h"

#define LIST_SIZE 64
#define MATRIX_N 12

struct node {
    struct node *next;
    int16_t data;
    int16_t index;
};

static uint16_t crc16(uint16_t crc, uint32_t value)
{
    for (int i = 0; i < 32; i++) {
        unsigned bit = (value ^ crc) & 1;
        crc >>= 1;
        value >>= 1;
        if (bit)
            crc ^= 0xA001;
    }
    return crc;
}

static struct node *reverse(struct node *list)
{
    struct node *done = NULL;
    while (list) {
        struct node *next = list->next;
        list->next = done;
        done = list;
        list = next;
    }
    return done;
}

static uint16_t list_work(struct node *nodes, uint32_t seed)
{
    struct node *head = NULL;
    for (int i = LIST_SIZE - 1; i >= 0; i--) {
        nodes[i].data = (int16_t)(next_random(&seed) & 0x7fff);
        nodes[i].index = (int16_t)i;
        nodes[i].next = head;
        head = &nodes[i];
    }
    uint16_t crc = 0;
    for (int round = 0; round < 8; round++) {
        int16_t wanted = nodes[(round * 13) % LIST_SIZE].data;
        int position = 0;
        struct node *p = head;
        while (p && p->data != wanted) {
            p = p->next;
            position++;
        }
        crc = crc16(crc, (uint32_t)position);
        head = reverse(head);
    }
    for (struct node *p = head; p; p = p->next)
        crc = crc16(crc, (uint32_t)p->index);
    return crc;
}

static uint16_t matrix_work(uint32_t seed)
{
    static int16_t a[MATRIX_N][MATRIX_N], b[MATRIX_N][MATRIX_N];
    for (int i = 0; i < MATRIX_N; i++)
        for (int j = 0; j < MATRIX_N; j++) {
            a[i][j] = (int16_t)(next_random(&seed) % 256 - 128);
            b[i][j] = (int16_t)(next_random(&seed) % 256 - 128);
        }
    uint16_t crc = 0;
    for (int i = 0; i < MATRIX_N; i++)
        for (int j = 0; j < MATRIX_N; j++) {
            int32_t sum = 0;
            for (int k = 0; k < MATRIX_N; k++)
                sum += a[i][k] * b[k][j];
            crc = crc16(crc, (uint32_t)(sum > 0 ? sum >> 3 : -sum));
        }
    return crc;
}

/* Recognise numbers in text: integer, decimal, scientific, or invalid, as CoreMark's state machine does. */
enum state { START, INTEGER, DECIMAL, EXPONENT_SIGN, EXPONENT, INVALID, STATES };

static uint16_t state_machine_work(uint32_t seed)
{
    static const char alphabet[] = "0123456789.e-+, x";
    char text[256];
    for (size_t i = 0; i < sizeof text - 1; i++)
        text[i] = alphabet[next_random(&seed) % (sizeof alphabet - 1)];
    text[sizeof text - 1] = '\0';
    unsigned final_counts[STATES] = { 0 };
    enum state s = START;
    for (const char *p = text;; p++) {
        char ch = *p;
        if (ch == ',' || ch == ' ' || ch == '\0') {
            final_counts[s]++;
            s = START;
            if (ch == '\0')
                break;
            continue;
        }
        int digit = ch >= '0' && ch <= '9';
        switch (s) {
        case START:         s = digit ? INTEGER : (ch == '-' || ch == '+') ? INTEGER : INVALID; break;
        case INTEGER:       s = digit ? INTEGER : ch == '.' ? DECIMAL : ch == 'e' ? EXPONENT_SIGN : INVALID; break;
        case DECIMAL:       s = digit ? DECIMAL : ch == 'e' ? EXPONENT_SIGN : INVALID; break;
        case EXPONENT_SIGN: s = (digit || ch == '-' || ch == '+') ? EXPONENT : INVALID; break;
        case EXPONENT:      s = digit ? EXPONENT : INVALID; break;
        default:            s = INVALID; break;
        }
    }
    uint16_t crc = 0;
    for (int i = 0; i < STATES; i++)
        crc = crc16(crc, final_counts[i]);
    return crc;
}

int main(int argc, char **argv)
{
    long iterations = size_argument(argc, argv, 1, 40, 1, 100000000);
    static struct node nodes[LIST_SIZE];
    uint16_t first[3] = { 0 }, total = 0;
    int mismatches = 0;
    for (long it = 0; it < iterations; it++) {
        /* Every iteration repeats the same work (same seeds), as CoreMark does, so results must repeat too. */
        uint16_t r[3] = { list_work(nodes, 0x1234u), matrix_work(0x5678u), state_machine_work(0x9abcu) };
        if (it == 0)
            memcpy(first, r, sizeof first);
        else if (memcmp(first, r, sizeof first) != 0)
            mismatches++;
        total = crc16(total, (uint32_t)(r[0] ^ r[1] << 1 ^ r[2] << 2));
    }
    printf("%ld iterations: list %04x, matrix %04x, state %04x, total %04x, %s\n", iterations, first[0], first[1],
           first[2], total, mismatches ? "RESULTS VARIED" : "results repeat");
    return mismatches ? 1 : 0;
}
