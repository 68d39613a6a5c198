/*
 * labOS entry points: boot, the trap vector, the way into user mode, and the switch between the shell's stack
 * and the trap stack.
 *
 * sscratch holds the running process's trap frame while user code runs and 0 while the kernel runs, so the
 * vector can tell a user trap (save everything into the frame) from a kernel fault (a bug: report it).
 */
    .section .text.start, "ax"
    .globl _start
_start:
    la      sp, shell_stack_top
    csrw    sscratch, zero
    la      t0, trap_entry
    csrw    stvec, t0
    call    kernel_main
1:  wfi
    j       1b

    .text
    .align 2
    .globl trap_entry
trap_entry:
    csrrw   sp, sscratch, sp
    beqz    sp, kernel_trap
    sw      x1, 4(sp)
    sw      x3, 12(sp)
    sw      x4, 16(sp)
    sw      x5, 20(sp)
    sw      x6, 24(sp)
    sw      x7, 28(sp)
    sw      x8, 32(sp)
    sw      x9, 36(sp)
    sw      x10, 40(sp)
    sw      x11, 44(sp)
    sw      x12, 48(sp)
    sw      x13, 52(sp)
    sw      x14, 56(sp)
    sw      x15, 60(sp)
    sw      x16, 64(sp)
    sw      x17, 68(sp)
    sw      x18, 72(sp)
    sw      x19, 76(sp)
    sw      x20, 80(sp)
    sw      x21, 84(sp)
    sw      x22, 88(sp)
    sw      x23, 92(sp)
    sw      x24, 96(sp)
    sw      x25, 100(sp)
    sw      x26, 104(sp)
    sw      x27, 108(sp)
    sw      x28, 112(sp)
    sw      x29, 116(sp)
    sw      x30, 120(sp)
    sw      x31, 124(sp)
    csrr    t0, sscratch
    sw      t0, 8(sp)
    csrw    sscratch, zero
    csrr    t0, sepc
    sw      t0, 0(sp)
    mv      a0, sp
    lw      sp, 128(a0)
    call    trap_handler            /* never returns: it ends in user_return or back_to_shell */
1:  j       1b

kernel_trap:
    csrrw   sp, sscratch, sp        /* back to the kernel's own sp; sscratch is 0 again */
    call    kernel_fault
1:  j       1b

/* user_return(tf): run the process whose frame this is, on its own page table. */
    .globl user_return
user_return:
    /* Switch address spaces only when the process is another one: a timer tick that resumes the same process
       keeps its translations (as Linux skips switch_mm for the same mm). */
    lw      t0, 132(a0)
    csrr    t1, satp
    beq     t0, t1, 1f
    csrw    satp, t0
    sfence.vma
1:
    lw      t0, 0(a0)
    csrw    sepc, t0
    li      t0, 0x120               /* SPP = user, SPIE = 0 */
    csrc    sstatus, t0
    csrw    sscratch, a0
    lw      x1, 4(a0)
    lw      x2, 8(a0)
    lw      x3, 12(a0)
    lw      x4, 16(a0)
    lw      x5, 20(a0)
    lw      x6, 24(a0)
    lw      x7, 28(a0)
    lw      x8, 32(a0)
    lw      x9, 36(a0)
    lw      x11, 44(a0)
    lw      x12, 48(a0)
    lw      x13, 52(a0)
    lw      x14, 56(a0)
    lw      x15, 60(a0)
    lw      x16, 64(a0)
    lw      x17, 68(a0)
    lw      x18, 72(a0)
    lw      x19, 76(a0)
    lw      x20, 80(a0)
    lw      x21, 84(a0)
    lw      x22, 88(a0)
    lw      x23, 92(a0)
    lw      x24, 96(a0)
    lw      x25, 100(a0)
    lw      x26, 104(a0)
    lw      x27, 108(a0)
    lw      x28, 112(a0)
    lw      x29, 116(a0)
    lw      x30, 120(a0)
    lw      x31, 124(a0)
    lw      x10, 40(a0)
    sret

/* switch_to_user(context): remember where the shell was, then run the processes on the trap stack. back_to_shell(context) resumes
   the shell there, dropping whatever the trap stack held. */
    .globl switch_to_user
switch_to_user:
    sw      ra, 0(a0)
    sw      sp, 4(a0)
    sw      s0, 8(a0)
    sw      s1, 12(a0)
    sw      s2, 16(a0)
    sw      s3, 20(a0)
    sw      s4, 24(a0)
    sw      s5, 28(a0)
    sw      s6, 32(a0)
    sw      s7, 36(a0)
    sw      s8, 40(a0)
    sw      s9, 44(a0)
    sw      s10, 48(a0)
    sw      s11, 52(a0)
    la      sp, trap_stack_top
    j       start_scheduling

    .globl back_to_shell
back_to_shell:
    lw      ra, 0(a0)
    lw      sp, 4(a0)
    lw      s0, 8(a0)
    lw      s1, 12(a0)
    lw      s2, 16(a0)
    lw      s3, 20(a0)
    lw      s4, 24(a0)
    lw      s5, 28(a0)
    lw      s6, 32(a0)
    lw      s7, 36(a0)
    lw      s8, 40(a0)
    lw      s9, 44(a0)
    lw      s10, 48(a0)
    lw      s11, 52(a0)
    li      a0, 0
    ret

    .bss
    .align 4
    .space 16384
shell_stack_top:
    .globl trap_stack_top
    .space 16384
trap_stack_top:
