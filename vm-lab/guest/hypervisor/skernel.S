/*
 * skernel: a small S-mode kernel, the first guest of the hypervisor lesson. It believes it owns the machine:
 *
 *   1. it prints through all three ways to the console: the SBI's legacy putchar, the SBI debug console (DBCN) and
 *      the 16550 UART's registers (memory-mapped I/O);
 *   2. it asks the SBI for its version and probes the TIME extension;
 *   3. it reads and writes its supervisor CSRs and checks what they answer (and that an M-mode CSR traps);
 *   4. it turns on Sv32 paging, with 4 KiB user pages whose A and D bits start clear;
 *   5. it runs a user task in U-mode with the SBI timer ticking: the built-in task below, or a Linux program the host
 *      loaded into the user region and described in the boot block at 0x8010_0000. The task's system calls
 *      (write, exit, brk and "ticks") are served here; a user instruction it may not run, or a load from kernel
 *      memory, is reported and skipped;
 *   6. at the task's exit it reports which user pages the hardware marked accessed and dirty, and powers off
 *      through the SBI (SRST), with the task's exit status as a vendor-specific reason.
 *
 * Its console transcript is the same whether it runs on the machine in S-mode under an SBI firmware, or
 * deprivileged under the lab's hypervisor: that is what "the guest cannot tell" means.
 */
#define SBI_LEGACY_PUTCHAR 0x01
#define SBI_BASE           0x10
#define SBI_TIME           0x54494D45
#define SBI_DBCN           0x4442434E
#define SBI_SRST           0x53525354

#define SSTATUS_SIE  (1 << 1)
#define SSTATUS_SPIE (1 << 5)
#define SSTATUS_SPP  (1 << 8)
#define SSTATUS_SUM  (1 << 18)
#define SIE_SSIE     (1 << 1)
#define SIE_STIE     (1 << 5)
#define SIE_SEIE     (1 << 9)

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80

#define UART        0x10000000
#define BOOT_INFO   0x80100000      /* magic, entry, sp, brk: written by the host's loader for a Linux program */
#define BOOT_MAGIC  0x544F4F42      /* "BOOT" */
#define USER_PHYS   0x80400000      /* user address 0 lives here (the kernel sees it at the same address) */
#define USER_TOP    0x00400000      /* 4 MiB of user address space */
#define TICK        1000000         /* timer period in time units (cycles here): Linux HZ=1000 on a 1 GHz core */

/* a7 = extension, a6 = function */
.macro sbi ext, fid
    li      a7, \ext
    li      a6, \fid
    ecall
.endm

/* Set bit in s1 unless a == b. */
.macro expect_eq a, b, bit
    beq     \a, \b, 9f
    ori     s1, s1, \bit
9:
.endm

    .section .text.init, "ax"
    .globl _start
