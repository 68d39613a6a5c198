/*
 * A firmware that exercises the virt board's devices the way a kernel does, to compare VM Lab with qemu-system-riscv32
 * -M virt: the boot ROM's registers, the PLIC (priorities, enables, claim/complete) with the UART's receive interrupt,
 * and a virtio-blk disk (write, flush, read, get-id through a split virtqueue, completion interrupt via the PLIC).
 * It prints what it sees; both machines must print the same transcript and leave the same disk.
 */
#include <stdint.h>

#define UART     ((volatile uint8_t *) 0x10000000)
#define PLIC(o)  (*(volatile uint32_t *) (0x0c000000 + (o)))
#define VIO(o)   (*(volatile uint32_t *) (0x10008000 + (o)))
#define POWER    (*(volatile uint32_t *) 0x00100000)

static void putc_(char c) { while (!(UART[5] & 0x20)) { } UART[0] = c; }
static void puts_(const char *s) { while (*s) putc_(*s++); }
static void hex(uint32_t v) { for (int i = 28; i >= 0; i -= 4) putc_("0123456789abcdef"[(v >> i) & 15]); }
static uint32_t mip(void) { uint32_t v; __asm__ volatile("csrr %0, mip" : "=r"(v)); return v; }

struct desc { uint64_t addr; uint32_t len; uint16_t flags, next; };
static struct desc desc[8] __attribute__((aligned(16)));
static struct { uint16_t flags, idx, ring[8], event; } avail __attribute__((aligned(4)));
static struct { uint16_t flags, idx; struct { uint32_t id, len; } ring[8]; uint16_t event; } used __attribute__((aligned(8)));
static struct { uint32_t type, reserved; uint64_t sector; } header;
static uint8_t data[512], status;

/* One request: header, optional data (device reads or writes it), status; waits for the PLIC to say IRQ 8. */
static void request(uint32_t type, uint32_t sector, uint32_t length, int device_writes) {
    header.type = type; header.sector = sector; status = 0xff;
    desc[0] = (struct desc) {(uintptr_t) &header, 16, 1, 1};
    int n = 1;
    if (length) { desc[1] = (struct desc) {(uintptr_t) data, length, 1 | (device_writes ? 2 : 0), 2}; n = 2; }
    desc[n] = (struct desc) {(uintptr_t) &status, 1, 2, 0};
    if (n == 1) desc[0].next = 1;
    avail.ring[avail.idx % 8] = 0;
    __sync_synchronize();
    avail.idx++;
    __sync_synchronize();
    VIO(0x50) = 0;
    uint32_t id;
    do {                                          /* MEIP: the PLIC forwards the disk's interrupt */
        while (!(mip() & (1u << 11))) { }
        id = PLIC(0x200004);
        if (id == 8) VIO(0x64) = VIO(0x60);       /* acknowledge the device before completing, as Linux and xv6 do */
        PLIC(0x200004) = id;                      /* a late UART request (typing timing differs) is just completed */
    } while (id != 8);
    puts_(" irq "); hex(id); puts_(" status "); hex(status); puts_(" used "); hex(used.idx); puts_("\n");
}

int main(uint32_t hart, uint32_t fdt, uint32_t *info) {
    puts_("hart "); hex(hart); puts_(" fw_dynamic "); hex(info[0]); hex(info[1]); puts_(" next "); hex(info[2]);
    hex(info[3]); puts_("\n");

    /* UART receive interrupt through the PLIC, context 0 (M) */
    PLIC(4 * 10) = 3; PLIC(4 * 8) = 2;
    PLIC(0x2000) = (1 << 10) | (1 << 8);
    PLIC(0x200000) = 0;
    UART[1] = 1;
    puts_("type: ");
    for (;;) {
        while (!(mip() & (1u << 11))) { }
        uint32_t id = PLIC(0x200004);
        char c = 0;
        while (UART[5] & 1) { c = UART[0]; putc_(c >= 'a' && c <= 'z' ? c - 32 : c); }
        PLIC(0x200004) = id;
        if (c == '\n' || c == '\r') break;
    }
    UART[1] = 0;
    puts_("claimed "); hex(10); puts_("\n");

    /* virtio-blk in slot 7 */
    puts_("virtio "); hex(VIO(0)); hex(VIO(4)); hex(VIO(8)); puts_(" capacity "); hex(VIO(0x100)); puts_("\n");
    VIO(0x70) = 0; VIO(0x70) = 1; VIO(0x70) = 3;
    VIO(0x14) = 1; uint32_t high = VIO(0x10);
    VIO(0x24) = 1; VIO(0x20) = high & 1;          /* VIRTIO_F_VERSION_1 only */
    VIO(0x24) = 0; VIO(0x20) = 0;
    VIO(0x70) = 11;
    puts_("features_ok "); hex(VIO(0x70) & 8); puts_("\n");
    VIO(0x30) = 0; VIO(0x38) = 8;
    VIO(0x80) = (uintptr_t) desc; VIO(0x84) = 0;
    VIO(0x90) = (uintptr_t) &avail; VIO(0x94) = 0;
    VIO(0xa0) = (uintptr_t) &used; VIO(0xa4) = 0;
    VIO(0x44) = 1; VIO(0x70) = 15;

    request(0, 0, 512, 1);                        /* read sector 0 */
    puts_("sector 0: "); for (int i = 0; i < 16; i++) putc_(data[i] >= 32 && data[i] < 127 ? data[i] : '.'); puts_("\n");
    for (int i = 0; i < 512; i++) data[i] = (uint8_t) (i * 3 + 1);
    request(1, 2, 512, 0);                        /* write sector 2 */
    request(4, 0, 0, 0);                          /* flush */
    for (int i = 0; i < 512; i++) data[i] = 0;
    request(0, 2, 512, 1);                        /* read it back */
    uint32_t sum = 0; for (int i = 0; i < 512; i++) sum = sum * 31 + data[i];
    puts_("sector 2 checksum "); hex(sum); puts_("\n");
    request(0, 1000, 512, 1);                     /* past the end: I/O error */
    request(99, 0, 0, 0);                         /* unknown type: unsupported */
    puts_("done\n");
    POWER = 0x5555;
    for (;;) { }
}
