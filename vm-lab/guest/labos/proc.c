/*
 * Processes: address spaces, the round-robin scheduler, traps from user mode and the Linux system calls.
 *
 * The kernel has no threads of its own. A process that must wait (console input, sleep) is parked with its pc
 * still on the ecall or already past it, and the scheduler runs someone else; a parked read simply runs its ecall
 * again when a line has arrived. So every trap starts afresh on one trap stack, and leaves by user_return.
 */
#include "kernel.h"

#define NPROC 8
#define NFILE 16
#define STACK_TOP 0x80000000u
#define STACK_LIMIT (STACK_TOP - 0x800000u)     /* stacks grow on demand, up to 8 MiB */
#define MMAP_BASE 0x40000000u
#define EPOCH 1767225600u                        /* no real-time clock on the board: time starts at 2026-01-01 */

enum state { UNUSED, RUNNABLE, WAITING_INPUT, SLEEPING };

struct open_file {
    int used, console, file, writable, append;
    uint32_t offset;
};

struct proc {
    struct trapframe tf;
    enum state state;
    int pid;
    char name[32];
    uint32_t *root;
    uint32_t heap_start, brk, mmap_next;
    uint64_t wake;
    struct open_file fds[NFILE];
};

static struct proc procs[NPROC];
static struct proc *current;
static uint32_t shell_context[14];
static int next_pid = 1;
extern char trap_stack_top[];
int interrupt_requested;     /* ctrl-C typed: the console sets it, the scheduler acts on it */

static int live_count(void)
{
    int n = 0;
    for (int i = 0; i < NPROC; i++)
        n += procs[i].state != UNUSED;
    return n;
}

/* ---- user memory ---- */

/* After changing the running process's page table: user_return no longer flushes on every trap. */
static void flush_tlb(void)
{
    __asm__ volatile("sfence.vma" ::: "memory");
}

/* The physical address behind a user virtual address, mapping stack pages as the stack grows; 0 if not allowed. */
static uint32_t user_pa(struct proc *p, uint32_t va, int write)
{
    if (va >= STACK_TOP)
        return 0;
    uint32_t *pte = walk(p->root, va);
    if (!pte && va >= STACK_LIMIT) {
        uint32_t page = page_alloc();
        if (!page || map_page(p->root, va & ~(PAGE - 1), page, PTE_U | PTE_R | PTE_W) != 0)
            return 0;
        flush_tlb();
        pte = walk(p->root, va);
    }
    if (!pte || !(*pte & PTE_U) || !(*pte & (write ? PTE_W : PTE_R)))
        return 0;
    return (*pte >> 10 << 12) | (va & (PAGE - 1));
}

static int copy_out(struct proc *p, uint32_t va, const void *src, uint32_t n)
{
    const uint8_t *s = src;
    while (n > 0) {
        uint32_t pa = user_pa(p, va, 1);
        if (!pa)
            return -14;     /* EFAULT */
        uint32_t chunk = PAGE - (va & (PAGE - 1));
        if (chunk > n)
            chunk = n;
        memcpy((void *)pa, s, chunk);
        va += chunk, s += chunk, n -= chunk;
    }
    return 0;
}

static int copy_in(struct proc *p, void *dst, uint32_t va, uint32_t n)
{
    uint8_t *d = dst;
    while (n > 0) {
        uint32_t pa = user_pa(p, va, 0);
        if (!pa)
            return -14;
        uint32_t chunk = PAGE - (va & (PAGE - 1));
        if (chunk > n)
            chunk = n;
        memcpy(d, (void *)pa, chunk);
        va += chunk, d += chunk, n -= chunk;
    }
    return 0;
}

static int copy_string_in(struct proc *p, char *dst, uint32_t va, uint32_t max)
{
    for (uint32_t i = 0; i < max; i++) {
        if (copy_in(p, &dst[i], va + i, 1) != 0)
            return -14;
        if (!dst[i])
            return 0;
    }
    return -36;     /* ENAMETOOLONG */
}

/* ---- process lifecycle ---- */

static const char *file_name_of(const char *path)
{
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    while (path[0] == '/')
        path++;
    return path;
}

