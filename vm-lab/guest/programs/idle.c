/* An idle service: sleeps in one long nanosleep, as a container that waits for work does.
   Usage: idle [seconds], default 86400. Prints nothing; exit status 0. */
#include "guest.h"
#include "linux.h"

int main(int argc, char **argv)
{
    long seconds = size_argument(argc, argv, 1, 86400, 0, 1000000);
    struct { long tv_sec, tv_nsec; } request = { seconds, 0 };
    return seconds == 0 ? 0 : (int)-linux_syscall2(SYS_nanosleep, &request, 0);
}
