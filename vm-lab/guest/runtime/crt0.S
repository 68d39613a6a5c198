/*
 * Process entry for static Linux RV32 programs (what qemu-riscv32 and `vmlab emu` start).
 * The kernel leaves argc at 0(sp), then argv[], NULL, envp[], NULL, auxv.
 */
    .section .text.start, "ax"
    .globl _start
_start:
    /* gp must be set before any relaxed gp-relative access, so this la must not be relaxed itself. */
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    /* picolibc keeps errno in thread-local storage; the single thread uses the load image as its TLS block. */
    la      tp, __tls_base
    lw      a0, 0(sp)           /* argc */
    addi    a1, sp, 4           /* argv */
    slli    t0, a0, 2
    add     a2, a1, t0
    addi    a2, a2, 4           /* envp: after argv's NULL */
    andi    sp, sp, -16
    call    __vmlab_start
1:  j       1b                  /* __vmlab_start never returns */