int proc_spawn(int argc, char **argv)
{
    struct proc *p = NULL;
    for (int i = 0; i < NPROC && !p; i++)
        if (procs[i].state == UNUSED)
            p = &procs[i];
    if (!p)
        return -11;     /* EAGAIN */
    const char *name = file_name_of(argv[0]);
    int file = fs_lookup(name);
    if (file < 0) {
        char with_suffix[64];
        size_t len = strlen(name);
        if (len + 5 <= sizeof with_suffix) {
            memcpy(with_suffix, name, len);
            memcpy(with_suffix + len, ".elf", 5);
            file = fs_lookup(with_suffix);
        }
    }
    if (file < 0)
        return -2;
    memset(p, 0, sizeof *p);
    p->root = pagetable_new();
    if (!p->root)
        return -12;
    uint32_t entry, end;
    int r = elf_load(p->root, file, &entry, &end);
    if (r != 0) {
        pagetable_free(p->root);
        return r;
    }
    p->heap_start = p->brk = (end + PAGE - 1) & ~(PAGE - 1);
    p->mmap_next = MMAP_BASE;
    p->pid = next_pid++;
    strncpy_z(p->name, name, sizeof p->name);

    /* The Linux start-up stack: argc, argv[], NULL, envp[] (empty), NULL, auxv (page size, then AT_NULL). */
    uint32_t sp = STACK_TOP, pointers[17];
    if (argc > 16)
        argc = 16;
    for (int i = argc - 1; i >= 0; i--) {
        uint32_t len = strlen(argv[i]) + 1;
        sp -= len;
        if (copy_out(p, sp, argv[i], len) != 0)
            goto fail;
        pointers[i] = sp;
    }
    uint32_t vector[1 + 17 + 1 + 4];
    int n = 0;
    vector[n++] = (uint32_t)argc;
    for (int i = 0; i < argc; i++)
        vector[n++] = pointers[i];
    vector[n++] = 0;
    vector[n++] = 0;
    vector[n++] = 6;        /* AT_PAGESZ */
    vector[n++] = PAGE;
    vector[n++] = 0;        /* AT_NULL */
    sp = (sp - 4 * (uint32_t)(n + 1)) & ~15u;
    if (copy_out(p, sp, vector, 4 * (uint32_t)(n + 1)) != 0)
        goto fail;
    p->tf.x[0] = entry;
    p->tf.x[2] = sp;
    p->tf.kernel_sp = (uint32_t)trap_stack_top;
    p->tf.satp = satp_of(p->root);
    for (int fd = 0; fd < 3; fd++)
        p->fds[fd] = (struct open_file){ .used = 1, .console = 1, .writable = fd > 0 };
    p->state = RUNNABLE;
    return p->pid;
fail:
    pagetable_free(p->root);
    p->state = UNUSED;
    return -12;
}

static void proc_exit(struct proc *p, int status, const char *why)
{
    if (why)
        kprintf("[%s: %s]\n", p->name, why);
    else if (status != 0)
        kprintf("[%s exited with status %d]\n", p->name, status);
    write_csr(satp, satp_of(kernel_pagetable));
    __asm__ volatile("sfence.vma");
    pagetable_free(p->root);
    p->state = UNUSED;
    fs_sync();
}

void proc_list(void)
{
    for (int i = 0; i < NPROC; i++)
        if (procs[i].state != UNUSED)
            kprintf("%5d %s\n", procs[i].pid, procs[i].name);
}

/* ---- scheduling ---- */

static void wake_up(void)
{
    uint64_t now = time_now();
    int line = console_line_ready();
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if ((p->state == SLEEPING && p->wake <= now) || (p->state == WAITING_INPUT && line))
            p->state = RUNNABLE;
    }
}

/*
 * The timer is armed only when someone needs it: a time slice when two or more processes are runnable, a sleeper's
 * wake-up time. A process running alone is never interrupted (Linux calls this nohz_full): each tick costs two trap
 * round trips through the firmware, and on VM Lab, whose timer counts instructions, 10 ms is only 100,000 of them.
 */
static uint64_t armed = ~0ull;      /* the deadline the firmware holds; 0 once it has fired */

static void set_deadline(uint64_t when)
{
    if (when != armed) {
        sbi_set_timer(when);        /* this also clears a pending timer interrupt */
        armed = when;
    }
}