_start:
    la      sp, kernel_stack_top
    csrw    sscratch, zero
    la      t0, trap_entry
    csrw    stvec, t0

    /* 1. three ways to the console */
    la      a0, msg_legacy
    call    puts_legacy
    la      a0, msg_dbcn
    call    puts
    la      a0, msg_uart
    call    puts_uart

    /* 2. the SBI */
    sbi     SBI_BASE, 0             /* get_spec_version */
    mv      s0, a1
    la      a0, msg_spec
    call    puts
    mv      a0, s0
    call    put_hex
    call    newline
    li      a0, SBI_TIME
    sbi     SBI_BASE, 3             /* probe_extension(TIME) */
    mv      s0, a1
    la      a0, msg_probe
    call    puts
    mv      a0, s0
    call    put_hex
    call    newline

    /* 3. CSR traffic: each failed check sets a bit of s1 */
    li      s1, 0
    li      t0, 0x12345678
    csrw    sscratch, t0
    csrr    t1, sscratch
    expect_eq t0, t1, 0x1
    csrrw   t1, sscratch, zero
    expect_eq t0, t1, 0x2
    csrr    t1, sscratch
    expect_eq t1, zero, 0x2
    la      t0, trap_entry
    csrr    t1, stvec
    expect_eq t0, t1, 0x4
    li      t0, SIE_STIE | SIE_SSIE
    csrw    sie, t0
    csrr    t1, sie
    expect_eq t0, t1, 0x8
    li      t0, -1                  /* only SSIE, STIE and SEIE stick */
    csrw    sie, t0
    csrr    t1, sie
    li      t0, SIE_SSIE | SIE_STIE | SIE_SEIE
    expect_eq t0, t1, 0x8
    csrw    sie, zero
    li      t0, SSTATUS_SUM
    csrs    sstatus, t0
    csrr    t1, sstatus
    and     t1, t1, t0
    expect_eq t0, t1, 0x10
    csrc    sstatus, t0
    csrr    t1, sstatus
    and     t1, t1, t0
    expect_eq t1, zero, 0x10
    csrr    t1, sstatus
    li      t0, 0x1800              /* sstatus never shows mstatus.MPP */
    and     t1, t1, t0
    expect_eq t1, zero, 0x20
    li      t0, 0x80200003          /* sepc drops the low bits (IALIGN = 32) */
    csrw    sepc, t0
    csrr    t1, sepc
    li      t0, 0x80200000
    expect_eq t0, t1, 0x40
    li      t0, 0xdeadbeef
    csrw    stval, t0
    csrr    t1, stval
    expect_eq t0, t1, 0x80
    li      t0, 13
    csrw    scause, t0
    csrr    t1, scause
    expect_eq t0, t1, 0x80
    csrr    t1, satp
    expect_eq t1, zero, 0x100
    rdtime  t0
    rdtime  t1
    sltu    t2, t1, t0              /* time never runs backwards */
    expect_eq t2, zero, 0x200
    csrr    t0, cycle
    csrr    t1, instret
    sltu    t2, t1, t0              /* fewer instructions retired than cycles */
    li      t3, 1
    expect_eq t2, t3, 0x200
    la      a0, msg_csr
    call    puts
    mv      a0, s1
    call    put_hex
    call    newline
    csrr    t0, mstatus             /* an M-mode CSR: the trap handler records the trap and skips it */
    la      a0, msg_mstatus
    call    puts
    la      t0, s_trap_cause
    lw      a0, 0(t0)
    call    put_hex
    la      a0, msg_stval
    call    puts
    la      t0, s_trap_tval
    lw      a0, 0(t0)
    call    put_hex
    call    newline

    /* 4. Sv32 paging */
    la      t2, root_pt
    li      t1, 0x80000000          /* the kernel's 4 MiB, supervisor only */
    srli    t0, t1, 2
    ori     t0, t0, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
    li      t3, 0x200 * 4
    add     t3, t3, t2
    sw      t0, 0(t3)
    li      t1, USER_PHYS           /* the user region, as the kernel sees it */
    srli    t0, t1, 2
    ori     t0, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    sw      t0, 4(t3)
    li      t1, UART                /* the UART page, identity mapped */
    srli    t0, t1, 2
    ori     t0, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    sw      t0, (0x40 * 4)(t2)
    la      t1, user_pt             /* user addresses 0..4 MiB: 1024 pages, A and D clear */
    srli    t0, t1, 2
    ori     t0, t0, PTE_V
    sw      t0, 0(t2)
    li      t4, 0
    li      t5, 1024
    li      t1, USER_PHYS
1:  srli    t0, t1, 2
    ori     t0, t0, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U
    slli    t3, t4, 2
    la      t6, user_pt
    add     t3, t3, t6
    sw      t0, 0(t3)
    li      t6, 4096
    add     t1, t1, t6
    addi    t4, t4, 1
    bne     t4, t5, 1b
    la      t0, root_pt
    srli    t0, t0, 12
    li      t1, 0x80000000
    or      t0, t0, t1
    csrw    satp, t0
    sfence.vma
    la      a0, msg_paging
    call    puts_uart               /* through the new mapping of the UART */

    /* 5. the user task: a Linux program the host loaded, or the built-in one */
    li      t0, BOOT_INFO
    lw      t1, 0(t0)
    li      t2, BOOT_MAGIC
    bne     t1, t2, 2f
    lw      s2, 4(t0)               /* entry */
    lw      s3, 8(t0)               /* sp */
    lw      t1, 12(t0)              /* brk */
    la      a0, msg_program
    call    puts
    j       3f
