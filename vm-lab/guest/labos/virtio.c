/*
 * The disk: virtio-blk over a version-2 virtio-mmio transport (virtio 1.x), with one virtqueue.
 *
 * A request is a chain of three descriptors: the header (read or write, sector), the data, and a status byte the
 * device fills in. The driver puts the chain's head in the available ring and notifies the device; the device
 * puts it in the used ring and raises its interrupt through the PLIC. The kernel sleeps (wfi) until the
 * interrupt handler has seen the used ring move.
 */
#include "kernel.h"

#define VIRTIO_BASE 0x10001000u
#define VIRTIO_SLOTS 8

#define R_MAGIC 0x000
#define R_VERSION 0x004
#define R_DEVICE_ID 0x008
#define R_DEVICE_FEATURES 0x010
#define R_DEVICE_FEATURES_SEL 0x014
#define R_DRIVER_FEATURES 0x020
#define R_DRIVER_FEATURES_SEL 0x024
#define R_QUEUE_SEL 0x030
#define R_QUEUE_NUM_MAX 0x034
#define R_QUEUE_NUM 0x038
#define R_QUEUE_READY 0x044
#define R_QUEUE_NOTIFY 0x050
#define R_INTERRUPT_STATUS 0x060
#define R_INTERRUPT_ACK 0x064
#define R_STATUS 0x070
#define R_QUEUE_DESC_LOW 0x080
#define R_QUEUE_DESC_HIGH 0x084
#define R_QUEUE_DRIVER_LOW 0x090
#define R_QUEUE_DRIVER_HIGH 0x094
#define R_QUEUE_DEVICE_LOW 0x0a0
#define R_QUEUE_DEVICE_HIGH 0x0a4
#define R_CONFIG 0x100

#define S_ACKNOWLEDGE 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8

#define QUEUE_SIZE 4
#define DESC_F_NEXT 1
#define DESC_F_WRITE 2

struct desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};
struct avail {
    uint16_t flags, idx, ring[QUEUE_SIZE], used_event;
};
struct used_elem {
    uint32_t id, len;
};
struct used {
    uint16_t flags, idx;
    struct used_elem ring[QUEUE_SIZE];
    uint16_t avail_event;
};
struct request_header {
    uint32_t type, reserved;
    uint64_t sector;
};

static struct {
    struct desc desc[QUEUE_SIZE];
    struct avail avail;
    uint8_t pad[4096 - QUEUE_SIZE * 16 - sizeof(struct avail)];
    struct used used;
} queue __attribute__((aligned(4096)));

static struct request_header header;
static volatile uint8_t status;
static uint32_t base, sectors;
static int irq;
static uint16_t last_used;
static volatile int completed;

static uint32_t reg(uint32_t r) { return mmio_read32(base + r); }
static void set_reg(uint32_t r, uint32_t v) { mmio_write32(base + r, v); }

int disk_irq(void)
{
    return irq;
}

uint32_t disk_sectors(void)
{
    return sectors;
}

int disk_init(int slots)
{
    for (int slot = 0; slot < slots && slot < VIRTIO_SLOTS && !base; slot++) {
        uint32_t b = VIRTIO_BASE + 0x1000u * (uint32_t)slot;
        if (mmio_read32(b + R_MAGIC) == 0x74726976 && mmio_read32(b + R_DEVICE_ID) == 2) {
            if (mmio_read32(b + R_VERSION) != 2) {
                kprintf("virtio-blk at %x is a legacy (version 1) transport; labOS needs version 2\n", b);
                return -1;
            }
            base = b;
            irq = slot + 1;
        }
    }
    if (!base)
        return -1;
    set_reg(R_STATUS, 0);
    set_reg(R_STATUS, S_ACKNOWLEDGE);
    set_reg(R_STATUS, S_ACKNOWLEDGE | S_DRIVER);
    /* No optional features: only VIRTIO_F_VERSION_1 (feature bit 32), which a version-2 transport requires. */
    set_reg(R_DEVICE_FEATURES_SEL, 1);
    if (!(reg(R_DEVICE_FEATURES) & 1))
        return -1;
    set_reg(R_DRIVER_FEATURES_SEL, 0);
    set_reg(R_DRIVER_FEATURES, 0);
    set_reg(R_DRIVER_FEATURES_SEL, 1);
    set_reg(R_DRIVER_FEATURES, 1);
    set_reg(R_STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK);
    if (!(reg(R_STATUS) & S_FEATURES_OK))
        return -1;
    set_reg(R_QUEUE_SEL, 0);
    if (reg(R_QUEUE_NUM_MAX) < QUEUE_SIZE)
        return -1;
    set_reg(R_QUEUE_NUM, QUEUE_SIZE);
    set_reg(R_QUEUE_DESC_LOW, (uint32_t)queue.desc);
    set_reg(R_QUEUE_DESC_HIGH, 0);
    set_reg(R_QUEUE_DRIVER_LOW, (uint32_t)&queue.avail);
    set_reg(R_QUEUE_DRIVER_HIGH, 0);
    set_reg(R_QUEUE_DEVICE_LOW, (uint32_t)&queue.used);
    set_reg(R_QUEUE_DEVICE_HIGH, 0);
    set_reg(R_QUEUE_READY, 1);
    set_reg(R_STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
    sectors = reg(R_CONFIG);        /* capacity, in 512-byte sectors (the high word is 0 for our disks) */
    plic_enable(irq);
    return 0;
}

void disk_interrupt(void)
{
    set_reg(R_INTERRUPT_ACK, reg(R_INTERRUPT_STATUS) & 3);
    __asm__ volatile("fence" ::: "memory");
    if (*(volatile uint16_t *)&queue.used.idx != last_used) {
        last_used = *(volatile uint16_t *)&queue.used.idx;
        completed = 1;
    }
}

static int request(uint32_t type, uint32_t sector, void *buf, uint32_t count)
{
    if (!base || sector + count > sectors || sector + count < sector)
        return -1;
    header.type = type;
    header.reserved = 0;
    header.sector = sector;
    status = 0xff;
    queue.desc[0] = (struct desc){ (uint32_t)&header, sizeof header, DESC_F_NEXT, 1 };
    queue.desc[1] = (struct desc){ (uint32_t)buf, count * 512, DESC_F_NEXT | (type == 0 ? DESC_F_WRITE : 0), 2 };
    queue.desc[2] = (struct desc){ (uint32_t)&status, 1, DESC_F_WRITE, 0 };
    queue.avail.ring[queue.avail.idx % QUEUE_SIZE] = 0;
    __asm__ volatile("fence" ::: "memory");
    queue.avail.idx++;
    __asm__ volatile("fence" ::: "memory");
    completed = 0;
    set_reg(R_QUEUE_NOTIFY, 0);
    while (!completed)
        wait_for_interrupt();
    return status == 0 ? 0 : -1;
}

int disk_read(uint32_t sector, void *buf, uint32_t count)
{
    return request(0, sector, buf, count);
}

int disk_write(uint32_t sector, const void *buf, uint32_t count)
{
    return request(1, sector, (void *)buf, count);
}