static void plan_timer(void)
{
    int runnable = 0;
    uint64_t want = ~0ull, now = time_now();
    for (int i = 0; i < NPROC; i++) {
        if (procs[i].state == RUNNABLE)
            runnable++;
        else if (procs[i].state == SLEEPING && procs[i].wake < want)
            want = procs[i].wake;
    }
    if (runnable > 1) {
        uint64_t slice_end = armed != ~0ull && armed > now && armed <= now + TICK ? armed : now + TICK;
        if (slice_end < want)
            want = slice_end;
    }
    set_deadline(want);
}

/* The timer fired while the kernel waited: arm it again only if someone needs it (an idle shell needs nothing). */
void timer_service(void)
{
    armed = 0;
    plan_timer();
}

static void kill_all(const char *why)
{
    for (int i = 0; i < NPROC; i++)
        if (procs[i].state != UNUSED)
            proc_exit(&procs[i], 0, why);
}

/* Run the next runnable process after `from` in the table (round-robin); sleep while none is; back to the shell
   when none is left. */
static void __attribute__((noreturn)) schedule(struct proc *from)
{
    int start = from ? (int)(from - procs) + 1 : 0;
    for (;;) {
        if (interrupt_requested) {
            interrupt_requested = 0;
            kill_all("interrupted");
        }
        wake_up();
        for (int k = 0; k < NPROC; k++) {
            struct proc *p = &procs[(start + k) % NPROC];
            if (p->state == RUNNABLE) {
                current = p;
                plan_timer();
                user_return(&p->tf);
            }
        }
        if (live_count() == 0) {
            current = NULL;
            set_deadline(~0ull);
            write_csr(satp, satp_of(kernel_pagetable));
            __asm__ volatile("sfence.vma");
            back_to_shell(shell_context);
        }
        plan_timer();
        wait_for_interrupt();
    }
}

void run_processes(void)
{
    if (live_count() == 0)
        return;
    switch_to_user(shell_context);
}

void start_scheduling(void)
{
    schedule(NULL);
}

/* ---- system calls ---- */

#define SYS_unlinkat 35
#define SYS_openat 56
#define SYS_close 57
#define SYS_llseek 62
#define SYS_read 63
#define SYS_write 64
#define SYS_fstat64 80
#define SYS_exit 93
#define SYS_exit_group 94
#define SYS_nanosleep 101
#define SYS_sched_yield 124
#define SYS_uname 160
#define SYS_getpid 172
#define SYS_brk 214
#define SYS_munmap 215
#define SYS_mmap2 222
#define SYS_getrandom 278
#define SYS_clock_gettime64 403
#define SYS_clock_nanosleep64 407

#define EPERM 1
#define ENOENT 2
#define EBADF 9
#define ENOMEM 12
#define EEXIST 17
#define EINVAL 22
#define ENOSPC 28
#define ESPIPE 29
#define ENOSYS 38
#define ENODEV 19
#define EMFILE 24

#define O_ACCMODE 3
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000

/* What the system call wants done after it: go on with this process, let others run, or park it. */
enum after { CONTINUE, YIELD, PARK };

static struct open_file *fd_of(struct proc *p, uint32_t fd)
{
    return fd < NFILE && p->fds[fd].used ? &p->fds[fd] : NULL;
}

static uint8_t bounce[4096];

static long sys_read(struct proc *p, uint32_t fd, uint32_t buf, uint32_t n, enum after *after)
{
    struct open_file *f = fd_of(p, fd);
    if (!f)
        return -EBADF;
    if (f->console) {
        if (!console_line_ready()) {
            *after = PARK;
            return 0;
        }
        int got = console_read_line((char *)bounce, n < sizeof bounce ? (int)n : (int)sizeof bounce);
        return copy_out(p, buf, bounce, (uint32_t)got) ? -14 : got;
    }
    uint32_t done = 0;
    while (done < n) {
        uint32_t chunk = n - done < sizeof bounce ? n - done : sizeof bounce;
        long got = fs_read(f->file, f->offset, bounce, chunk);
        if (got < 0)
            return -5;      /* EIO */
        if (got == 0)
            break;
        if (copy_out(p, buf + done, bounce, (uint32_t)got) != 0)
            return done ? (long)done : -14;
        f->offset += (uint32_t)got;
        done += (uint32_t)got;
    }
    return (long)done;
}

