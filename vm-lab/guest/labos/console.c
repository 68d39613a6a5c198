/*
 * The console and the interrupt controller.
 *
 * Output goes through the firmware (SBI DBCN), which owns the UART's transmitter. Input is interrupt-driven: the
 * 16550 raises IRQ 10 at the PLIC when a byte arrives, and the handler moves the receive FIFO into a ring buffer.
 * Input is echoed when it is consumed, not when it arrives, so a transcript does not depend on how fast the
 * typing came compared with the guest: the same keys give the same transcript on QEMU and on VM Lab.
 */
#include <stdarg.h>
#include "kernel.h"

#define UART 0x10000000u
#define UART_IRQ 10
#define PLIC 0x0c000000u
#define PLIC_S_ENABLE (PLIC + 0x2080)       /* context 1: hart 0, S-mode */
#define PLIC_S_THRESHOLD (PLIC + 0x201000)
#define PLIC_S_CLAIM (PLIC + 0x201004)

#define SBI_DBCN 0x4442434E
#define SBI_TIME 0x54494D45
#define SBI_SRST 0x53525354

long sbi_call(uint32_t ext, uint32_t fid, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t *value)
{
    register uint32_t r0 __asm__("a0") = a0;
    register uint32_t r1 __asm__("a1") = a1;
    register uint32_t r2 __asm__("a2") = a2;
    register uint32_t r6 __asm__("a6") = fid;
    register uint32_t r7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
    if (value)
        *value = r1;
    return (long)r0;
}

void sbi_set_timer(uint64_t when)
{
    sbi_call(SBI_TIME, 0, (uint32_t)when, (uint32_t)(when >> 32), 0, NULL);
}

void sbi_shutdown(void)
{
    sbi_call(SBI_SRST, 0, 0, 0, 0, NULL);
    for (;;)
        ;
}

void sbi_fail(void)
{
    sbi_call(SBI_SRST, 0, 0, 1, 0, NULL);   /* shutdown, reason 1: system failure */
    for (;;)
        ;
}

uint64_t time_now(void)
{
    uint32_t hi, lo;
    do {
        hi = read_csr(timeh);
        lo = read_csr(time);
    } while (hi != read_csr(timeh));
    return ((uint64_t)hi << 32) | lo;
}

/* The kernel is mapped one-to-one, so a kernel buffer's address is its physical address, as DBCN wants. */
void console_write(const char *s, size_t n)
{
    while (n > 0) {
        uint32_t done = 0;
        if (sbi_call(SBI_DBCN, 0, n, (uint32_t)s, 0, &done) != 0 || done == 0)
            return;
        s += done;
        n -= done;
    }
}

void kputs(const char *s)
{
    console_write(s, strlen(s));
}

static void put_unsigned(char **p, uint32_t v, unsigned base, int width, char pad)
{
    char digits[12];
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (width-- > n)
        *(*p)++ = pad;
    while (n)
        *(*p)++ = digits[--n];
}

/* %s %d %u %x with an optional width (and 0 padding): all the kernel prints. */
void kprintf(const char *fmt, ...)
{
    char buf[256], *p = buf, *end = buf + sizeof buf - 16;
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt && p < end; fmt++) {
        if (*fmt != '%') {
            *p++ = *fmt;
            continue;
        }
        char pad = ' ';
        int width = 0;
        if (*++fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            int len = (int)strlen(s);
            while (width-- > len && p < end)
                *p++ = ' ';
            while (*s && p < end)
                *p++ = *s++;
            break;
        }
        case 'd': {
            int v = va_arg(ap, int);
            if (v < 0)
                *p++ = '-', v = -v;
            put_unsigned(&p, (uint32_t)v, 10, width, pad);
            break;
        }
        case 'u': put_unsigned(&p, va_arg(ap, uint32_t), 10, width, pad); break;
        case 'x': put_unsigned(&p, va_arg(ap, uint32_t), 16, width, pad); break;
        default: *p++ = *fmt; break;
        }
    }
    va_end(ap);
    console_write(buf, (size_t)(p - buf));
}

/* Received bytes, waiting to be read. */
static char input[4096];
static uint32_t input_head, input_tail;    /* free-running; head - tail bytes are waiting */

void console_init(void)
{
    mmio_write8(UART + 1, 0x01);    /* IER: interrupt when received data is available */
    plic_enable(UART_IRQ);
}

void console_interrupt(void)
{
    while (mmio_read8(UART + 5) & 0x01) {
        uint8_t c = mmio_read8(UART);
        if (c == 3) {
            interrupt_requested = 1;
            continue;
        }
        if (input_head - input_tail < sizeof input)
            input[input_head++ % sizeof input] = (char)(c == '\r' ? '\n' : c);
    }
}

/* A line is ready when a newline or an end-of-input (ctrl-D) has arrived. */
int console_line_ready(void)
{
    for (uint32_t i = input_tail; i != input_head; i++) {
        char c = input[i % sizeof input];
        if (c == '\n' || c == 4)
            return 1;
    }
    return input_head - input_tail == sizeof input;
}

int console_read_line(char *buf, int n)
{
    int got = 0;
    while (got < n && input_tail != input_head) {
        char c = input[input_tail++ % sizeof input];
        if (c == 4) {
            if (got == 0)
                return 0;
            break;
        }
        if (c == 8 || c == 127) {   /* backspace, as a terminal's line discipline does */
            if (got > 0) {
                got--;
                console_write("\b \b", 3);
            }
            continue;
        }
        buf[got++] = c;
        console_write(&c, 1);
        if (c == '\n')
            break;
    }
    return got;
}

void plic_init(void)
{
    mmio_write32(PLIC_S_THRESHOLD, 0);
    write_csr(sie, (1u << 9) | (1u << 5) | (1u << 1));   /* external, timer, software */
}

void plic_enable(int irq)
{
    mmio_write32(PLIC + 4 * (uint32_t)irq, 1);
    mmio_write32(PLIC_S_ENABLE + 4 * (uint32_t)(irq / 32),
                 mmio_read32(PLIC_S_ENABLE + 4 * (uint32_t)(irq / 32)) | (1u << (irq % 32)));
}

/* Claim and serve every pending external interrupt. */
static void external_interrupts(void)
{
    uint32_t irq;
    while ((irq = mmio_read32(PLIC_S_CLAIM)) != 0) {
        if (irq == UART_IRQ)
            console_interrupt();
        else if ((int)irq == disk_irq())
            disk_interrupt();
        mmio_write32(PLIC_S_CLAIM, irq);
    }
}

void interrupts_poll(void)
{
    if (read_csr(sip) & (1u << 9))
        external_interrupts();
}

/* Sleep until an interrupt is pending (wfi wakes on an enabled pending interrupt even with sstatus.SIE off). */
void wait_for_interrupt(void)
{
    if ((read_csr(sip) & read_csr(sie)) == 0)
        __asm__ volatile("wfi");
    interrupts_poll();
    if (read_csr(sip) & (1u << 5))
        timer_service();
}
