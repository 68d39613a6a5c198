/* The trap-virtualization bits of mstatus, which a hypervisor relies on to run a guest kernel in S-mode:
   TVM traps satp and sfence.vma, TW traps wfi, TSR traps sret. Each as an illegal instruction in M-mode,
   and each works normally with the bit clear. */
#include "check.h"
    test_start

test_main:
    check_number 1          /* TVM clear: S reads and writes satp, runs sfence.vma */
    clear_traps
    enter_mode 1, s_tvm_off
s_tvm_off:
    csrr    t0, satp
    csrw    satp, zero
    sfence.vma
    ecall
    expect_word m_traps, 1
    expect_m_cause CAUSE_ECALL_S

    check_number 2          /* TVM set: reading satp in S is illegal, with mtval the instruction */
    li      t0, MSTATUS_TVM
    csrs    mstatus, t0
    clear_traps
    resume_at check2_done
    enter_mode 1, s_tvm_read
s_tvm_read:
    csrr    t0, satp
    j       fail
check2_done:
    expect_m_cause CAUSE_ILLEGAL
    la      t0, s_tvm_read
    lw      t0, 0(t0)
    la      t1, m_tval
    lw      t1, 0(t1)
    beqz    t1, 1f          /* mtval may be 0 or the instruction bits */
    bne     t0, t1, fail
1:
    check_number 3          /* TVM set: writing satp and sfence.vma are illegal in S */
    clear_traps
    enter_mode 1, s_tvm_write
s_tvm_write:
    csrw    satp, zero
    sfence.vma
    ecall
    expect_word m_traps, 3
    expect_m_cause CAUSE_ECALL_S

    check_number 4          /* TVM does not affect M-mode */
    clear_traps
    csrr    t0, satp
    sfence.vma
    expect_word m_traps, 0
    li      t0, MSTATUS_TVM
    csrc    mstatus, t0

    check_number 5          /* TW set: wfi in S is illegal */
    li      t0, MSTATUS_TW
    csrs    mstatus, t0
    clear_traps
    resume_at check5_done
    enter_mode 1, s_wfi
s_wfi:
    wfi
    j       fail
check5_done:
    expect_m_cause CAUSE_ILLEGAL
    expect_word m_mpp, 1

    check_number 6          /* TW set: wfi in U is illegal too */
    clear_traps
    resume_at check6_done
    enter_mode 0, u_wfi
u_wfi:
    wfi
    j       fail
check6_done:
    expect_m_cause CAUSE_ILLEGAL
    li      t0, MSTATUS_TW
    csrc    mstatus, t0

    check_number 7          /* TSR clear: sret in S works (back to S at sepc, SPP = S) */
    clear_traps
    enter_mode 1, s_sret_ok
s_sret_ok:
    li      t0, MSTATUS_SPP
    csrs    sstatus, t0
    la      t0, s_after_sret
    csrw    sepc, t0
    sret
    j       fail
s_after_sret:
    ecall
    expect_word m_traps, 1
    expect_m_cause CAUSE_ECALL_S

    check_number 8          /* TSR set: sret in S is illegal */
    li      t0, MSTATUS_TSR
    csrs    mstatus, t0
    clear_traps
    resume_at check8_done
    enter_mode 1, s_sret_trapped
s_sret_trapped:
    li      t0, MSTATUS_SPP
    csrs    sstatus, t0
    la      t0, fail
    csrw    sepc, t0
    sret
    j       fail
check8_done:
    expect_m_cause CAUSE_ILLEGAL
    expect_word m_mpp, 1

    check_number 9          /* TSR does not affect sret in M-mode */
    clear_traps
    li      t0, MSTATUS_SPP
    csrs    mstatus, t0
    la      t0, m_after_sret
    csrw    sepc, t0
    sret
    j       fail
m_after_sret:
    ecall                   /* sret went to S (SPP was S): come back */
    expect_word m_traps, 1
    expect_m_cause CAUSE_ECALL_S
    li      t0, MSTATUS_TSR
    csrc    mstatus, t0

    j       pass
