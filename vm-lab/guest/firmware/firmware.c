/*
 * The SBI firmware of VM Lab's virt board (and of QEMU's, which ships no 32-bit OpenSBI).
 *
 * It runs in M-mode, below the kernel: it sets up PMP so that the kernel cannot touch the firmware, hands every
 * exception and interrupt the kernel can handle to S-mode, and answers the kernel's SBI calls (ecall from S):
 * base, TIME, IPI (one hart), SRST and DBCN of SBI 2.0, and the legacy console calls. The machine timer stays an
 * M-mode interrupt (only M can write mtimecmp), so, as OpenSBI does, the firmware turns it into the kernel's
 * timer interrupt by setting mip.STIP, which the kernel clears by asking for its next deadline.
 */
#include <stdint.h>

#define UART        0x10000000u
#define CLINT       0x02000000u
#define MTIMECMP    (CLINT + 0x4000)
#define SIFIVE_TEST 0x00100000u

/* Where the kernel starts when the loader does not say (VM Lab's board loads it here, as QEMU does for rv32). */
#define DEFAULT_KERNEL 0x80400000u

#define MIP_SSIP (1u << 1)
#define MIP_STIP (1u << 5)
#define MIP_MTIP (1u << 7)
#define MIP_SEIP (1u << 9)

#define SBI_SUCCESS             0
#define SBI_ERR_FAILED         -1
#define SBI_ERR_NOT_SUPPORTED  -2
#define SBI_ERR_INVALID_PARAM  -3

#define EXT_LEGACY_SET_TIMER  0x00
#define EXT_LEGACY_PUTCHAR    0x01
#define EXT_LEGACY_GETCHAR    0x02
#define EXT_LEGACY_SHUTDOWN   0x08
#define EXT_BASE              0x10
#define EXT_TIME              0x54494D45
#define EXT_IPI               0x735049
#define EXT_SRST              0x53525354
#define EXT_DBCN              0x4442434E

/* The registers saved by the trap vector, x0..x31 by number (x0's slot is unused). */
struct frame {
    uint32_t x[32];
};
#define A0 10
#define A1 11
#define A2 12
#define A6 16
#define A7 17

#define read_csr(name) ({ uint32_t v_; __asm__ volatile("csrr %0, " #name : "=r"(v_)); v_; })
#define write_csr(name, v) __asm__ volatile("csrw " #name ", %0" ::"r"(v))
#define set_csr(name, v) __asm__ volatile("csrs " #name ", %0" ::"r"(v))
#define clear_csr(name, v) __asm__ volatile("csrc " #name ", %0" ::"r"(v))