2:  li      s2, 0                   /* user_main sits at user address 0 */
    li      s3, USER_TOP - 16
    li      t1, 0x00200000
    la      a0, msg_builtin
    call    puts
3:  la      t0, brk_now
    sw      t1, 0(t0)
    la      t0, kernel_stack_top
    csrw    sscratch, t0
    rdtime  a0
    li      t0, TICK
    add     a0, a0, t0
    li      a1, 0
    sbi     SBI_TIME, 0
    li      t0, SIE_STIE
    csrs    sie, t0
    csrw    sepc, s2
    li      t0, SSTATUS_SPP
    csrc    sstatus, t0
    li      t0, SSTATUS_SPIE
    csrs    sstatus, t0
    mv      sp, s3
    li      a0, 0
    li      a1, 0
    sret

/* ---- traps ------------------------------------------------------------------------------------------------ */
    .align 2
trap_entry:
    csrrw   sp, sscratch, sp
    bnez    sp, 1f                  /* from U: sp is the kernel stack now, sscratch the user's sp */
    csrrw   sp, sscratch, sp        /* from S: keep the kernel's sp, sscratch stays 0 */
1:  addi    sp, sp, -128
    sw      ra, 4(sp)
    sw      gp, 12(sp)
    sw      tp, 16(sp)
    sw      t0, 20(sp)
    sw      t1, 24(sp)
    sw      t2, 28(sp)
    sw      s0, 32(sp)
    sw      s1, 36(sp)
    sw      a0, 40(sp)
    sw      a1, 44(sp)
    sw      a2, 48(sp)
    sw      a3, 52(sp)
    sw      a4, 56(sp)
    sw      a5, 60(sp)
    sw      a6, 64(sp)
    sw      a7, 68(sp)
    sw      t3, 72(sp)
    sw      t4, 76(sp)
    sw      t5, 80(sp)
    sw      t6, 84(sp)
    csrr    t0, sstatus
    andi    t0, t0, SSTATUS_SPP
    bnez    t0, 2f
    csrr    t1, sscratch            /* the user's sp */
    j       3f
2:  addi    t1, sp, 128
3:  sw      t1, 8(sp)
    csrr    t0, scause
    bltz    t0, interrupt
    li      t1, 8
    beq     t0, t1, syscall
    csrr    t1, sstatus
    andi    t1, t1, SSTATUS_SPP
    bnez    t1, kernel_trap
    li      t1, 2
    beq     t0, t1, user_illegal
    li      t1, 13
    beq     t0, t1, user_load_fault
    la      a0, msg_user_fault      /* anything else from the user ends the task */
    call    puts
    csrr    a0, scause
    call    put_hex
    la      a0, msg_stval
    call    puts
    csrr    a0, stval
    call    put_hex
    la      a0, msg_sepc
    call    puts
    csrr    a0, sepc
    call    put_hex
    call    newline
    li      a0, 139
    j       shutdown

user_illegal:
    la      a0, msg_user_illegal
    call    puts
    csrr    a0, stval
    call    put_hex
    la      a0, msg_skipped
    call    puts
    j       skip_instruction

user_load_fault:
    la      a0, msg_user_load
    call    puts
    csrr    a0, stval
    call    put_hex
    la      a0, msg_skipped
    call    puts
    j       skip_instruction

kernel_trap:
    li      t1, 2
    bne     t0, t1, kernel_panic
    la      t1, s_trap_cause        /* an illegal instruction in the kernel: recorded and skipped */
    sw      t0, 0(t1)
    csrr    t0, stval
    la      t1, s_trap_tval
    sw      t0, 0(t1)
    j       skip_instruction

