/* The smallest guest program: one line of output, exit status 0. */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("Hello from RISC-V!\n");
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = %s\n", i, argv[i]);
    return 0;
}
