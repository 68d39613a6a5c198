/* Exceptions taken in M-mode: cause, mepc and mtval for each kind, and the CSRs a handler relies on. */
#include "check.h"
    test_start

test_main:
    check_number 1          /* ecall from M-mode: cause 11, mepc = the ecall */
    clear_traps
ecall_here:
    ecall
    expect_m_cause CAUSE_ECALL_M
    la      t0, ecall_here
    la      t1, m_epc
    lw      t1, 0(t1)
    bne     t0, t1, fail
    expect_word m_mpp, 3

    check_number 2          /* ebreak: cause 3 */
    clear_traps
    ebreak
    expect_m_cause CAUSE_BREAKPOINT

    check_number 3          /* an illegal word: cause 2, mtval = the instruction bits */
    clear_traps
    .word 0xffffffff
    expect_m_cause CAUSE_ILLEGAL
    expect_word m_tval, 0xffffffff

    check_number 4          /* the all-zero word is illegal too */
    clear_traps
    .word 0
    expect_m_cause CAUSE_ILLEGAL

    check_number 5          /* a CSR that does not exist: illegal */
    clear_traps
    csrr    t0, 0x7ff
    expect_m_cause CAUSE_ILLEGAL

    check_number 6          /* writing a read-only CSR (mhartid) is illegal; reading it gives 0 */
    clear_traps
    csrr    t0, mhartid
    expect  t0, 0
    expect_word m_traps, 0
    csrw    mhartid, t0
    expect_m_cause CAUSE_ILLEGAL

    check_number 7          /* load from a hole: load access fault, mtval = address */
    clear_traps
    li      t0, HOLE
    lw      t1, 0(t0)
    expect_m_cause CAUSE_LOAD_ACCESS
    expect_word m_tval, HOLE

    check_number 8          /* store to a hole: store access fault */
    clear_traps
    li      t0, HOLE + 8
    sw      t1, 0(t0)
    expect_m_cause CAUSE_STORE_ACCESS
    expect_word m_tval, HOLE + 8

    check_number 9          /* jump into a hole: instruction access fault, mepc = mtval = target */
    clear_traps
    resume_at after_fetch
    li      t0, HOLE
    jr      t0
    j       fail
after_fetch:
    expect_m_cause CAUSE_FETCH_ACCESS
    expect_word m_epc, HOLE

    check_number 10         /* jump to a 2-byte aligned target (no C extension): misaligned fetch on the jump */
    clear_traps
    la      t0, misaligned_target
    addi    t0, t0, 2
jump_here:
    jr      t0
    j       after_misaligned
misaligned_target:
    j       fail
    j       fail
after_misaligned:
    expect_m_cause CAUSE_MISALIGNED_FETCH
    la      t0, jump_here
    la      t1, m_epc
    lw      t1, 0(t1)
    bne     t0, t1, fail
    la      t0, misaligned_target
    addi    t0, t0, 2
    la      t1, m_tval
    lw      t1, 0(t1)
    bne     t0, t1, fail

    check_number 11         /* mscratch holds what we write; mcause/mepc are writable */
    li      t0, 0x5a5a1234
    csrrw   t1, mscratch, t0
    csrr    t2, mscratch
    bne     t0, t2, fail
    csrw    mscratch, t1
    li      t0, 0x80001000
    csrw    mepc, t0
    csrr    t1, mepc
    bne     t0, t1, fail

    check_number 12         /* misa says RV32 with I, M, A, S and U */
    csrr    t0, misa
    srli    t1, t0, 30
    expect  t1, 1
    li      t2, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 18) | (1 << 20)
    and     t1, t0, t2
    bne     t1, t2, fail

    check_number 13         /* counters move forward */
    csrr    t0, mcycle
    csrr    t2, minstret
    nop
    nop
    csrr    t1, mcycle
    csrr    t3, minstret
    bgeu    t0, t1, fail
    bgeu    t2, t3, fail

    check_number 14         /* mtvec in vectored mode still sends exceptions to the base */
    clear_traps
    la      t0, m_trap
    ori     t0, t0, 1
    csrw    mtvec, t0
    ecall
    expect_m_cause CAUSE_ECALL_M
    la      t0, m_trap
    csrw    mtvec, t0

    j       pass
