/*
 * A small Sv32 address space shared by the paging tests, built in M-mode by `build_page_tables`:
 *
 *   VA 0x80000000  4 MiB megapage, identity, R W X A D, supervisor only (the test code and data)
 *   VA 0xC0000000  4 MiB megapage alias of the same memory with U set (code and data for U-mode)
 *   VA 0x40400000  a megapage whose PPN[0] is not zero: misaligned, any access is a page fault
 *   VA 0x40000000 + n * 4 KiB, through `leaf_pt`:
 *     n=0 page_a R W A D        n=1 not valid               n=2 page_b R A (read-only)
 *     n=3 page_b X A (exec-only) n=4 page_c R W U A D (user) n=5 page_a W A D (W without R: reserved)
 *     n=6 exec_page R X A       n=7 page_a R W, A=0 D=0     n=8 exec_page X, A=0
 */
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80

#define VA_BASE       0x40000000
#define VA_PAGE(n)    (VA_BASE + (n) * 0x1000)
#define VA_MISALIGNED 0x40400000
#define USER_ALIAS    (0xC0000000 - 0x80000000)   /* add to a physical address to get its U-mode alias */
#define SATP_SV32     0x80000000

/* t0 = PTE for physical address in register pa with flags */
.macro make_pte pa, flags
    srli    t0, \pa, 12
    slli    t0, t0, 10
    ori     t0, t0, \flags
.endm

/* leaf_pt[n] = PTE(symbol, flags) */
.macro map_page n, symbol, flags
    la      t1, \symbol
    make_pte t1, \flags
    la      t1, leaf_pt
    sw      t0, (\n * 4)(t1)
.endm

.macro sv32_tables
build_page_tables:
    la      t2, root_pt
    li      t1, 0x80000000
    make_pte t1, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
    li      t3, 0x200 * 4
    add     t3, t3, t2
    sw      t0, 0(t3)
    li      t1, 0x80000000
    make_pte t1, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D
    li      t3, 0x300 * 4
    add     t3, t3, t2
    sw      t0, 0(t3)
    li      t1, 0x80001000
    make_pte t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    sw      t0, (0x101 * 4)(t2)
    la      t1, leaf_pt
    make_pte t1, PTE_V
    sw      t0, (0x100 * 4)(t2)
    map_page 0, page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    la      t1, leaf_pt
    sw      zero, 4(t1)
    map_page 2, page_b, PTE_V | PTE_R | PTE_A
    map_page 3, page_b, PTE_V | PTE_X | PTE_A
    map_page 4, page_c, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
    map_page 5, page_a, PTE_V | PTE_W | PTE_A | PTE_D
    map_page 6, exec_page, PTE_V | PTE_R | PTE_X | PTE_A
    map_page 7, page_a, PTE_V | PTE_R | PTE_W
    map_page 8, exec_page, PTE_V | PTE_X
    /* page contents the tests recognise */
    la      t1, page_a
    li      t0, 0xaaaa0001
    sw      t0, 0(t1)
    la      t1, page_b
    li      t0, 0xbbbb0002
    sw      t0, 0(t1)
    la      t1, page_c
    li      t0, 0xcccc0003
    sw      t0, 0(t1)
    ret

/* satp = Sv32 with root_pt */
enable_paging:
    la      t0, root_pt
    srli    t0, t0, 12
    li      t1, SATP_SV32
    or      t0, t0, t1
    csrw    satp, t0
    sfence.vma
    ret

    /* a page of code: returns 42 in a0 */
    .section .text.exec_page, "ax"
    .align 12
exec_page:
    li      a0, 42
    ret
    .align 12

    .bss
    .align 12
root_pt:   .space 4096
leaf_pt:   .space 4096
page_a:    .space 4096
page_b:    .space 4096
page_c:    .space 4096
    .text
.endm
