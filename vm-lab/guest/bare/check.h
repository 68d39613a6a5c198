/*
 * Shared frame of the bare-metal privileged tests (assembly, M-mode start at 0x80000000).
 *
 * Reporting is the HTIF convention: write 1 to `tohost` to pass, (n << 1) | 1 to fail check number n.
 * These tests are not run by qemu-system-riscv32 in CI (it is not installed there); they are checked by our
 * machine with `vmlab emu --bare`, and each check is small enough to read against the privileged spec.
 *
 * Register conventions: s11 holds the number of the check in progress; t4..t6 are scratch for the macros.
 *
 * The M-mode trap handler `m_trap` records mcause, mepc, mtval and the previous privilege (mstatus.MPP) in
 * `m_cause`, `m_epc`, `m_tval`, `m_mpp`, counts traps in `m_traps`, and then either
 *   - resumes in M-mode at the address in `m_resume` (when a test set it; it is cleared on use), or
 *   - skips the trapping instruction (mepc + 4) and returns to the mode it came from, except that an ecall
 *     from S or U continues in M-mode after the ecall: that is how a test comes back to M.
 * Interrupts are not skipped: the test that enables one installs its own handler.
 */
#ifndef VMLAB_CHECK_H
#define VMLAB_CHECK_H

#define MSTATUS_SIE   (1 << 1)
#define MSTATUS_MIE   (1 << 3)
#define MSTATUS_SPIE  (1 << 5)
#define MSTATUS_MPIE  (1 << 7)
#define MSTATUS_SPP   (1 << 8)
#define MSTATUS_MPP   (3 << 11)
#define MSTATUS_MPP_S (1 << 11)
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)
#define MSTATUS_TVM   (1 << 20)
#define MSTATUS_TW    (1 << 21)
#define MSTATUS_TSR   (1 << 22)

#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL           2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_ECALL_U           8
#define CAUSE_ECALL_S           9
#define CAUSE_ECALL_M           11
#define CAUSE_FETCH_PAGE        12
#define CAUSE_LOAD_PAGE         13
#define CAUSE_STORE_PAGE        15
#define INTERRUPT               0x80000000
#define IRQ_S_SOFT              1
#define IRQ_M_SOFT              3
#define IRQ_S_TIMER             5
#define IRQ_M_TIMER             7

#define CLINT_MSIP       0x02000000
#define CLINT_MTIMECMP   0x02004000
#define CLINT_MTIME      0x0200bff8

/* An address where the virt board has nothing: accesses there raise access faults. */
#define HOLE             0x07ff0000

/* Begin check number n. */
.macro check_number n
    li      s11, \n
.endm

/* Fail the current check unless reg == value. */
.macro expect reg, value
    li      t6, \value
    bne     \reg, t6, fail
.endm

/* Fail the current check unless the word at symbol equals value. */
.macro expect_word symbol, value
    la      t5, \symbol
    lw      t5, 0(t5)
    li      t6, \value
    bne     t5, t6, fail
.endm

/* Fail unless the last trap taken to M-mode had this cause. */
.macro expect_m_cause cause
    expect_word m_cause, \cause
.endm

/* Forget earlier traps, so a check can tell whether one happened. */
.macro clear_traps
    la      t5, m_traps
    sw      zero, 0(t5)
    la      t5, m_cause
    li      t6, -1
    sw      t6, 0(t5)
.endm

/* The next trap to M-mode resumes in M-mode at label (for faults that cannot be skipped, like a bad fetch). */
.macro resume_at label
    la      t5, \label
    la      t6, m_resume
    sw      t5, 0(t6)
.endm

/* Leave M-mode for mode mpp (0 = U, 1 = S) at label, with translation as satp says. */
.macro enter_mode mpp, label
    li      t5, MSTATUS_MPP
    csrc    mstatus, t5
    li      t5, (\mpp << 11)
    csrs    mstatus, t5
    la      t5, \label
    csrw    mepc, t5
    mret
.endm

/* The common start: stack, trap vector, no delegation, no paging; then the test's `test_main`. */
.macro test_start
    .section .text.init, "ax"
    .globl _start
_start:
    la      sp, _stack_top
    la      t0, m_trap
    csrw    mtvec, t0
    csrw    medeleg, zero
    csrw    mideleg, zero
    csrw    mie, zero
    csrw    satp, zero
    /* PMP: let S and U reach all memory. A machine without PMP traps here (illegal CSR) and is skipped. */
    li      t0, -1
    csrw    pmpaddr0, t0
    li      t0, 0x0f                /* TOR, R, W, X */
    csrw    pmpcfg0, t0
    li      s11, 0
    j       test_main

    .align 2
    .globl m_trap
m_trap:
    csrrw   sp, mscratch, sp        /* mscratch = test's sp; use the trap stack below */
    la      sp, m_trap_stack_top
    sw      t5, -4(sp)
    sw      t6, -8(sp)
    csrr    t6, mcause
    la      t5, m_cause
    sw      t6, 0(t5)
    csrr    t6, mepc
    la      t5, m_epc
    sw      t6, 0(t5)
    csrr    t6, mtval
    la      t5, m_tval
    sw      t6, 0(t5)
    csrr    t6, mstatus
    srli    t6, t6, 11
    andi    t6, t6, 3
    la      t5, m_mpp
    sw      t6, 0(t5)
    la      t5, m_traps
    lw      t6, 0(t5)
    addi    t6, t6, 1
    sw      t6, 0(t5)
    la      t5, m_resume
    lw      t6, 0(t5)
    beqz    t6, 1f
    sw      zero, 0(t5)             /* resume in M-mode at m_resume */
    csrw    mepc, t6
    li      t6, MSTATUS_MPP
    csrs    mstatus, t6
    j       2f
1:  csrr    t6, mepc                /* skip the trapping instruction */
    addi    t6, t6, 4
    csrw    mepc, t6
    csrr    t6, mcause
    addi    t6, t6, -CAUSE_ECALL_U
    sltiu   t6, t6, 2               /* ecall from U (8) or S (9): continue in M-mode */
    beqz    t6, 2f
    li      t6, MSTATUS_MPP
    csrs    mstatus, t6
2:  lw      t5, -4(sp)
    lw      t6, -8(sp)
    csrrw   sp, mscratch, sp
    mret

pass:
    li      t6, 1
    j       report
fail:
    slli    t6, s11, 1
    ori     t6, t6, 1
report:
    la      t5, tohost
    sw      t6, 0(t5)
    sw      zero, 4(t5)
    /* The sifive_test device powers off too (0x5555 = pass, code << 16 | 0x3333 = fail). */
    li      t5, 0x100000
    li      t4, 1
    beq     t6, t4, 3f
    srli    t4, t6, 1
    slli    t4, t4, 16
    li      t6, 0x3333
    or      t6, t6, t4
    j       4f
3:  li      t6, 0x5555
4:  sw      t6, 0(t5)
5:  j       5b

    .section .tohost, "aw", @progbits
    .align 6
    .globl tohost
tohost:   .dword 0
    .size tohost, 8
    .type tohost, @object
    .align 6
    .globl fromhost
fromhost: .dword 0
    .size fromhost, 8
    .type fromhost, @object

    .data
    .align 4
    .globl m_cause, m_epc, m_tval, m_mpp, m_traps, m_resume
m_cause:  .word -1
m_epc:    .word 0
m_tval:   .word 0
m_mpp:    .word 0
m_traps:  .word 0
m_resume: .word 0
    .bss
    .align 4
m_trap_stack: .space 256
m_trap_stack_top:

    .text
.endm

#endif
