# Bare-metal: tells the host "fail with code 21" through HTIF tohost ((21 << 1) | 1 = 43), then waits.
    .globl _start
    .section .text
_start:
    la t0, tohost
    li t1, 43
    sw t1, 0(t0)
    sw zero, 4(t0)
1:  j 1b
    .section .tohost, "aw"
    .align 6
    .globl tohost
tohost: .dword 0
    .globl fromhost
fromhost: .dword 0
