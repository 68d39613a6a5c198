/*
 * Reading the flattened device tree (FDT) the firmware passes in a1: QEMU's virt board and VM Lab's both make one for
 * the board as configured. labOS takes the RAM's size from the /memory node and counts the virtio-mmio transports.
 *
 * The blob comes from outside the kernel, so every offset and length is checked against the header's sizes before it
 * is followed: a malformed tree is a panic that says what is wrong, never a fault or a walk that runs off the end.
 */
#include "kernel.h"

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9
#define FDT_MAX_SIZE   (1u << 20)   /* QEMU's trees are a few KiB; anything near this is not a tree */
#define MAX_DEPTH      16

extern char _kernel_end[];

static uint32_t be32(const uint8_t *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void __attribute__((noreturn)) bad_tree(uint32_t fdt, const char *why)
{
    kprintf("labOS: panic: the device tree at %x is unusable: %s\n", fdt, why);
    sbi_fail();
}

/* The length of a NUL-terminated string starting at s, or -1 if it does not end before limit. */
static long bounded_strlen(const char *s, const char *limit)
{
    for (const char *p = s; p < limit; p++)
        if (*p == 0)
            return p - s;
    return -1;
}

/* A reg or cells value of `cells` 32-bit cells (1 or 2) at data, as a 64-bit number. */
static uint64_t read_cells(const uint8_t *data, uint32_t cells)
{
    return cells == 2 ? (uint64_t)be32(data) << 32 | be32(data + 4) : be32(data);
}

void fdt_read(uint32_t fdt, struct board *board)
{
    if (fdt == 0)
        bad_tree(fdt, "there is none (a1 = 0: the board may have too little RAM to hold one)");
    if (fdt < RAM_BASE || (fdt & 7) != 0 || fdt > 0xffffffffu - FDT_MAX_SIZE)
        bad_tree(fdt, "its address is not 8-byte aligned RAM");
    const uint8_t *blob = (const uint8_t *)fdt;
    if (be32(blob) != FDT_MAGIC)
        bad_tree(fdt, "no FDT magic 0xd00dfeed");
    uint32_t total = be32(blob + 4), off_struct = be32(blob + 8), off_strings = be32(blob + 12);
    uint32_t version = be32(blob + 20), last_compatible = be32(blob + 24);
    uint32_t size_strings = be32(blob + 32), size_struct = be32(blob + 36);
    if (version < 17 || last_compatible > 17)
        bad_tree(fdt, "not version 17 of the format");
    if (total < 40 || total > FDT_MAX_SIZE || off_struct > total || size_struct > total - off_struct
            || off_strings > total || size_strings > total - off_strings || (off_struct & 3) != 0)
        bad_tree(fdt, "its header's offsets and sizes do not fit its total size");

    const uint8_t *p = blob + off_struct, *end = p + size_struct;
    const char *strings = (const char *)blob + off_strings, *strings_end = strings + size_strings;
    uint32_t address_cells = 2, size_cells = 1;    /* the specification's defaults for the root */
    int depth = 0, in_memory = 0, ended = 0;
    board->ram_end = 0;
    board->virtio_slots = 0;
    while (!ended) {
        if (end - p < 4)
            bad_tree(fdt, "the structure block ends without an END token");
        uint32_t token = be32(p);
        p += 4;
        switch (token) {
        case FDT_BEGIN_NODE: {
            long len = bounded_strlen((const char *)p, (const char *)end);
            if (len < 0)
                bad_tree(fdt, "a node name runs past the structure block");
            const char *name = (const char *)p;
            if (++depth > MAX_DEPTH)
                bad_tree(fdt, "nodes nested too deep");
            in_memory = depth == 2 && strncmp(name, "memory", 6) == 0 && (name[6] == 0 || name[6] == '@');
            if (depth == 3 && strncmp(name, "virtio_mmio@", 12) == 0)
                board->virtio_slots++;
            p += ((uint32_t)len + 4) & ~3u;
            break;
        }
        case FDT_END_NODE:
            if (--depth < 0)
                bad_tree(fdt, "more node ends than node beginnings");
            in_memory = 0;
            break;
        case FDT_PROP: {
            if (end - p < 8)
                bad_tree(fdt, "a property header runs past the structure block");
            uint32_t len = be32(p), name_offset = be32(p + 4);
            const uint8_t *data = p + 8;
            if (len > (uint32_t)(end - data))
                bad_tree(fdt, "a property's value runs past the structure block");
            if (name_offset >= size_strings || bounded_strlen(strings + name_offset, strings_end) < 0)
                bad_tree(fdt, "a property's name is outside the strings block");
            const char *name = strings + name_offset;
            if (depth == 1 && (strcmp(name, "#address-cells") == 0 || strcmp(name, "#size-cells") == 0)) {
                if (len != 4 || be32(data) < 1 || be32(data) > 2)
                    bad_tree(fdt, "the root's #address-cells or #size-cells is not 1 or 2");
                *(name[1] == 'a' ? &address_cells : &size_cells) = be32(data);
            }
            if (in_memory && strcmp(name, "reg") == 0 && board->ram_end == 0) {
                if (len < 4 * (address_cells + size_cells))
                    bad_tree(fdt, "the /memory node's reg is too short");
                uint64_t base = read_cells(data, address_cells);
                uint64_t size = read_cells(data + 4 * address_cells, size_cells);
                if (base != RAM_BASE)
                    bad_tree(fdt, "RAM does not start at 0x80000000");
                uint64_t top = base + size;
                board->ram_end = top > 0xfffff000u ? 0xfffff000u : (uint32_t)top;
            }
            p = data + ((len + 3) & ~3u);
            break;
        }
        case FDT_NOP:
            break;
        case FDT_END:
            ended = 1;
            break;
        default:
            bad_tree(fdt, "an unknown token in the structure block");
        }
    }
    if (depth != 0)
        bad_tree(fdt, "a node is not closed");
    if (board->ram_end == 0)
        bad_tree(fdt, "no /memory node with a reg property");
    if (board->ram_end < (uint32_t)_kernel_end + (1u << 20))
        bad_tree(fdt, "RAM ends inside the kernel or leaves it less than 1 MiB");
}
