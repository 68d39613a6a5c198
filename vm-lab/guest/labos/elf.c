/*
 * Loading a static RV32 ELF from the file system into a fresh address space: every PT_LOAD segment, each page
 * mapped user-accessible with the segment's permissions (pages two segments share get both), file bytes copied
 * in, the rest zero.
 */
#include "kernel.h"

struct elf_header {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct program_header {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4

int elf_load(uint32_t *root, int file, uint32_t *entry, uint32_t *end)
{
    struct elf_header h;
    if (fs_read(file, 0, &h, sizeof h) != sizeof h || memcmp(h.ident, "\177ELF\1\1", 6) != 0 || h.machine != 243 ||
        h.type != 2 || h.phentsize != sizeof(struct program_header) || h.phnum > 16)
        return -8;      /* ENOEXEC */
    uint32_t top = 0;
    for (int i = 0; i < h.phnum; i++) {
        struct program_header ph;
        if (fs_read(file, h.phoff + (uint32_t)i * sizeof ph, &ph, sizeof ph) != sizeof ph)
            return -8;
        if (ph.type != PT_LOAD || ph.memsz == 0)
            continue;
        if (ph.filesz > ph.memsz || ph.vaddr + ph.memsz < ph.vaddr || ph.vaddr + ph.memsz > 0x7f000000u ||
            ph.vaddr < PAGE)
            return -8;
        uint32_t flags = PTE_U | (ph.flags & PF_R ? PTE_R : 0) | (ph.flags & PF_W ? PTE_W | PTE_R : 0) |
                         (ph.flags & PF_X ? PTE_X : 0);
        for (uint32_t va = ph.vaddr & ~(PAGE - 1); va < ph.vaddr + ph.memsz; va += PAGE) {
            uint32_t *pte = walk(root, va);
            if (pte) {
                *pte |= flags;
                continue;
            }
            uint32_t pa = page_alloc();
            if (!pa || map_page(root, va, pa, flags) != 0)
                return -12;     /* ENOMEM */
        }
        /* Copy the file bytes page by page: user pages are not contiguous in physical memory. */
        for (uint32_t done = 0; done < ph.filesz;) {
            uint32_t va = ph.vaddr + done;
            uint32_t chunk = PAGE - (va & (PAGE - 1));
            if (chunk > ph.filesz - done)
                chunk = ph.filesz - done;
            uint32_t pa = (*walk(root, va) >> 10 << 12) | (va & (PAGE - 1));
            if (fs_read(file, ph.offset + done, (void *)pa, chunk) != (long)chunk)
                return -8;
            done += chunk;
        }
        if (ph.vaddr + ph.memsz > top)
            top = ph.vaddr + ph.memsz;
    }
    if (!top)
        return -8;
    *entry = h.entry;
    *end = top;
    return 0;
}
