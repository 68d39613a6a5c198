# A U-mode loop of loads, stores and arithmetic over 64 KiB, entered from M-mode with PMP configured (-DPMP_ON: one
# NAPOT entry granting everything, as firmware does) or not configured at all. Measures what an active PMP costs the
# engines' fast paths. Ends with ecall -> sifive_test pass.
    .section .text
    .globl _start
_start:
    la t0, trap
    csrw mtvec, t0
#ifdef PMP_ON
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f            # NAPOT, R, W, X
    csrw pmpcfg0, t0
#endif
    li t0, 0x1800
    csrc mstatus, t0       # MPP = U
    la t0, user
    csrw mepc, t0
    mret
user:
    li s0, 400             # rounds
round:
    la t1, array
    li t2, 16384           # words in 64 KiB
1:  lw t3, 0(t1)
    add t3, t3, t2
    xor t3, t3, s0
    sw t3, 0(t1)
    addi t1, t1, 4
    addi t2, t2, -1
    bnez t2, 1b
    addi s0, s0, -1
    bnez s0, round
    ecall
trap:
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
    .section .bss
    .align 12
array:
    .space 65536
