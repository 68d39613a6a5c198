# Every instruction and pseudo-instruction the lab assembler knows, in GNU as syntax.
# AssemblerDifferentialTest assembles this file with our assembler and with riscv64-unknown-elf-as + ld
# and requires identical bytes; it also disassembles GNU's bytes with ours and compares with objdump.
        .equ    ANSWER, 42
        .equ    BIG, 0x12345678
        .set    UART, 0x10000000
        .text
        .globl  _start
_start:
        # RV32I: upper immediates, jumps
        lui     a0, 0x12345
        lui     t0, %hi(message)
        addi    t0, t0, %lo(message)
        lw      t1, %lo(word_table)(t0)
        sw      t1, %lo(word_table)(t0)
        auipc   a1, 0xfffff
        auipc   x31, 0
        jal     ra, _start
        jal     zero, forward
        jal     helper
        jalr    ra, 0(a0)
        jalr    x0, -4(a1)
        jalr    a0, a1, 8
        jalr    a0, a1
        jalr    t0
forward:
        # branches, both directions
        beq     a0, a1, _start
        bne     a0, a1, forward
        blt     s0, s1, later
        bge     s2, s3, later
        bltu    t3, t4, later
        bgeu    t5, t6, later
        # loads and stores
        lb      a0, -1(sp)
        lh      a1, 2(sp)
        lw      a2, 2047(sp)
        lbu     a3, -2048(sp)
        lhu     a4, (sp)
        sb      a0, 0(a5)
        sh      a1, -2(a6)
        sw      a2, 2047(fp)
        # immediates
        addi    a0, a0, -2048
        slti    a0, a1, 10
        sltiu   a0, a1, 1
        xori    a0, a1, -1
        ori     a0, a1, 0x7ff
        andi    a0, a1, 0xf0
        slli    a0, a0, 31
        srli    a0, a0, 1
        srai    a0, a0, 3
        # register-register
        add     a0, a1, a2
        sub     a0, a1, a2
        sll     a0, a1, a2
        slt     a0, a1, a2
        sltu    a0, a1, a2
        xor     a0, a1, a2
        srl     a0, a1, a2
        sra     a0, a1, a2
        or      a0, a1, a2
        and     a0, a1, a2
later:
        # ordering and environment
        fence
        fence   rw, rw
        fence   iorw, o
        fence   r, w
        fence.tso
        fence.i
        ecall
        ebreak
        # M
        mul     a0, a1, a2
        mulh    a0, a1, a2
        mulhsu  a0, a1, a2
        mulhu   a0, a1, a2
        div     a0, a1, a2
        divu    a0, a1, a2
        rem     a0, a1, a2
        remu    a0, a1, a2
        # A
        lr.w    a0, (a1)
        lr.w.aq a0, (a1)
        lr.w.rl t0, (t1)
        lr.w.aqrl t0, 0(t1)
        sc.w    a0, a2, (a1)
        sc.w.rl a0, a2, (a1)
        amoswap.w a0, a2, (a1)
        amoswap.w.aqrl a0, a2, (a1)
        amoadd.w a0, a2, (a1)
        amoxor.w.aq a0, a2, (a1)
        amoand.w a0, a2, (a1)
        amoor.w.rl a0, a2, (a1)
        amomin.w a0, a2, (a1)
        amomax.w a0, a2, (a1)
        amominu.w a0, a2, (a1)
        amomaxu.w a0, a2, (a1)
        # Zicsr
        csrrw   a0, mstatus, a1
        csrrs   a0, cycle, x0
        csrrc   a0, mie, a1
        csrrwi  a0, 0x7c0, 5
        csrrsi  a0, sstatus, 31
        csrrci  zero, sstatus, 8
        csrrw   a0, mscratch, 3
        unimp
        # privileged
        wfi
        mret
        sret
        sfence.vma
        sfence.vma a0
        sfence.vma a0, a1
        hfence.vvma
        hfence.vvma a0, a1
        hfence.gvma a2
        hlv.b a0, (a1)
        hlv.bu t0, 0(sp)
        hlv.h a2, (a3)
        hlv.hu a4, (a5)
        hlvx.hu s0, (s1)
        hlv.w t1, (t2)
        hlvx.wu a6, (a7)
        hsv.b a0, (a1)
        hsv.h t3, (t4)
        hsv.w s2, (s3)
        # pseudo-instructions
        nop
        li      a0, 42
        li      a0, ANSWER
        li      a0, -1
        li      a0, 0x7ff
        li      a0, 0x800
        li      a0, -2048
        li      a0, -2049
        li      a0, 0x1000
        li      a0, BIG
        li      a0, 0x80000000
        li      a0, 0xffffffff
        li      a0, 0x7ffff800
        li      t0, UART + 5
        la      a0, message
        lla     a1, word_table
        mv      a0, a1
        not     a0, a1
        neg     a0, a1
        seqz    a0, a1
        snez    a0, a1
        sltz    a0, a1
        sgtz    a0, a1
        zext.b  a0, a1
        beqz    a0, later
        bnez    a0, later
        blez    a0, later
        bgez    a0, later
        bltz    a0, later
        bgtz    a0, later
        bgt     a0, a1, later
        ble     a0, a1, later
        bgtu    a0, a1, later
        bleu    a0, a1, later
        j       later
        jr      t0
        ret
        call    helper
        tail    helper
        csrr    a0, satp
        csrw    0x345, a0
        csrw    mstatus, 8
        csrs    mstatus, a0
        csrs    mie, 4
        csrc    mstatus, a0
        csrc    mip, 2
        csrwi   mscratch, 1
        csrsi   mstatus, 8
        csrci   mstatus, 8
        rdcycle a0
        rdtime  a1
        rdinstret a2
        rdcycleh a3
        rdtimeh a4
        rdinstreth a5
        lw      a0, counter
        lb      a1, message
        sw      a0, counter, t0
        sh      a0, counter, t1
        # %pcrel_hi / %pcrel_lo and local labels
1:      auipc   a0, %pcrel_hi(counter)
        lw      a1, %pcrel_lo(1b)(a0)
        addi    a0, a0, %pcrel_lo(1b)
2:      addi    a0, a0, -1
        bnez    a0, 2b
        beqz    a0, 2f
        j       1b
2:      j       2b
        .align  4
helper:
        addi    sp, sp, -16; sw ra, 12(sp)
        lw      ra, 12(sp)       # comment after an instruction
        addi    sp, sp, 16       /* a block comment */
        ret

        .section .rodata
message:
        .asciz  "Hello, RISC-V!\n"
        .string "tab\there"
        .ascii  "abc", "d\x41\101"
        .align  2
word_table:
        .word   _start, helper, message, ANSWER * 2 + 1, -1, (BIG >> 4) & 0xfff
        .half   0x1234, -1
        .short  7
        .2byte  8
        .byte   1, 2, 255, -128, 'A', '\n'
        .balign 8
        .4byte  0xdeadbeef
        .dword  0x0123456789abcdef

        .data
counter:
        .word   0
        .space  3
        .space  2, 0xaa
        .p2align 3
        .zero   5
        .byte   end_of_data - counter
end_of_data:

        .bss
buffer:
        .space  64
