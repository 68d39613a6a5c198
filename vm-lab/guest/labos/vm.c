/*
 * Physical pages and Sv32 page tables.
 *
 * Free pages form a linked list threaded through the pages themselves. Every address space shares the kernel's
 * part: RAM mapped one-to-one with 4 MiB megapages (supervisor only, global), plus the PLIC's and the UART and
 * virtio devices' megapages. Processes own the rest of the 4 GiB below 0x80000000.
 */
#include "kernel.h"

extern char _kernel_end[];
static uint32_t free_list, free_count;
uint32_t *kernel_pagetable;

void page_free(uint32_t pa)
{
    *(uint32_t *)pa = free_list;
    free_list = pa;
    free_count++;
}

uint32_t page_alloc(void)
{
    uint32_t pa = free_list;
    if (!pa)
        return 0;
    free_list = *(uint32_t *)pa;
    free_count--;
    memset((void *)pa, 0, PAGE);
    return pa;
}

uint32_t pages_free_count(void)
{
    return free_count;
}

void pages_init(uint32_t ram_end)
{
    /* Highest first, so the list hands out low pages first (and the same ones on every boot). */
    for (uint32_t pa = ram_end - PAGE; pa >= (uint32_t)_kernel_end; pa -= PAGE)
        page_free(pa);
}

static uint32_t ram_top;

static void map_kernel(uint32_t *root)
{
    for (uint32_t va = RAM_BASE; va < ram_top; va += 0x400000)
        root[va >> 22] = (va >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_G | PTE_A | PTE_D;
    root[0x0c000000u >> 22] = (0x0c000000u >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D;
    root[0x10000000u >> 22] = (0x10000000u >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D;
}

uint32_t *pagetable_new(void)
{
    uint32_t *root = (uint32_t *)page_alloc();
    if (root)
        map_kernel(root);
    return root;
}

void vm_init(uint32_t ram_end)
{
    ram_top = (ram_end + 0x3fffff) & ~0x3fffffu;
    kernel_pagetable = pagetable_new();
    write_csr(satp, satp_of(kernel_pagetable));
    __asm__ volatile("sfence.vma");
}

uint32_t *walk(uint32_t *root, uint32_t va)
{
    uint32_t top = root[va >> 22];
    if (!(top & PTE_V) || (top & (PTE_R | PTE_X)))
        return NULL;
    uint32_t *table = (uint32_t *)((top >> 10) << 12);
    uint32_t *pte = &table[(va >> 12) & 0x3ff];
    return (*pte & PTE_V) ? pte : NULL;
}

int map_page(uint32_t *root, uint32_t va, uint32_t pa, uint32_t flags)
{
    uint32_t *top = &root[va >> 22];
    if (!(*top & PTE_V)) {
        uint32_t table = page_alloc();
        if (!table)
            return -1;
        *top = (table >> 12) << 10 | PTE_V;
    }
    uint32_t *table = (uint32_t *)((*top >> 10) << 12);
    /* A and D set up front: the kernel never pages out, and some hardware faults instead of setting them. */
    table[(va >> 12) & 0x3ff] = (pa >> 12) << 10 | flags | PTE_V | PTE_A | PTE_D;
    return 0;
}

uint32_t unmap_page(uint32_t *root, uint32_t va)
{
    uint32_t *pte = walk(root, va);
    if (!pte)
        return 0;
    uint32_t pa = (*pte >> 10) << 12;
    *pte = 0;
    return pa;
}

/* Frees the user pages and the page-table pages; the kernel's megapages are shared and stay. */
void pagetable_free(uint32_t *root)
{
    for (uint32_t i = 0; i < (RAM_BASE >> 22); i++) {
        uint32_t top = root[i];
        if (!(top & PTE_V) || (top & (PTE_R | PTE_X)))
            continue;
        uint32_t *table = (uint32_t *)((top >> 10) << 12);
        for (int j = 0; j < 1024; j++)
            if (table[j] & PTE_V)
                page_free((table[j] >> 10) << 12);
        page_free((uint32_t)table);
    }
    page_free((uint32_t)root);
}
