/* Recursive Fibonacci: call-heavy code (the JIT lesson's favourite). Usage: fib [n], default 24. */
#include "guest.h"

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
