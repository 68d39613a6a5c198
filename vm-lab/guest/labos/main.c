/*
 * labOS boot and its console shell.
 *
 * The firmware starts us in S-mode with a0 = hart id and a1 = the device tree (fdt.c), which says how much RAM there
 * is and how many virtio-mmio transports to probe.
 * The shell runs on the kernel's own stack between programs: it reads a line, runs the command, and for `run`
 * hands the machine to the scheduler until every process it started has exited.
 */
#include "kernel.h"

/* ---- the shell ---- */

#define MAX_WORDS 16

static int split(char *line, char **words)
{
    int n = 0;
    for (char *p = line; *p && n < MAX_WORDS;) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            *p++ = 0;
        if (!*p)
            break;
        words[n++] = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
    }
    return n;
}

static void cmd_ls(void)
{
    uint32_t total = 0;
    for (int f = fs_next(-1); f >= 0; f = fs_next(f)) {
        kprintf("%8u  %s\n", fs_size(f), fs_name(f));
        total += fs_size(f);
    }
    kprintf("%d files, %u bytes\n", fs_count(), total);
}

static void cmd_cat(char **words, int n)
{
    static char buf[512];
    for (int i = 1; i < n; i++) {
        int f = fs_lookup(words[i]);
        if (f < 0) {
            kprintf("cat: %s: no such file\n", words[i]);
            continue;
        }
        for (uint32_t at = 0;;) {
            long got = fs_read(f, at, buf, sizeof buf);
            if (got <= 0)
                break;
            console_write(buf, (size_t)got);
            at += (uint32_t)got;
        }
    }
}

/* echo WORDS... [> FILE | >> FILE] */
static void cmd_echo(char **words, int n)
{
    int redirect = 0;
    for (int i = 1; i < n; i++)
        if (strcmp(words[i], ">") == 0 || strcmp(words[i], ">>") == 0)
            redirect = i;
    int last = redirect ? redirect : n;
    char text[512];
    size_t len = 0;
    for (int i = 1; i < last; i++) {
        size_t w = strlen(words[i]);
        if (len + w + 2 > sizeof text)
            break;
        if (i > 1)
            text[len++] = ' ';
        memcpy(text + len, words[i], w);
        len += w;
    }
    text[len++] = '\n';
    if (!redirect) {
        console_write(text, len);
        return;
    }
    if (redirect + 1 >= n) {
        kputs("echo: missing file name after >\n");
        return;
    }
    const char *name = words[redirect + 1];
    int f = fs_lookup(name);
    if (f < 0)
        f = fs_create(name);
    if (f < 0) {
        kprintf("echo: cannot create %s\n", name);
        return;
    }
    int append = words[redirect][1] == '>';
    if (!append)
        fs_truncate(f);
    if (fs_write(f, append ? fs_size(f) : 0, text, (uint32_t)len) < 0)
        kprintf("echo: %s: disk full\n", name);
    fs_sync();
}

static void cmd_rm(char **words, int n)
{
    for (int i = 1; i < n; i++)
        if (fs_remove(words[i]) != 0)
            kprintf("rm: %s: no such file\n", words[i]);
    fs_sync();
}

static const char *error_text(int e)
{
    switch (-e) {
    case 2: return "no such program";
    case 8: return "not an RV32 executable";
    case 11: return "too many processes";
    case 12: return "out of memory";
    default: return "cannot start";
    }
}

/* run PROG ARGS... [& PROG ARGS...]: the programs run at the same time, sharing the CPU round-robin. */
static void cmd_run(char **words, int n)
{
    int start = 0;
    for (int i = 0; i <= n; i++) {
        if (i < n && strcmp(words[i], "&") != 0)
            continue;
        if (i > start) {
            int pid = proc_spawn(i - start, words + start);
            if (pid < 0)
                kprintf("%s: %s\n", words[start], error_text(pid));
        }
        start = i + 1;
    }
    run_processes();
}

static void help(void)
{
    kputs("commands: ls, cat FILE..., run PROG [ARGS] [& PROG [ARGS]]..., PROG [ARGS],\n"
          "          echo TEXT [> FILE | >> FILE], rm FILE..., free, help, poweroff\n");
}

static void shell(void)
{
    static char line[256];
    char *words[MAX_WORDS];
    for (;;) {
        kputs("labos$ ");
        while (!console_line_ready())
            wait_for_interrupt();
        interrupt_requested = 0;
        int len = console_read_line(line, sizeof line - 1);
        if (len == 0) {
            kputs("\n");
            return;         /* end of input: power off */
        }
        line[len] = 0;
        int n = split(line, words);
        if (n == 0)
            continue;
        if (strcmp(words[0], "ls") == 0)
            cmd_ls();
        else if (strcmp(words[0], "cat") == 0)
            cmd_cat(words, n);
        else if (strcmp(words[0], "echo") == 0)
            cmd_echo(words, n);
        else if (strcmp(words[0], "rm") == 0)
            cmd_rm(words, n);
        else if (strcmp(words[0], "run") == 0 && n > 1)
            cmd_run(words + 1, n - 1);
        else if (strcmp(words[0], "free") == 0)
            kprintf("%u KiB free\n", pages_free_count() * 4);
        else if (strcmp(words[0], "help") == 0)
            help();
        else if (strcmp(words[0], "poweroff") == 0)
            return;
        else
            cmd_run(words, n);
    }
}

void kernel_main(uint32_t hartid, uint32_t fdt)
{
    (void)hartid;
    struct board board;
    fdt_read(fdt, &board);
    kprintf("labOS 1.0: %u MiB of RAM\n", (board.ram_end - RAM_BASE) >> 20);
    pages_init(board.ram_end);
    vm_init(board.ram_end);
    plic_init();
    console_init();
    if (disk_init(board.virtio_slots) != 0)
        kputs("labOS: no virtio-blk disk\n");
    else if (fs_mount() == 0)
        kprintf("labOS: disk of %u sectors, %d files\n", disk_sectors(), fs_count());
    kputs("type help for commands\n");
    shell();
    fs_sync();
    kputs("labOS: power off\n");
    sbi_shutdown();
}
