/* The machine timer: CLINT mtime counts up, mtimecmp raises MTIP, an enabled interrupt is taken in M-mode,
   in direct and in vectored mtvec mode; the software interrupt (msip) too. */
#include "check.h"
    test_start

/* Interrupt handler: count, record mcause, silence the source (mtimecmp to the far future, msip to 0).
   Exceptions go on to the common handler. */
    .align 2
irq_handler:
    csrw    mscratch, t0
    csrr    t0, mcause
    bltz    t0, 1f
    csrr    t0, mscratch
    j       m_trap
1:
    la      t1, irq_cause
    sw      t0, 0(t1)
    la      t1, irq_count
    lw      t0, 0(t1)
    addi    t0, t0, 1
    sw      t0, 0(t1)
    li      t1, CLINT_MTIMECMP
    li      t0, -1
    sw      t0, 4(t1)
    sw      t0, 0(t1)
    li      t1, CLINT_MSIP
    sw      zero, 0(t1)
    csrr    t0, mscratch
    mret

/* Vectored table: exceptions at base, interrupt n at base + 4n. */
    .align 6
vector_table:
    j       m_trap          /* 0: exceptions */
    j       fail            /* 1 */
    j       fail            /* 2 */
    j       vectored_soft   /* 3: machine software interrupt */
    j       fail            /* 4 */
    j       fail            /* 5 */
    j       fail            /* 6 */
    j       vectored_timer  /* 7: machine timer interrupt */
    j       fail            /* 8 */
    j       fail            /* 9 */
    j       fail            /* 10 */
    j       fail            /* 11 */
vectored_timer:
    la      t1, irq_vector
    li      t0, IRQ_M_TIMER
    sw      t0, 0(t1)
    j       irq_handler
vectored_soft:
    la      t1, irq_vector
    li      t0, IRQ_M_SOFT
    sw      t0, 0(t1)
    j       irq_handler

/* Set mtimecmp = mtime + a0 (64-bit, written so that no intermediate value fires early). */
arm_timer:
    li      t0, CLINT_MTIME
1:  lw      t2, 4(t0)
    lw      t1, 0(t0)
    lw      t3, 4(t0)
    bne     t2, t3, 1b
    add     t4, t1, a0
    sltu    t5, t4, t1
    add     t2, t2, t5
    li      t0, CLINT_MTIMECMP
    li      t5, -1
    sw      t5, 4(t0)
    sw      t4, 0(t0)
    sw      t2, 4(t0)
    ret

/* Spin until irq_count is non-zero or a bound passes; a0 = irq_count afterwards. */
wait_irq:
    li      t1, 5000000
1:  la      t0, irq_count
    lw      a0, 0(t0)
    bnez    a0, 2f
    addi    t1, t1, -1
    bnez    t1, 1b
2:  ret

test_main:
    li      t0, CLINT_MTIMECMP
    li      t1, -1
    sw      t1, 4(t0)
    sw      t1, 0(t0)

    check_number 1          /* mtime advances */
    li      t0, CLINT_MTIME
    lw      s1, 0(t0)
    li      t1, 100000
1:  addi    t1, t1, -1
    bnez    t1, 1b
    lw      s2, 0(t0)
    beq     s1, s2, fail

    check_number 2          /* MTIP becomes pending when mtime passes mtimecmp, even with interrupts off */
    li      a0, 50
    call    arm_timer
    li      t1, 5000000
1:  csrr    t0, mip
    andi    t0, t0, 1 << IRQ_M_TIMER
    bnez    t0, 2f
    addi    t1, t1, -1
    bnez    t1, 1b
    j       fail
2:
    check_number 3          /* writing mtimecmp to the future clears MTIP */
    li      t0, CLINT_MTIMECMP
    li      t1, -1
    sw      t1, 4(t0)
    csrr    t0, mip
    andi    t0, t0, 1 << IRQ_M_TIMER
    bnez    t0, fail

    check_number 4          /* an enabled timer interrupt is taken: mcause = interrupt | 7 */
    la      t0, irq_handler
    csrw    mtvec, t0
    li      t0, 1 << IRQ_M_TIMER
    csrw    mie, t0
    li      t0, MSTATUS_MIE
    csrs    mstatus, t0
    li      a0, 200
    call    arm_timer
    call    wait_irq
    expect  a0, 1
    expect_word irq_cause, INTERRUPT | IRQ_M_TIMER

    check_number 5          /* with MIE clear nothing is taken; wfi still wakes when the timer is pending */
    li      t0, MSTATUS_MIE
    csrc    mstatus, t0
    la      t0, irq_count
    sw      zero, 0(t0)
    li      a0, 100
    call    arm_timer
    wfi
    li      t1, 5000000
1:  csrr    t0, mip
    andi    t0, t0, 1 << IRQ_M_TIMER
    bnez    t0, 2f
    addi    t1, t1, -1
    bnez    t1, 1b
    j       fail
2:  expect_word irq_count, 0

    check_number 6          /* ...and the pending interrupt is taken as soon as MIE is set */
    li      t0, MSTATUS_MIE
    csrs    mstatus, t0
    nop
    expect_word irq_count, 1

    check_number 7          /* vectored mode: the timer interrupt enters at base + 4 * 7 */
    la      t0, vector_table
    ori     t0, t0, 1
    csrw    mtvec, t0
    la      t0, irq_count
    sw      zero, 0(t0)
    li      a0, 100
    call    arm_timer
    call    wait_irq
    expect  a0, 1
    expect_word irq_vector, IRQ_M_TIMER

    check_number 8          /* machine software interrupt through msip, vectored at base + 4 * 3 */
    la      t0, irq_count
    sw      zero, 0(t0)
    li      t0, 1 << IRQ_M_SOFT
    csrw    mie, t0
    li      t0, CLINT_MSIP
    li      t1, 1
    sw      t1, 0(t0)
    call    wait_irq
    expect  a0, 1
    expect_word irq_vector, IRQ_M_SOFT
    expect_word irq_cause, INTERRUPT | IRQ_M_SOFT

    check_number 9          /* a timer interrupt while in U-mode is taken in M-mode, MPP = U */
    li      t0, MSTATUS_MIE
    csrc    mstatus, t0
    la      t0, irq_handler
    csrw    mtvec, t0
    li      t0, 1 << IRQ_M_TIMER
    csrw    mie, t0
    la      t0, irq_count
    sw      zero, 0(t0)
    li      a0, 200
    call    arm_timer
    enter_mode 0, u_wait    /* in U, M-mode interrupts are always enabled */
u_wait:
    call    wait_irq
    mv      s1, a0
    ecall
    la      t0, m_trap
    csrw    mtvec, t0
    expect  s1, 1
    expect_word irq_cause, INTERRUPT | IRQ_M_TIMER

    j       pass

    .data
irq_cause:  .word 0
irq_count:  .word 0
irq_vector: .word 0
