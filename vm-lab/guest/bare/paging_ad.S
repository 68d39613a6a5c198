/* Sv32 accessed (A) and dirty (D) bits. The spec allows two designs, and this test accepts either, as long as a
   machine sticks to one:
     - hardware update (what QEMU does): an access sets A, a store sets A and D, in the PTE in memory;
     - page faults: an access to a page with A=0, or a store with D=0, raises a page fault and the OS sets the bit.
   In both, a permission fault leaves the PTE untouched. s10 = 1 for hardware update, 0 for faults. */
#include "check.h"
#include "sv32.h"
    test_start
    sv32_tables

/* t0 = leaf_pt[n] */
.macro load_pte n
    la      t0, leaf_pt
    lw      t0, (\n * 4)(t0)
.endm

test_main:
    call    build_page_tables
    call    enable_paging

    check_number 1          /* a load from a page with A=0: either A is set, or a load page fault with A still 0 */
    clear_traps
    resume_at check1_done
    enter_mode 1, s_load
s_load:
    li      t0, VA_PAGE(7)
    lw      s1, 0(t0)
    ecall
check1_done:
    load_pte 7
    andi    t1, t0, PTE_A | PTE_D
    la      t2, m_cause
    lw      t2, 0(t2)
    li      t3, CAUSE_ECALL_S
    beq     t2, t3, hardware_load
    li      s10, 0
    expect  t2, CAUSE_LOAD_PAGE
    expect  t1, 0
    expect_word m_tval, VA_PAGE(7)
    j       check2
hardware_load:
    li      s10, 1
    expect  t1, PTE_A
    expect  s1, 0xaaaa0001

check2:
    check_number 2          /* the OS's part in the fault design: set A, and the load works */
    beqz    s10, 1f
    j       check3
1:  load_pte 7
    ori     t0, t0, PTE_A
    la      t1, leaf_pt
    sw      t0, (7 * 4)(t1)
    clear_traps
    enter_mode 1, s_load_again
s_load_again:
    sfence.vma
    li      t0, VA_PAGE(7)
    lw      s1, 0(t0)
    ecall
    expect_word m_traps, 1
    expect  s1, 0xaaaa0001

check3:
    check_number 3          /* a store to a page with D=0: D is set (hardware), or a store page fault (faults) */
    clear_traps
    resume_at check3_done
    enter_mode 1, s_store
s_store:
    sfence.vma
    li      t0, VA_PAGE(7)
    li      t1, 0x5151
    sw      t1, 8(t0)
    ecall
check3_done:
    load_pte 7
    andi    t1, t0, PTE_A | PTE_D
    la      t2, m_cause
    lw      t2, 0(t2)
    beqz    s10, 1f
    expect  t2, CAUSE_ECALL_S
    expect  t1, PTE_A | PTE_D
    expect_word page_a + 8, 0x5151
    j       check4
1:  expect  t2, CAUSE_STORE_PAGE
    expect  t1, PTE_A
    expect_word m_tval, VA_PAGE(7) + 8

check4:
    check_number 4          /* a fetch from an executable page with A=0: A set, or a fetch page fault */
    clear_traps
    resume_at check4_done
    enter_mode 1, s_fetch
s_fetch:
    sfence.vma
    li      a0, 0
    li      t0, VA_PAGE(8)
    jalr    t0
    mv      s1, a0
    ecall
check4_done:
    load_pte 8
    andi    t1, t0, PTE_A | PTE_D
    la      t2, m_cause
    lw      t2, 0(t2)
    beqz    s10, 1f
    expect  t2, CAUSE_ECALL_S
    expect  t1, PTE_A
    expect  s1, 42
    j       check5
1:  expect  t2, CAUSE_FETCH_PAGE
    expect  t1, 0
    expect_word m_tval, VA_PAGE(8)

check5:
    check_number 5          /* a store that breaks permissions (read-only page, A=0) changes nothing in the PTE */
    map_page 2, page_b, PTE_V | PTE_R
    clear_traps
    resume_at check5_done
    enter_mode 1, s_bad_store
s_bad_store:
    sfence.vma
    li      t0, VA_PAGE(2)
    sw      t0, 0(t0)
    j       fail
check5_done:
    load_pte 2
    andi    t1, t0, PTE_A | PTE_D
    expect  t1, 0
    expect_m_cause CAUSE_STORE_PAGE
    expect_word page_b, 0xbbbb0002

    j       pass
