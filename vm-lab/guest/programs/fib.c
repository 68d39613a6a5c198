/* Recursive Fibonacci: call-heavy code (the JIT lesson's favourite). Usage: fib [n], default 24. */
#include "guest.h"

/*
 * Every call stays a call. Left to itself, gcc -O2 inlines fib into itself and turns one of the two calls into a loop
 * (one 250-instruction function that saves 12 registers): no longer the call-heavy code
 * this program is here to measure. noipa stops the inlining, no-optimize-sibling-calls the loop.
 */
__attribute__((noipa, optimize("no-optimize-sibling-calls")))
static unsigned fib(unsigned n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
    unsigned n = (unsigned)size_argument(argc, argv, 1, 24, 0, 46);
    printf("fib(%u) = %u\n", n, fib(n));
    return 0;
}
