/* Control flow gone wrong, on purpose. Usage: badjump [hole|zero|illegal], default hole.
   hole:    jump to an address where nothing is mapped (an instruction access fault; qemu: SIGSEGV);
   zero:    call a null function pointer (the same, at address 0);
   illegal: execute the all-zero word, which the ISA defines as illegal (qemu: SIGILL). */
#include <string.h>
#include "guest.h"

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "hole";
    printf("badjump: %s\n", how);
    fflush(stdout);
    if (strcmp(how, "hole") == 0) {
        void (*target)(void) = (void (*)(void))0x7ff0000u;
        target();
    } else if (strcmp(how, "zero") == 0) {
        void (*volatile target)(void) = 0;
        target();
    } else if (strcmp(how, "illegal") == 0) {
        __asm__ volatile(".word 0");
    } else {
        fprintf(stderr, "badjump: unknown mode '%s' (hole, zero or illegal)\n", how);
        return EXIT_USAGE;
    }
    printf("still running: the bad jump did not trap\n");
    return 1;
}
