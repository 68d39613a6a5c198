/* mret and sret: entering S and U mode, what each mode may touch, and the mstatus stack (MPP/MPIE, SPP/SPIE). */
#include "check.h"
    test_start

test_main:
    check_number 1          /* mret to S: S may read sstatus */
    clear_traps
    enter_mode 1, in_s
in_s:
    csrr    t0, sstatus
    ecall                   /* back to M: cause 9, MPP says S */
    expect_m_cause CAUSE_ECALL_S
    expect_word m_mpp, 1
    expect_word m_traps, 1

    check_number 2          /* in S, reading mstatus is illegal */
    clear_traps
    enter_mode 1, s_reads_mstatus
s_reads_mstatus:
    csrr    t0, mstatus
    ecall
    expect_word m_traps, 2  /* the illegal instruction, then the ecall */
    expect_m_cause CAUSE_ECALL_S

    check_number 3          /* mret to U: U may not read sstatus, and its ecall is cause 8 */
    clear_traps
    enter_mode 0, in_u
in_u:
    csrr    t0, sstatus
    ecall
    expect_word m_traps, 2
    expect_m_cause CAUSE_ECALL_U
    expect_word m_mpp, 0

    check_number 4          /* in U, mret and sret are illegal */
    clear_traps
    enter_mode 0, u_tries_xret
u_tries_xret:
    mret
    sret
    ecall
    expect_word m_traps, 3
    expect_m_cause CAUSE_ECALL_U

    check_number 5          /* mret: MIE <- MPIE, MPIE <- 1, MPP <- U (the least privileged mode) */
    li      t0, MSTATUS_MIE
    csrc    mstatus, t0
    li      t0, MSTATUS_MPIE
    csrc    mstatus, t0
    li      t0, MSTATUS_MPP
    csrs    mstatus, t0     /* MPP = M: mret stays in M-mode */
    la      t0, after_mret
    csrw    mepc, t0
    mret
after_mret:
    csrr    t0, mstatus
    li      t1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    and     t0, t0, t1
    expect  t0, MSTATUS_MPIE

    check_number 6          /* a trap from M: MPIE <- MIE, MIE <- 0, MPP <- M */
    li      t0, MSTATUS_MIE
    csrs    mstatus, t0
    clear_traps
    csrw    mie, zero       /* no interrupt source enabled, so MIE=1 is harmless */
    ecall
    csrr    t0, mstatus
    li      t1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    and     t0, t0, t1
    /* the handler's mret restored MIE from MPIE=1; MPIE is now 1, MPP is U */
    expect  t0, MSTATUS_MIE | MSTATUS_MPIE
    li      t0, MSTATUS_MIE
    csrc    mstatus, t0

    check_number 7          /* sret from S to U: SPP says where to go, U's ecall lands in M */
    clear_traps
    enter_mode 1, s_goes_to_u
s_goes_to_u:
    li      t0, MSTATUS_SPP
    csrc    sstatus, t0     /* SPP = U */
    la      t0, u_after_sret
    csrw    sepc, t0
    sret
u_after_sret:
    ecall
    expect_word m_traps, 1
    expect_m_cause CAUSE_ECALL_U

    check_number 8          /* sret from S to S (SPP = 1); afterwards SPP = U, SPIE = 1, SIE = old SPIE */
    clear_traps
    enter_mode 1, s_to_s
s_to_s:
    li      t0, MSTATUS_SPP | MSTATUS_SPIE
    csrs    sstatus, t0
    li      t0, MSTATUS_SIE
    csrc    sstatus, t0
    la      t0, s_after_sret
    csrw    sepc, t0
    sret
s_after_sret:
    csrr    t0, sstatus
    li      t1, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
    and     s1, t0, t1
    ecall
    expect_m_cause CAUSE_ECALL_S
    expect  s1, MSTATUS_SPIE | MSTATUS_SIE

    check_number 9          /* sstatus is a view of mstatus: SIE written in S shows in mstatus, MPP is hidden */
    li      t0, MSTATUS_SIE
    csrc    mstatus, t0
    clear_traps
    enter_mode 1, s_view
s_view:
    csrr    s1, sstatus
    li      t0, MSTATUS_SIE
    csrs    sstatus, t0
    ecall
    li      t0, MSTATUS_MPP
    and     t1, s1, t0
    bnez    t1, fail
    csrr    t0, mstatus
    andi    t0, t0, MSTATUS_SIE
    expect  t0, MSTATUS_SIE
    li      t0, MSTATUS_SIE
    csrc    mstatus, t0

    check_number 10         /* U cannot touch M CSRs either */
    clear_traps
    enter_mode 0, u_csrs
u_csrs:
    csrr    t0, mscratch
    csrw    mtvec, zero
    ecall
    expect_word m_traps, 3
    la      t0, m_trap
    csrr    t1, mtvec
    bne     t0, t1, fail

    j       pass
