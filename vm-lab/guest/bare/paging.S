/* Sv32 translation in S and U mode: walks through megapages and 4 KiB pages, and every page-fault cause
   (load 13, store 15, fetch 12) with mtval = the virtual address; permissions R/W/X/U, SUM, MXR, MPRV,
   reserved and misaligned entries, and sfence.vma after a page-table change. Faults go to M (no delegation). */
#include "check.h"
#include "sv32.h"
    test_start
    sv32_tables

/* Fail unless the last trap was a page fault of this cause at this virtual address. */
.macro expect_fault cause, va
    expect_m_cause \cause
    expect_word m_tval, \va
.endm

test_main:
    call    build_page_tables

    check_number 1          /* satp holds mode and root PPN */
    call    enable_paging
    csrr    t0, satp
    la      t1, root_pt
    srli    t1, t1, 12
    li      t2, SATP_SV32
    or      t1, t1, t2
    bne     t0, t1, fail

    check_number 2          /* S loads and stores through a 4 KiB page; M sees the store at the physical address */
    clear_traps
    enter_mode 1, s_rw
s_rw:
    li      t0, VA_PAGE(0)
    lw      s1, 0(t0)
    li      t1, 0x12345678
    sw      t1, 4(t0)
    ecall
    expect_word m_traps, 1
    expect  s1, 0xaaaa0001
    expect_word page_a + 4, 0x12345678

    check_number 3          /* an invalid entry: load and store page faults with the address */
    clear_traps
    resume_at check3_done
    enter_mode 1, s_invalid_load
s_invalid_load:
    li      t0, VA_PAGE(1) + 12
    lw      t1, 0(t0)
    j       fail
check3_done:
    expect_fault CAUSE_LOAD_PAGE, VA_PAGE(1) + 12

    check_number 4
    clear_traps
    resume_at check4_done
    enter_mode 1, s_invalid_store
s_invalid_store:
    li      t0, VA_PAGE(1) + 16
    sw      t1, 0(t0)
    j       fail
check4_done:
    expect_fault CAUSE_STORE_PAGE, VA_PAGE(1) + 16

    check_number 5          /* a read-only page: loads work, stores fault */
    clear_traps
    resume_at check5_done
    enter_mode 1, s_readonly
s_readonly:
    li      t0, VA_PAGE(2)
    lw      s1, 0(t0)
    sw      s1, 8(t0)
    j       fail
check5_done:
    expect_fault CAUSE_STORE_PAGE, VA_PAGE(2) + 8
    expect  s1, 0xbbbb0002

    check_number 6          /* an execute-only page cannot be read... */
    clear_traps
    resume_at check6_done
    enter_mode 1, s_exec_only
s_exec_only:
    li      t0, VA_PAGE(3)
    lw      s1, 0(t0)
    j       fail
check6_done:
    expect_fault CAUSE_LOAD_PAGE, VA_PAGE(3)

    check_number 7          /* ...unless mstatus.MXR makes executable pages readable */
    li      t0, MSTATUS_MXR
    csrs    mstatus, t0
    clear_traps
    enter_mode 1, s_mxr
s_mxr:
    li      t0, VA_PAGE(3)
    lw      s1, 0(t0)
    ecall
    li      t0, MSTATUS_MXR
    csrc    mstatus, t0
    expect_word m_traps, 1
    expect  s1, 0xbbbb0002

    check_number 8          /* S may not read a U page... */
    clear_traps
    resume_at check8_done
    enter_mode 1, s_user_page
s_user_page:
    li      t0, VA_PAGE(4)
    lw      s1, 0(t0)
    j       fail
check8_done:
    expect_fault CAUSE_LOAD_PAGE, VA_PAGE(4)

    check_number 9          /* ...unless sstatus.SUM is set */
    li      t0, MSTATUS_SUM
    csrs    mstatus, t0
    clear_traps
    enter_mode 1, s_sum
s_sum:
    li      t0, VA_PAGE(4)
    lw      s1, 0(t0)
    ecall
    li      t0, MSTATUS_SUM
    csrc    mstatus, t0
    expect_word m_traps, 1
    expect  s1, 0xcccc0003

    check_number 10         /* W without R is reserved: a page fault */
    clear_traps
    resume_at check10_done
    enter_mode 1, s_reserved
s_reserved:
    li      t0, VA_PAGE(5)
    lw      s1, 0(t0)
    j       fail
check10_done:
    expect_fault CAUSE_LOAD_PAGE, VA_PAGE(5)

    check_number 11         /* a misaligned megapage is a page fault */
    clear_traps
    resume_at check11_done
    enter_mode 1, s_misaligned_mega
s_misaligned_mega:
    li      t0, VA_MISALIGNED + 4
    lw      s1, 0(t0)
    j       fail
check11_done:
    expect_fault CAUSE_LOAD_PAGE, VA_MISALIGNED + 4

    check_number 12         /* code runs from an executable page at its virtual address */
    clear_traps
    enter_mode 1, s_exec
s_exec:
    li      a0, 0
    li      t0, VA_PAGE(6)
    jalr    t0
    mv      s1, a0
    ecall
    expect_word m_traps, 1
    expect  s1, 42

    check_number 13         /* fetching from a page without X: fetch page fault, mepc = mtval = target */
    clear_traps
    resume_at check13_done
    enter_mode 1, s_no_exec
s_no_exec:
    li      t0, VA_PAGE(0)
    jalr    t0
    j       fail
check13_done:
    expect_fault CAUSE_FETCH_PAGE, VA_PAGE(0)
    expect_word m_epc, VA_PAGE(0)

    check_number 14         /* U-mode runs from the U alias; reads its U page; a supervisor page faults */
    clear_traps
    resume_at check14_done
    li      t0, MSTATUS_MPP
    csrc    mstatus, t0
    la      t0, u_code
    li      t1, USER_ALIAS
    add     t0, t0, t1
    csrw    mepc, t0
    mret
u_code:
    li      t0, VA_PAGE(4)
    lw      s1, 0(t0)
    li      t0, VA_PAGE(0)
    lw      s2, 0(t0)
    j       fail
check14_done:
    expect  s1, 0xcccc0003
    expect_fault CAUSE_LOAD_PAGE, VA_PAGE(0)
    expect_word m_mpp, 0

    check_number 15         /* M-mode with MPRV and MPP = S loads through translation */
    li      t0, MSTATUS_MPP
    csrc    mstatus, t0
    li      t0, MSTATUS_MPP_S | MSTATUS_MPRV
    csrs    mstatus, t0
    li      t0, VA_PAGE(2)
    lw      s1, 0(t0)
    li      t0, MSTATUS_MPRV
    csrc    mstatus, t0
    expect  s1, 0xbbbb0002

    check_number 16         /* change a mapping, sfence.vma, and S sees the new page */
    map_page 0, page_b, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    clear_traps
    enter_mode 1, s_remap
s_remap:
    sfence.vma
    li      t0, VA_PAGE(0)
    lw      s1, 0(t0)
    ecall
    expect_word m_traps, 1
    expect  s1, 0xbbbb0002

    check_number 17         /* with satp = 0 (Bare), S addresses are physical again */
    csrw    satp, zero
    clear_traps
    enter_mode 1, s_bare
s_bare:
    la      t0, page_c
    lw      s1, 0(t0)
    ecall
    expect_word m_traps, 1
    expect  s1, 0xcccc0003

    j       pass