static long sys_write(struct proc *p, uint32_t fd, uint32_t buf, uint32_t n)
{
    struct open_file *f = fd_of(p, fd);
    if (!f || !f->writable)
        return -EBADF;
    uint32_t done = 0;
    while (done < n) {
        uint32_t chunk = n - done < sizeof bounce ? n - done : sizeof bounce;
        if (copy_in(p, bounce, buf + done, chunk) != 0)
            return done ? (long)done : -14;
        if (f->console) {
            console_write((const char *)bounce, chunk);
        } else {
            if (f->append)
                f->offset = fs_size(f->file);
            if (fs_write(f->file, f->offset, bounce, chunk) < 0)
                return done ? (long)done : -ENOSPC;
            f->offset += chunk;
        }
        done += chunk;
    }
    return (long)done;
}

static long sys_openat(struct proc *p, uint32_t path_va, uint32_t flags)
{
    char path[64];
    int r = copy_string_in(p, path, path_va, sizeof path);
    if (r)
        return r;
    const char *name = file_name_of(path);
    int fd = 0;
    while (fd < NFILE && p->fds[fd].used)
        fd++;
    if (fd == NFILE)
        return -EMFILE;
    int file = fs_lookup(name);
    if (file >= 0 && (flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    if (file < 0) {
        if (!(flags & O_CREAT))
            return -ENOENT;
        if (!name[0] || strlen(name) > NAME_MAX_FS)
            return -EINVAL;
        file = fs_create(name);
        if (file < 0)
            return -ENOSPC;
    }
    int writable = (flags & O_ACCMODE) != 0;
    if ((flags & O_TRUNC) && writable)
        fs_truncate(file);
    p->fds[fd] = (struct open_file){ .used = 1, .file = file, .writable = writable,
                                     .append = (flags & O_APPEND) != 0 };
    return fd;
}

static long sys_close(struct proc *p, uint32_t fd)
{
    struct open_file *f = fd_of(p, fd);
    if (!f)
        return -EBADF;
    f->used = 0;
    if (!f->console && f->writable)
        fs_sync();
    return 0;
}

static long sys_llseek(struct proc *p, uint32_t fd, uint32_t hi, uint32_t lo, uint32_t result, uint32_t whence)
{
    struct open_file *f = fd_of(p, fd);
    if (!f)
        return -EBADF;
    if (f->console)
        return -ESPIPE;
    int64_t offset = (int64_t)(((uint64_t)hi << 32) | lo), base;
    switch (whence) {
    case 0: base = 0; break;
    case 1: base = f->offset; break;
    case 2: base = fs_size(f->file); break;
    default: return -EINVAL;
    }
    int64_t to = base + offset;
    if (to < 0 || to > 0x7fffffff)
        return -EINVAL;
    if (copy_out(p, result, &to, sizeof to) != 0)
        return -14;
    f->offset = (uint32_t)to;
    return 0;
}

struct linux_stat64 {
    uint64_t st_dev, st_ino;
    uint32_t st_mode, st_nlink, st_uid, st_gid;
    uint64_t st_rdev, pad1;
    int64_t st_size;
    int32_t st_blksize, pad2;
    int64_t st_blocks;
    uint32_t times[6];
    uint32_t unused[2];
};

static long sys_fstat(struct proc *p, uint32_t fd, uint32_t buf)
{
    struct open_file *f = fd_of(p, fd);
    if (!f)
        return -EBADF;
    struct linux_stat64 st;
    memset(&st, 0, sizeof st);
    st.st_nlink = 1;
    st.st_blksize = 512;
    if (f->console) {
        st.st_mode = 0020620;
        st.st_rdev = 0x8800;
    } else {
        st.st_mode = 0100644;
        st.st_ino = (uint64_t)f->file + 1;
        st.st_size = fs_size(f->file);
        st.st_blocks = (st.st_size + 511) / 512;
    }
    return copy_out(p, buf, &st, sizeof st) ? -14 : 0;
}

static long sys_brk(struct proc *p, uint32_t want)
{
    if (want < p->heap_start || want >= MMAP_BASE)
        return (long)p->brk;
    uint32_t old_top = (p->brk + PAGE - 1) & ~(PAGE - 1), new_top = (want + PAGE - 1) & ~(PAGE - 1);
    for (uint32_t va = old_top; va < new_top; va += PAGE) {
        uint32_t pa = page_alloc();
        if (!pa || map_page(p->root, va, pa, PTE_U | PTE_R | PTE_W) != 0) {
            if (pa)
                page_free(pa);
            for (uint32_t undo = old_top; undo < va; undo += PAGE)
                page_free(unmap_page(p->root, undo));
            return (long)p->brk;
        }
    }
    for (uint32_t va = new_top; va < old_top; va += PAGE) {
        uint32_t pa = unmap_page(p->root, va);
        if (pa)
            page_free(pa);
    }
    flush_tlb();
    p->brk = want;
    return (long)want;
}

static long sys_mmap(struct proc *p, uint32_t len, uint32_t prot, uint32_t flags)
{
    if (!(flags & 0x20))
        return -ENODEV;     /* only anonymous memory: LabFS files cannot be mapped */
    if (len == 0 || len > 0x10000000u)
        return -EINVAL;
    len = (len + PAGE - 1) & ~(PAGE - 1);
    if (p->mmap_next + len > STACK_LIMIT)
        return -ENOMEM;
    uint32_t start = p->mmap_next;
    uint32_t perm = PTE_U | PTE_R | (prot & 2 ? PTE_W : 0) | (prot & 4 ? PTE_X : 0);
    for (uint32_t va = start; va < start + len; va += PAGE) {
        uint32_t pa = page_alloc();
        if (!pa || map_page(p->root, va, pa, perm) != 0) {
            if (pa)
                page_free(pa);
            for (uint32_t undo = start; undo < va; undo += PAGE)
                page_free(unmap_page(p->root, undo));
            return -ENOMEM;
        }
    }
    flush_tlb();
    p->mmap_next += len;
    return (long)start;
}

static long sys_munmap(struct proc *p, uint32_t addr, uint32_t len)
{
    if ((addr & (PAGE - 1)) || addr < MMAP_BASE || addr + len > STACK_LIMIT || addr + len < addr)
        return -EINVAL;
    for (uint32_t va = addr; va < addr + len; va += PAGE) {
        uint32_t pa = unmap_page(p->root, va);
        if (pa)
            page_free(pa);
    }
    flush_tlb();
    return 0;
}

static long sys_clock_gettime(struct proc *p, uint32_t clock, uint32_t ts)
{
    if (clock != 0 && clock != 1 && clock != 4)
        return -EINVAL;
    uint64_t t = time_now();
    int64_t spec[2] = { (int64_t)(t / TIMEBASE_HZ), (int64_t)(t % TIMEBASE_HZ) * (1000000000 / TIMEBASE_HZ) };
    if (clock == 0)
        spec[0] += EPOCH;
    return copy_out(p, ts, spec, sizeof spec) ? -14 : 0;
}

static long sys_sleep(struct proc *p, uint32_t ts, enum after *after)
{
    int64_t spec[2];
    if (copy_in(p, spec, ts, sizeof spec) != 0)
        return -14;
    if (spec[0] < 0 || spec[1] < 0 || spec[1] >= 1000000000)
        return -EINVAL;
    p->wake = time_now() + (uint64_t)spec[0] * TIMEBASE_HZ + (uint64_t)spec[1] / (1000000000 / TIMEBASE_HZ);
    p->state = SLEEPING;
    *after = YIELD;
    return 0;
}

static long sys_uname(struct proc *p, uint32_t buf)
{
    static const char *fields[6] = { "labOS", "vmlab", "1.0", "labOS 1.0 (VM Lab)", "riscv32", "(none)" };
    char uts[6 * 65];
    memset(uts, 0, sizeof uts);
    for (int i = 0; i < 6; i++)
        strncpy_z(uts + 65 * i, fields[i], 65);
    return copy_out(p, buf, uts, sizeof uts) ? -14 : 0;
}

/* Not random at all: the same bytes on every machine, so runs stay comparable. */
static long sys_getrandom(struct proc *p, uint32_t buf, uint32_t n)
{
    static uint32_t state = 0x2545f491;
    for (uint32_t i = 0; i < n; i++) {
        state ^= state << 13, state ^= state >> 17, state ^= state << 5;
        uint8_t b = (uint8_t)state;
        if (copy_out(p, buf + i, &b, 1) != 0)
            return -14;
    }
    return (long)n;
}

static long sys_unlinkat(struct proc *p, uint32_t path_va)
{
    char path[64];
    int r = copy_string_in(p, path, path_va, sizeof path);
    if (r)
        return r;
    if (fs_remove(file_name_of(path)) != 0)
        return -ENOENT;
    fs_sync();
    return 0;
}

static void syscall(struct proc *p)
{
    uint32_t *x = p->tf.x;
    uint32_t a0 = x[10], a1 = x[11], a2 = x[12], a3 = x[13], a4 = x[14];
    enum after after = CONTINUE;
    long r;
    x[0] += 4;
    switch (x[17]) {
    case SYS_read: r = sys_read(p, a0, a1, a2, &after); break;
    case SYS_write: r = sys_write(p, a0, a1, a2); break;
    case SYS_openat: r = sys_openat(p, a1, a2); break;
    case SYS_close: r = sys_close(p, a0); break;
    case SYS_llseek: r = sys_llseek(p, a0, a1, a2, a3, a4); break;
    case SYS_fstat64: r = sys_fstat(p, a0, a1); break;
    case SYS_brk: r = sys_brk(p, a0); break;
    case SYS_mmap2: r = sys_mmap(p, a1, a2, a3); break;
    case SYS_munmap: r = sys_munmap(p, a0, a1); break;
    case SYS_clock_gettime64: r = sys_clock_gettime(p, a0, a1); break;
    case SYS_nanosleep: r = sys_sleep(p, a0, &after); break;
    case SYS_clock_nanosleep64: r = a1 ? -EINVAL : sys_sleep(p, a2, &after); break;
    case SYS_getpid: r = p->pid; break;
    case SYS_sched_yield: r = 0; after = YIELD; break;
    case SYS_uname: r = sys_uname(p, a0); break;
    case SYS_getrandom: r = sys_getrandom(p, a0, a1); break;
    case SYS_unlinkat: r = sys_unlinkat(p, a1); break;
    case SYS_exit:
    case SYS_exit_group:
        proc_exit(p, (int)(a0 & 0xff), NULL);
        schedule(p);
    default: r = -ENOSYS; break;
    }
    if (after == PARK) {
        x[0] -= 4;      /* run the ecall again when woken */
        p->state = WAITING_INPUT;
        schedule(p);
    }
    x[10] = (uint32_t)r;
    if (after == YIELD)
        schedule(p);
}

/* ---- traps ---- */

static const char *fault_name(uint32_t cause)
{
    switch (cause) {
    case 0: return "misaligned instruction fetch";
    case 1: return "instruction access fault";
    case 2: return "illegal instruction";
    case 3: return "breakpoint";
    case 4: return "misaligned load";
    case 5: return "load access fault";
    case 6: return "misaligned store";
    case 7: return "store access fault";
    case 12: return "instruction page fault";
    case 13: return "load page fault";
    case 15: return "store page fault";
    default: return "unexpected trap";
    }
}

void trap_handler(struct trapframe *tf)
{
    struct proc *p = current;
    (void)tf;
    uint32_t cause = read_csr(scause);
    if (cause & 0x80000000u) {
        cause &= 0x7fffffff;
        if (cause == 5) {
            armed = 0;
            schedule(p);        /* the time slice is over (or a sleeper's time has come): next process */
        }
        if (cause == 1)
            clear_csr(sip, 2);
        interrupts_poll();
        if (interrupt_requested || console_line_ready())
            schedule(p);
        user_return(&p->tf);
    }
    if (cause == 8) {
        syscall(p);
        user_return(&p->tf);
    }
    uint32_t stval = read_csr(stval);
    if ((cause == 13 || cause == 15) && user_pa(p, stval, cause == 15))
        user_return(&p->tf);    /* the stack grew */
    char why[96], *w = why;
    const char *name = fault_name(cause);
    memcpy(w, name, strlen(name));
    w += strlen(name);
    memcpy(w, " at 0x", 6);
    w += 6;
    for (int shift = 28; shift >= 0; shift -= 4)
        *w++ = "0123456789abcdef"[(stval >> shift) & 15];
    *w = 0;
    proc_exit(p, 0, why);
    schedule(p);
}

void kernel_fault(void)
{
    kprintf("labOS: kernel fault, scause %x sepc %x stval %x\n", read_csr(scause), read_csr(sepc), read_csr(stval));
    sbi_shutdown();
}