kernel_panic:
    la      a0, msg_panic
    call    puts
    csrr    a0, scause
    call    put_hex
    la      a0, msg_sepc
    call    puts
    csrr    a0, sepc
    call    put_hex
    call    newline
    li      a0, 1
    sbi_shutdown_a0:
    mv      a1, a0
    li      a0, 0
    sbi     SBI_SRST, 0
    j       .

interrupt:
    andi    t0, t0, 0xff
    li      t1, 5
    bne     t0, t1, trap_return     /* nothing else is enabled */
    la      t0, ticks
    lw      t1, 0(t0)
    addi    t1, t1, 1
    sw      t1, 0(t0)
    rdtime  a0
    li      t0, TICK
    add     a0, a0, t0
    li      a1, 0
    sbi     SBI_TIME, 0
    j       trap_return

syscall:
    lw      a7, 68(sp)
    lw      a0, 40(sp)
    lw      a1, 44(sp)
    lw      a2, 48(sp)
    li      t0, 64
    beq     a7, t0, sys_write
    li      t0, 93
    beq     a7, t0, sys_exit
    li      t0, 94
    beq     a7, t0, sys_exit
    li      t0, 214
    beq     a7, t0, sys_brk
    li      t0, 500
    beq     a7, t0, sys_ticks
    li      a0, -38                 /* ENOSYS */
    j       syscall_return

sys_write:
    mv      s0, a2
    beqz    a2, 1f
    li      t0, USER_TOP            /* the buffer must lie in the user region */
    bgeu    a1, t0, 2f
    sub     t1, t0, a1
    bltu    t1, a2, 2f
    li      t0, SSTATUS_SUM         /* the first byte through the user's own mapping (SUM) and through the */
    csrs    sstatus, t0             /* kernel's window must agree */
    lbu     t2, 0(a1)
    csrc    sstatus, t0
    li      t0, USER_PHYS
    add     t1, a1, t0
    lbu     t3, 0(t1)
    bne     t2, t3, 2f
    mv      a0, a2                  /* DBCN write(length, physical address) */
    mv      a1, t1
    li      a2, 0
    sbi     SBI_DBCN, 0
1:  mv      a0, s0
    j       syscall_return
2:  li      a0, -14                 /* EFAULT */
    j       syscall_return

sys_brk:
    la      t0, brk_now
    lw      t1, 0(t0)
    beqz    a0, 1f
    bltu    a0, t1, 1f              /* the heap only grows here */
    li      t2, USER_TOP - 0x100000 /* and leaves the top MiB to the stack */
    bgeu    a0, t2, 1f
    sw      a0, 0(t0)
    mv      t1, a0
1:  mv      a0, t1
    j       syscall_return

sys_ticks:
    la      t0, ticks
    lw      a0, 0(t0)
    j       syscall_return

sys_exit:
    mv      s0, a0
    la      a0, msg_exit
    call    puts
    andi    a0, s0, 0xff
    call    put_dec
    call    newline
    la      a0, msg_ad_stack        /* what the page walks (or the hypervisor) set in the user's PTEs */
    call    puts
    la      t0, user_pt + 1023 * 4
    lw      a0, 0(t0)
    call    put_ad
    la      a0, msg_ad_untouched
    call    puts
    la      t0, user_pt + 768 * 4
    lw      a0, 0(t0)
    call    put_ad
    call    newline
    andi    a0, s0, 0xff
shutdown:                           /* power off; a nonzero status is a vendor-specific reason 0xF0000000 + status */
    beqz    a0, 1f
    li      t0, 0xF0000000
    or      a0, a0, t0
1:  mv      a1, a0
    li      a0, 0
    sbi     SBI_SRST, 0
    j       .

syscall_return:
    sw      a0, 40(sp)
skip_instruction:
    csrr    t0, sepc
    addi    t0, t0, 4
    csrw    sepc, t0
trap_return:
    csrr    t0, sstatus
    andi    t0, t0, SSTATUS_SPP
    bnez    t0, 1f
    addi    t0, sp, 128             /* back to U: the next trap from U finds the kernel stack in sscratch */
    csrw    sscratch, t0
