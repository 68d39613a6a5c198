/* labOS: shared declarations. */
#ifndef LABOS_KERNEL_H
#define LABOS_KERNEL_H

#include <stdint.h>
#include <stddef.h>

#define PAGE 4096u
#define RAM_BASE 0x80000000u

/* QEMU virt's timer runs at 10 MHz; VM Lab's virt board copies it. */
#define TIMEBASE_HZ 10000000u
#define TICK (TIMEBASE_HZ / 100)        /* a 10 ms time slice */

#define read_csr(name) ({ uint32_t v_; __asm__ volatile("csrr %0, " #name : "=r"(v_)); v_; })
#define write_csr(name, v) __asm__ volatile("csrw " #name ", %0" ::"r"(v))
#define set_csr(name, v) __asm__ volatile("csrs " #name ", %0" ::"r"(v))
#define clear_csr(name, v) __asm__ volatile("csrc " #name ", %0" ::"r"(v))

static inline void mmio_write8(uint32_t a, uint8_t v) { *(volatile uint8_t *)a = v; }
static inline uint8_t mmio_read8(uint32_t a) { return *(volatile uint8_t *)a; }
static inline void mmio_write32(uint32_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint32_t mmio_read32(uint32_t a) { return *(volatile uint32_t *)a; }

/* lib.c */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strncpy_z(char *d, const char *s, size_t n);
uint32_t crc32(uint32_t crc, const void *data, size_t n);

/* sbi.c and console.c */
long sbi_call(uint32_t ext, uint32_t fid, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t *value);
void sbi_set_timer(uint64_t when);
void __attribute__((noreturn)) sbi_shutdown(void);
void __attribute__((noreturn)) sbi_fail(void);     /* power off, reporting a system failure */

/* fdt.c: what the device tree says about the board */
struct board {
    uint32_t ram_end;       /* the end of RAM (which starts at RAM_BASE) */
    int virtio_slots;       /* virtio-mmio transports, at 0x10001000 + n * 0x1000 */
};
void fdt_read(uint32_t fdt, struct board *board);    /* a malformed tree is a panic */
void console_write(const char *s, size_t n);
void kputs(const char *s);
void kprintf(const char *fmt, ...);
void console_init(void);
void console_interrupt(void);
int console_line_ready(void);
int console_read_line(char *buf, int n);    /* a whole line (echoed as it is consumed), 0 at end of input */
uint64_t time_now(void);

/* plic.c: external interrupts */
void plic_init(void);
void plic_enable(int irq);
void interrupts_poll(void);     /* handle whatever is pending, with interrupts masked */
void wait_for_interrupt(void);

/* vm.c: pages and Sv32 */
void pages_init(uint32_t ram_end);
uint32_t page_alloc(void);       /* a zeroed physical page, 0 when memory is out */
void page_free(uint32_t pa);
uint32_t pages_free_count(void);
#define PTE_V 1u
#define PTE_R 2u
#define PTE_W 4u
#define PTE_X 8u
#define PTE_U 16u
#define PTE_G 32u
#define PTE_A 64u
#define PTE_D 128u
uint32_t *pagetable_new(void);   /* with the kernel's mappings */
void pagetable_free(uint32_t *root);
int map_page(uint32_t *root, uint32_t va, uint32_t pa, uint32_t flags);
uint32_t unmap_page(uint32_t *root, uint32_t va);   /* the physical page that was there, or 0 */
uint32_t *walk(uint32_t *root, uint32_t va);        /* the leaf PTE, or NULL */
void vm_init(uint32_t ram_end);
extern uint32_t *kernel_pagetable;
static inline uint32_t satp_of(uint32_t *root) { return 0x80000000u | ((uint32_t)root >> 12); }

/* virtio.c: one virtio-blk disk */
int disk_init(int slots);       /* probes the first `slots` virtio-mmio transports */
uint32_t disk_sectors(void);
int disk_read(uint32_t sector, void *buf, uint32_t count);
int disk_write(uint32_t sector, const void *buf, uint32_t count);
void disk_interrupt(void);
int disk_irq(void);

/* fs.c: the LabFS file system */
#define NAME_MAX_FS 47
int fs_mount(void);
int fs_lookup(const char *name);
int fs_create(const char *name);
int fs_remove(const char *name);
uint32_t fs_size(int file);
const char *fs_name(int file);
int fs_count(void);
int fs_next(int after);        /* iterate files in directory order: first is fs_next(-1), -1 at the end */
long fs_read(int file, uint32_t offset, void *buf, uint32_t n);
long fs_write(int file, uint32_t offset, const void *buf, uint32_t n);
int fs_truncate(int file);
int fs_sync(void);

/* proc.c: processes, the scheduler and system calls */
struct trapframe {
    uint32_t x[32];         /* x[0] holds the user pc */
    uint32_t kernel_sp;     /* offset 128: where the trap vector switches to */
    uint32_t satp;          /* offset 132 */
};
int proc_spawn(int argc, char **argv);   /* pid, or -errno */
void run_processes(void);                /* until every process has exited */
void trap_handler(struct trapframe *tf);
extern void user_return(struct trapframe *tf) __attribute__((noreturn));
extern int switch_to_user(void *shell_context);
void start_scheduling(void) __attribute__((noreturn));
void kernel_fault(void);
extern int interrupt_requested;
extern void back_to_shell(void *shell_context) __attribute__((noreturn));
void proc_list(void);
void timer_service(void);     /* the timer fired outside a process: next tick, or none when idle */

/* elf.c */
int elf_load(uint32_t *root, int file, uint32_t *entry, uint32_t *end);

#endif
