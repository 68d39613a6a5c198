    .section .text.start
    .globl _start
_start:
    la sp, stack_top
    j main
    .bss
    .align 4
    .space 8192
stack_top:
