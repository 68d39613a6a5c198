/* The A extension: every AMO on words, LR/SC success and failure, and a CAS loop built from LR/SC.
   Prints each result; exit status = number of results that differ from the specification's. */
#include "guest.h"

static int failures;

static void expect(const char *what, uint32_t got, uint32_t want)
{
    printf("%-28s %08lx %s\n", what, (unsigned long)got, got == want ? "ok" : "WRONG");
    if (got != want)
        failures++;
}

#define AMO(op, mem, value, old) \
    __asm__ volatile(op " %0, %2, (%1)" : "=r"(old) : "r"(mem), "r"(value) : "memory")

static uint32_t load_reserved(volatile uint32_t *p)
{
    uint32_t v;
    __asm__ volatile("lr.w %0, (%1)" : "=r"(v) : "r"(p) : "memory");
    return v;
}

/* 0 on success, non-zero on failure, as the instruction reports it. */
static uint32_t store_conditional(volatile uint32_t *p, uint32_t v)
{
    uint32_t failed;
    __asm__ volatile("sc.w %0, %2, (%1)" : "=r"(failed) : "r"(p), "r"(v) : "memory");
    return failed;
}

static int compare_and_swap(volatile uint32_t *p, uint32_t expected, uint32_t desired)
{
    for (;;) {
        if (load_reserved(p) != expected)
            return 0;
        if (store_conditional(p, desired) == 0)
            return 1;
    }
}

int main(int argc, char **argv)
{
    long rounds = size_argument(argc, argv, 1, 1000, 0, 100000000);
    static volatile uint32_t word, other;
    uint32_t old;

    word = 0x0000000f; AMO("amoswap.w", &word, 0x12345678u, old);
    expect("amoswap.w old", old, 0x0000000f); expect("amoswap.w new", word, 0x12345678u);
    word = 40;         AMO("amoadd.w", &word, 2u, old);
    expect("amoadd.w old", old, 40); expect("amoadd.w new", word, 42);
    word = 0xff00ff00; AMO("amoxor.w", &word, 0x0ff00ff0u, old);
    expect("amoxor.w new", word, 0xf0f0f0f0u);
    word = 0xff00ff00; AMO("amoand.w", &word, 0x0ff00ff0u, old);
    expect("amoand.w new", word, 0x0f000f00u);
    word = 0xff00ff00; AMO("amoor.w", &word, 0x0ff00ff0u, old);
    expect("amoor.w new", word, 0xfff0fff0u);
    word = (uint32_t)-5; AMO("amomin.w", &word, 3u, old);
    expect("amomin.w (signed)", word, (uint32_t)-5);
    word = (uint32_t)-5; AMO("amomax.w", &word, 3u, old);
    expect("amomax.w (signed)", word, 3);
    word = (uint32_t)-5; AMO("amominu.w", &word, 3u, old);
    expect("amominu.w (unsigned)", word, 3);
    word = (uint32_t)-5; AMO("amomaxu.w", &word, 3u, old);
    expect("amomaxu.w (unsigned)", word, (uint32_t)-5);
    word = 7; AMO("amoadd.w.aqrl", &word, (uint32_t)-8, old);
    expect("amoadd.w.aqrl wraps", word, (uint32_t)-1);

    word = 100;
    expect("lr.w reads the word", load_reserved(&word), 100);
    expect("sc.w after lr.w succeeds", store_conditional(&word, 101), 0);
    expect("sc.w stored", word, 101);
    expect("sc.w without lr.w fails", store_conditional(&word, 102) != 0, 1);
    expect("failed sc.w stores nothing", word, 101);
    load_reserved(&word);
    expect("sc.w to another word fails", store_conditional(&other, 5) != 0, 1);
    expect("other word unchanged", other, 0);
    load_reserved(&word);
    store_conditional(&word, 103);
    expect("second sc.w on one lr fails", store_conditional(&word, 104) != 0, 1);
    expect("word after the pair", word, 103);

    /* A counter driven by compare-and-swap and by amoadd must agree. */
    static volatile uint32_t cas_counter, amo_counter;
    for (long i = 0; i < rounds; i++) {
        uint32_t seen;
        do
            seen = cas_counter;
        while (!compare_and_swap(&cas_counter, seen, seen + (uint32_t)i));
        AMO("amoadd.w", &amo_counter, (uint32_t)i, old);
    }
    expect("cas counter", cas_counter, (uint32_t)((uint64_t)rounds * (rounds - 1) / 2));
    expect("amo counter equals cas counter", amo_counter, cas_counter);

    /* What C11 atomics compile to on RV32IMA. */
    static _Atomic uint32_t c11;
    __atomic_store_n(&c11, 5, __ATOMIC_SEQ_CST);
    uint32_t expected = 5;
    int swapped = __atomic_compare_exchange_n(&c11, &expected, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    expect("C11 compare_exchange", swapped && __atomic_load_n(&c11, __ATOMIC_SEQ_CST) == 9, 1);
    expect("C11 fetch_sub old", __atomic_fetch_sub(&c11, 10, __ATOMIC_SEQ_CST), 9);
    expect("C11 value after fetch_sub", __atomic_load_n(&c11, __ATOMIC_SEQ_CST), (uint32_t)-1);

    printf("%d wrong results\n", failures);
    return failures;
}