1:  lw      ra, 4(sp)
    lw      gp, 12(sp)
    lw      tp, 16(sp)
    lw      t0, 20(sp)
    lw      t1, 24(sp)
    lw      t2, 28(sp)
    lw      s0, 32(sp)
    lw      s1, 36(sp)
    lw      a0, 40(sp)
    lw      a1, 44(sp)
    lw      a2, 48(sp)
    lw      a3, 52(sp)
    lw      a4, 56(sp)
    lw      a5, 60(sp)
    lw      a6, 64(sp)
    lw      a7, 68(sp)
    lw      t3, 72(sp)
    lw      t4, 76(sp)
    lw      t5, 80(sp)
    lw      t6, 84(sp)
    lw      sp, 8(sp)
    sret

/* ---- console ---------------------------------------------------------------------------------------------- */

/* puts_legacy(a0): one SBI call per character */
puts_legacy:
    mv      t2, a0
1:  lbu     a0, 0(t2)
    beqz    a0, 2f
    sbi     SBI_LEGACY_PUTCHAR, 0
    addi    t2, t2, 1
    j       1b
2:  ret

/* puts(a0): one DBCN write of the whole string (the kernel's addresses are physical ones) */
puts:
    mv      t2, a0
    li      t1, 0
1:  add     t0, t2, t1
    lbu     t0, 0(t0)
    beqz    t0, 2f
    addi    t1, t1, 1
    j       1b
2:  beqz    t1, 3f
    mv      a0, t1
    mv      a1, t2
    li      a2, 0
    sbi     SBI_DBCN, 0
3:  ret

/* puts_uart(a0): straight to the 16550's transmit register, waiting for LSR.THRE */
puts_uart:
    li      t1, UART
1:  lbu     t0, 0(a0)
    beqz    t0, 3f
2:  lbu     t2, 5(t1)
    andi    t2, t2, 0x20
    beqz    t2, 2b
    sb      t0, 0(t1)
    addi    a0, a0, 1
    j       1b
3:  ret

newline:
    li      a0, '\n'
    sbi     SBI_LEGACY_PUTCHAR, 0
    ret

/* put_hex(a0): "0x" and eight hex digits */
put_hex:
    addi    sp, sp, -16
    sw      ra, 0(sp)
    la      t0, number
    li      t1, '0'
    sb      t1, 0(t0)
    li      t1, 'x'
    sb      t1, 1(t0)
    li      t3, 28
    addi    t4, t0, 2
1:  srl     t1, a0, t3
    andi    t1, t1, 0xf
    li      t2, 10
    bltu    t1, t2, 2f
    addi    t1, t1, 'a' - 10 - '0'
2:  addi    t1, t1, '0'
    sb      t1, 0(t4)
    addi    t4, t4, 1
    addi    t3, t3, -4
    bgez    t3, 1b
    sb      zero, 0(t4)
    mv      a0, t0
    call    puts
    lw      ra, 0(sp)
    addi    sp, sp, 16
    ret

/* put_dec(a0): unsigned decimal */
put_dec:
    addi    sp, sp, -16
    sw      ra, 0(sp)
    la      t0, number + 15
    sb      zero, 0(t0)
    li      t2, 10
1:  addi    t0, t0, -1
    remu    t1, a0, t2
    addi    t1, t1, '0'
    sb      t1, 0(t0)
    divu    a0, a0, t2
    bnez    a0, 1b
    mv      a0, t0
    call    puts
    lw      ra, 0(sp)
    addi    sp, sp, 16
    ret

/* put_ad(a0 = a PTE): "A=x D=y" */
put_ad:
    addi    sp, sp, -16
    sw      ra, 0(sp)
    la      t0, number
    li      t1, 'A'
    sb      t1, 0(t0)
    li      t1, '='
    sb      t1, 1(t0)
    sb      t1, 5(t0)
    srli    t1, a0, 6
    andi    t1, t1, 1
    addi    t1, t1, '0'
    sb      t1, 2(t0)
    li      t1, ' '
    sb      t1, 3(t0)
    li      t1, 'D'
    sb      t1, 4(t0)
    srli    t1, a0, 7
    andi    t1, t1, 1
    addi    t1, t1, '0'
    sb      t1, 6(t0)
    sb      zero, 7(t0)
    mv      a0, t0
    call    puts
    lw      ra, 0(sp)
    addi    sp, sp, 16
    ret

    .section .rodata