static inline void mmio_write8(uint32_t a, uint8_t v) { *(volatile uint8_t *)a = v; }
static inline uint8_t mmio_read8(uint32_t a) { return *(volatile uint8_t *)a; }
static inline void mmio_write32(uint32_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint32_t mmio_read32(uint32_t a) { return *(volatile uint32_t *)a; }

/* The 16550: transmit holding register empty is bit 5 of the line status register, data ready bit 0. */
static void uart_init(void)
{
    mmio_write8(UART + 3, 0x03);    /* 8 data bits, no parity, one stop bit */
    /* The FIFO control register stays as reset left it: turning the FIFOs on would drop bytes already typed. */
}

static void uart_put(uint8_t c)
{
    while ((mmio_read8(UART + 5) & 0x20) == 0)
        ;
    mmio_write8(UART, c);
}

static int uart_get(void)
{
    return (mmio_read8(UART + 5) & 0x01) ? mmio_read8(UART) : -1;
}

static void puts_fw(const char *s)
{
    while (*s)
        uart_put((uint8_t)*s++);
}

static void put_hex(uint32_t v)
{
    puts_fw("0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        uart_put((uint8_t)"0123456789abcdef"[(v >> shift) & 15]);
}

/* sifive_test: 0x5555 powers off, 0x3333 | code << 16 powers off reporting failure, 0x7777 resets. */
static void __attribute__((noreturn)) power(uint32_t command)
{
    for (;;)
        mmio_write32(SIFIVE_TEST, command);
}

static void set_timer(uint32_t lo, uint32_t hi)
{
    /* Write the high half last with the low half at its maximum, so no spurious interrupt fires in between. */
    mmio_write32(MTIMECMP, 0xffffffffu);
    mmio_write32(MTIMECMP + 4, hi);
    mmio_write32(MTIMECMP, lo);
    clear_csr(mip, MIP_STIP);
    set_csr(mie, MIP_MTIP);
}

/* QEMU's reset code leaves a2 pointing at this (OpenSBI's fw_dynamic protocol): where the kernel was loaded. */
struct dynamic_info {
    uint32_t magic, version, next_addr, next_mode, options, boot_hart;
};
#define DYNAMIC_MAGIC 0x4942534f

static void setup_pmp(void)
{
    /* Entry 0: the firmware's 128 KiB, NAPOT, no access from S or U. Entry 1: everything else, all access. */
    write_csr(pmpaddr0, (0x80000000u >> 2) | ((0x20000u >> 3) - 1));
    write_csr(pmpaddr1, 0xffffffffu);
    write_csr(pmpcfg0, 0x1f18u);   /* entry 0: A=NAPOT, no RWX; entry 1: A=NAPOT, RWX */
}

uint32_t firmware_main(uint32_t hartid, uint32_t fdt, const struct dynamic_info *info)
{
    uart_init();
    setup_pmp();

    /* Exceptions the kernel handles itself: misaligned, access faults, illegal instruction, breakpoint,
       ecall from U, page faults. Interrupts: the supervisor's software, timer and external ones. */
    write_csr(medeleg, (1u << 0) | (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) |
                       (1u << 7) | (1u << 8) | (1u << 12) | (1u << 13) | (1u << 15));
    write_csr(mideleg, MIP_SSIP | MIP_STIP | MIP_SEIP);
    write_csr(mcounteren, 7);       /* the kernel may read cycle, time and instret */
    write_csr(mie, 0);
    mmio_write32(MTIMECMP + 4, 0xffffffffu);
    mmio_write32(MTIMECMP, 0xffffffffu);

    /* mret lands in S-mode with interrupts as the kernel will enable them. */
    uint32_t mstatus = read_csr(mstatus);
    mstatus = (mstatus & ~(3u << 11)) | (1u << 11);
    write_csr(mstatus, mstatus);

    uint32_t kernel = DEFAULT_KERNEL;
    if (info && (uint32_t)info >= 0x1000 && info->magic == DYNAMIC_MAGIC && info->next_addr)
        kernel = info->next_addr;
    puts_fw("labSBI 1.0: SBI 2.0 firmware, kernel at ");
    put_hex(kernel);
    puts_fw("\n");
    (void)hartid;
    (void)fdt;
    return kernel;
}

static long sbi_base(uint32_t fid, uint32_t arg, uint32_t *value)
{
    switch (fid) {
    case 0: *value = 2u << 24; return SBI_SUCCESS;         /* specification version 2.0 */
    case 1: *value = 0x564d4c; return SBI_SUCCESS;         /* implementation id: "VML", not a registered one */
    case 2: *value = 1; return SBI_SUCCESS;                /* implementation version */
    case 3:
        *value = arg == EXT_BASE || arg == EXT_TIME || arg == EXT_IPI || arg == EXT_SRST || arg == EXT_DBCN ||
                 arg == EXT_LEGACY_SET_TIMER || arg == EXT_LEGACY_PUTCHAR || arg == EXT_LEGACY_GETCHAR ||
                 arg == EXT_LEGACY_SHUTDOWN;
        return SBI_SUCCESS;
    case 4: *value = read_csr(mvendorid); return SBI_SUCCESS;
    case 5: *value = read_csr(marchid); return SBI_SUCCESS;
    case 6: *value = read_csr(mimpid); return SBI_SUCCESS;
    default: return SBI_ERR_NOT_SUPPORTED;
    }
}

static long sbi_dbcn(uint32_t fid, struct frame *f, uint32_t *value)
{
    uint32_t n = f->x[A0], base = f->x[A1];
    if (fid == 2) {
        uart_put((uint8_t)f->x[A0]);
        return SBI_SUCCESS;
    }
    if (fid > 2)
        return SBI_ERR_NOT_SUPPORTED;
    /* The buffer is a physical address; the kernel may not point it at the firmware. */
    if (f->x[A2] != 0 || (base < 0x80020000u && base + n > 0x80000000u) || base + n < base)
        return SBI_ERR_INVALID_PARAM;
    uint32_t done = 0;
    if (fid == 0) {
        for (; done < n; done++)
            uart_put(((volatile uint8_t *)base)[done]);
    } else {
        int c;
        for (; done < n && (c = uart_get()) >= 0; done++)
            ((volatile uint8_t *)base)[done] = (uint8_t)c;
    }
    *value = done;
    return SBI_SUCCESS;
}

static long sbi_call(struct frame *f, uint32_t *value)
{
    uint32_t ext = f->x[A7], fid = f->x[A6];
    switch (ext) {
    case EXT_BASE:
        return sbi_base(fid, f->x[A0], value);
    case EXT_TIME:
        if (fid != 0)
            return SBI_ERR_NOT_SUPPORTED;
        set_timer(f->x[A0], f->x[A1]);
        return SBI_SUCCESS;
    case EXT_IPI:
        if (fid != 0)
            return SBI_ERR_NOT_SUPPORTED;
        /* One hart, number 0: the mask (from its base) either names it or not. */
        if (f->x[A1] == 0xffffffffu || (f->x[A1] == 0 && (f->x[A0] & 1)))
            set_csr(mip, MIP_SSIP);
        return SBI_SUCCESS;
    case EXT_SRST:
        if (fid != 0 || f->x[A0] > 2 || f->x[A1] > 1)
            return SBI_ERR_INVALID_PARAM;
        if (f->x[A0] == 0)
            power(f->x[A1] == 1 ? 0x3333 | (1u << 16) : 0x5555);
        power(0x7777);
    case EXT_DBCN:
        return sbi_dbcn(fid, f, value);
    default:
        return SBI_ERR_NOT_SUPPORTED;
    }
}

/* The legacy extensions (SBI 0.1) answer in a0 alone. */
static int legacy_call(struct frame *f)
{
    switch (f->x[A7]) {
    case EXT_LEGACY_SET_TIMER: set_timer(f->x[A0], f->x[A1]); f->x[A0] = 0; return 1;
    case EXT_LEGACY_PUTCHAR: uart_put((uint8_t)f->x[A0]); f->x[A0] = 0; return 1;
    case EXT_LEGACY_GETCHAR: f->x[A0] = (uint32_t)uart_get(); return 1;
    case EXT_LEGACY_SHUTDOWN: power(0x5555);
    default: return 0;
    }
}

void firmware_trap(struct frame *f)
{
    uint32_t cause = read_csr(mcause);
    if (cause == (0x80000000u | 7)) {
        /* The machine timer: pass it on as the supervisor timer interrupt until the kernel sets a new deadline. */
        clear_csr(mie, MIP_MTIP);
        set_csr(mip, MIP_STIP);
        return;
    }
    if (cause == 9) {
        if (!legacy_call(f)) {
            uint32_t value = f->x[A1];
            f->x[A0] = (uint32_t)sbi_call(f, &value);
            f->x[A1] = value;
        }
        write_csr(mepc, read_csr(mepc) + 4);
        return;
    }
    puts_fw("\nlabSBI: unexpected trap, mcause ");
    put_hex(cause);
    puts_fw(" mepc ");
    put_hex(read_csr(mepc));
    puts_fw(" mtval ");
    put_hex(read_csr(mtval));
    puts_fw("\n");
    power(0x3333 | (2u << 16));
}
