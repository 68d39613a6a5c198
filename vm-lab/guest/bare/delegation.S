/* medeleg and mideleg: exceptions and interrupts delegated to S-mode reach stvec with scause/sepc/stval;
   what is not delegated still goes to M, and nothing taken in M is ever delegated. */
#include "check.h"
    test_start

/* S-mode handler: records scause/sepc/stval and SPP, skips the trapping instruction (or clears SSIP). */
    .align 2
s_trap:
    csrw    sscratch, t0
    csrr    t0, scause
    la      t1, s_cause
    sw      t0, 0(t1)
    csrr    t0, sepc
    la      t1, s_epc
    sw      t0, 0(t1)
    csrr    t0, stval
    la      t1, s_tval
    sw      t0, 0(t1)
    csrr    t0, sstatus
    andi    t0, t0, MSTATUS_SPP
    la      t1, s_spp
    sw      t0, 0(t1)
    la      t1, s_traps
    lw      t0, 0(t1)
    addi    t0, t0, 1
    sw      t0, 0(t1)
    csrr    t0, scause
    bltz    t0, 1f          /* an interrupt: clear the software interrupt, do not skip */
    csrr    t0, sepc
    addi    t0, t0, 4
    csrw    sepc, t0
    j       2f
1:  li      t0, 1 << IRQ_S_SOFT
    csrc    sip, t0
2:  csrr    t0, sscratch
    sret

test_main:
    la      t0, s_trap
    csrw    stvec, t0
    li      t0, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT)
    csrw    medeleg, t0

    check_number 1          /* medeleg keeps the bits we set (ecall from M can never be delegated) */
    csrr    t1, medeleg
    li      t2, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT)
    and     t1, t1, t2
    bne     t1, t2, fail

    check_number 2          /* ecall from U, delegated: S handler sees cause 8, SPP = U */
    clear_traps
    enter_mode 0, u_ecall
u_ecall:
    ecall
u_ecall_done:
    ebreak                  /* delegated too */
    li      t0, HOLE
    lw      t0, 0(t0)       /* load access fault: not delegated, goes to M */
    la      t0, back_to_m
    j       u_to_m
back_to_m:
    expect_word s_traps, 2
    expect_word s_cause, CAUSE_BREAKPOINT
    expect_word s_spp, 0
    expect_word m_traps, 2  /* the access fault and the final ecall */

    check_number 3          /* the access fault went to M, with mtval = address */
    expect_word m_tval, HOLE

    check_number 4          /* an illegal instruction in S, delegated: S handles its own trap, SPP = S */
    clear_traps
    la      t0, s_traps
    sw      zero, 0(t0)
    enter_mode 1, s_illegal
s_illegal:
    .word 0
    ecall                   /* ecall from S is not delegated: to M */
    expect_word s_traps, 1
    expect_word s_cause, CAUSE_ILLEGAL
    expect_word s_tval, 0
    expect_word s_spp, MSTATUS_SPP
    expect_m_cause CAUSE_ECALL_S

    check_number 5          /* traps taken in M-mode are never delegated */
    clear_traps
    la      t0, s_traps
    sw      zero, 0(t0)
    ebreak
    expect_m_cause CAUSE_BREAKPOINT
    expect_word s_traps, 0

    check_number 6          /* sepc points at the trapping instruction */
    enter_mode 0, u_ecall2
u_ecall2:
    ecall
    la      t0, check6_done
    j       u_to_m
check6_done:
    la      t0, u_ecall2
    la      t1, s_epc
    lw      t1, 0(t1)
    bne     t0, t1, fail

    check_number 7          /* a supervisor software interrupt, delegated by mideleg, taken in S */
    li      t0, 1 << IRQ_S_SOFT
    csrw    mideleg, t0
    csrw    mie, t0         /* SSIE */
    la      t0, s_traps
    sw      zero, 0(t0)
    enter_mode 1, s_wait_irq
s_wait_irq:
    li      t0, MSTATUS_SIE
    csrs    sstatus, t0
    li      t0, 1 << IRQ_S_SOFT
    csrs    sip, t0         /* S may raise its own software interrupt */
    li      t1, 1000
1:  addi    t1, t1, -1
    la      t2, s_traps
    lw      t2, 0(t2)
    bnez    t2, 2f
    bnez    t1, 1b
2:  li      t0, MSTATUS_SIE
    csrc    sstatus, t0
    ecall
    expect_word s_traps, 1
    expect_word s_cause, INTERRUPT | IRQ_S_SOFT

    check_number 8          /* with SIE clear in S, the pending interrupt waits */
    la      t0, s_traps
    sw      zero, 0(t0)
    enter_mode 1, s_masked
s_masked:
    li      t0, 1 << IRQ_S_SOFT
    csrs    sip, t0
    nop
    nop
    csrr    s1, sip
    csrc    sip, t0
    ecall
    expect_word s_traps, 0
    andi    s1, s1, 1 << IRQ_S_SOFT
    expect  s1, 1 << IRQ_S_SOFT

    j       pass

/* From U back to M-mode at the address in t0: the ecall is delegated here, so fault on a hole instead,
   which is not delegated and resumes in M-mode at m_resume. */
u_to_m:
    la      t1, m_resume
    sw      t0, 0(t1)
    li      t0, HOLE
    lw      t0, 0(t0)
    j       fail

    .data
s_cause: .word -1
s_epc:   .word 0
s_tval:  .word -1
s_spp:   .word -1
s_traps: .word 0