msg_legacy:      .asciz "skernel: hello from S-mode (SBI legacy putchar)\n"
msg_dbcn:        .asciz "skernel: the SBI debug console works too\n"
msg_uart:        .asciz "skernel: and so does the 16550 UART\n"
msg_spec:        .asciz "skernel: SBI specification version "
msg_probe:       .asciz "skernel: SBI TIME extension probe: "
msg_csr:         .asciz "skernel: supervisor CSR checks failed: "
msg_mstatus:     .asciz "skernel: reading mstatus in S-mode traps: scause "
msg_stval:       .asciz " stval "
msg_sepc:        .asciz " sepc "
msg_paging:      .asciz "skernel: Sv32 paging is on\n"
msg_program:     .asciz "skernel: running the program the loader placed\n"
msg_builtin:     .asciz "skernel: running the built-in user task\n"
msg_user_fault:  .asciz "skernel: user task killed: scause "
msg_user_illegal: .asciz "skernel: user task ran a privileged instruction "
msg_user_load:   .asciz "skernel: user task loaded from kernel memory at "
msg_skipped:     .asciz ", skipped\n"
msg_panic:       .asciz "skernel: panic: scause "
msg_exit:        .asciz "skernel: user task exited with status "
msg_ad_stack:    .asciz "skernel: user stack page "
msg_ad_untouched: .asciz ", untouched page "

    .data
    .align 2
ticks:        .word 0
brk_now:      .word 0
s_trap_cause: .word 0
s_trap_tval:  .word 0
number:       .space 16

    .bss
    .align 12
root_pt:      .space 4096
user_pt:      .space 4096
kernel_stack: .space 4096
kernel_stack_top:

/* ---- the built-in user task (runs at user address 0) ------------------------------------------------------ */
    .section .user, "awx"
user_main:
    addi    sp, sp, -16             /* the stack page gets dirty */
    sw      zero, 0(sp)
    li      a7, 64
    li      a0, 1
    la      a1, u_hello
    la      a2, u_hello_end
    sub     a2, a2, a1
    ecall
1:  li      t0, 2000                /* work until the kernel has counted three timer ticks */
2:  addi    t0, t0, -1
    bnez    t0, 2b
    li      a7, 500
    ecall
    li      t1, 3
    bltu    a0, t1, 1b
    li      a7, 64
    li      a0, 1
    la      a1, u_ticks
    la      a2, u_ticks_end
    sub     a2, a2, a1
    ecall
    csrr    t0, sstatus             /* not allowed in U-mode: the kernel reports it */
    li      t0, 0
    li      t1, 50000
3:  add     t0, t0, t1
    addi    t1, t1, -1
    bnez    t1, 3b
    li      t2, 1250025000
    la      a1, u_sum_ok
    la      a2, u_sum_ok_end
    sub     a2, a2, a1
    beq     t0, t2, 4f
    la      a1, u_sum_bad
    la      a2, u_sum_bad_end
    sub     a2, a2, a1
4:  li      a7, 64
    li      a0, 1
    ecall
    li      t0, 0x80000000          /* kernel memory: a load page fault */
    lw      t1, 0(t0)
    li      a7, 93
    li      a0, 0
    ecall
5:  j       5b
u_hello:     .ascii "user: hello from U-mode\n"
u_hello_end:
u_ticks:     .ascii "user: the kernel counted three timer ticks\n"
u_ticks_end:
u_sum_ok:    .ascii "user: 1 + 2 + ... + 50000 = 1250025000\n"
u_sum_ok_end:
u_sum_bad:   .ascii "user: the sum is wrong\n"
u_sum_bad_end:
