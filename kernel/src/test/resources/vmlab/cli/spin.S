# A user-mode program that never exits: vmlab emu --max-instructions must stop it.
    .globl _start
    .text
_start:
    j _start
