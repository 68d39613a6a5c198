/*
 * The machinery of the H-extension check. enter(pc, arg) leaves M-mode for pc in the mode mstatus.MPP/mstatush.MPV name
 * (a1 = arg there) and comes back when the next trap reaches M-mode: m_trap records what the trap left (mcause, mtval,
 * mtval2, mtinst, mstatush, mepc, and the guest's a0) in m_record, then restores the caller. hs_trap and vs_trap are the
 * hypervisor's and the guest kernel's handlers: they record their own CSRs and ecall to M, which ends the run.
 * The small guests below each do one thing and ecall.
 */
    .text
    .globl enter
enter:
    la t0, m_context
    sw ra, 0(t0)
    sw sp, 4(t0)
    sw s0, 8(t0)
    sw s1, 12(t0)
    sw gp, 16(t0)
    sw tp, 20(t0)
    csrw mepc, a0
    la t0, m_trap
    csrw mtvec, t0
    mv a0, zero
    mret

    .align 2
m_trap:
    la t0, m_record
    csrr t1, mcause
    sw t1, 0(t0)
    csrr t1, mtval
    sw t1, 4(t0)
    csrr t1, mtval2
    sw t1, 8(t0)
    csrr t1, mtinst
    sw t1, 12(t0)
    csrr t1, mstatush
    sw t1, 16(t0)
    csrr t1, mepc
    sw t1, 20(t0)
    sw a0, 24(t0)
    li t1, 0x1800          /* back in M-mode: MPP = M, MPV = 0 */
    csrs mstatus, t1
    csrw mstatush, zero
    la t0, m_context
    lw ra, 0(t0)
    lw sp, 4(t0)
    lw s0, 8(t0)
    lw s1, 12(t0)
    lw gp, 16(t0)
    lw tp, 20(t0)
    ret

    .globl hs_trap
    .align 2
hs_trap:
    la t0, hs_record
    csrr t1, scause
    sw t1, 0(t0)
    csrr t1, stval
    sw t1, 4(t0)
    csrr t1, htval
    sw t1, 8(t0)
    csrr t1, htinst
    sw t1, 12(t0)
    csrr t1, hstatus
    sw t1, 16(t0)
    csrr t1, sepc
    sw t1, 20(t0)
    csrr t1, sstatus
    sw t1, 24(t0)
    ecall

    .globl vs_trap
    .align 2
vs_trap:                   /* runs with V=1: the S names are the guest's vs* registers */
    la t0, vs_record
    csrr t1, scause
    sw t1, 0(t0)
    csrr t1, stval
    sw t1, 4(t0)
    csrr t1, sepc
    sw t1, 8(t0)
    csrr t1, sstatus
    sw t1, 12(t0)
    ecall

    .globl g_ecall, g_read_sstatus, g_read_hstatus, g_read_mstatus, g_load, g_store, g_jump, g_hfence, g_wfi
    .globl g_sret, g_read_satp, g_to_user, g_user_ecall, g_read_sie_sip, g_wait_interrupt, g_hlv, g_hsv, g_hlvx
    .globl g_sfence
g_ecall:
    li a0, 0x1234
    ecall
g_read_sstatus:
    csrr a0, sstatus
    ecall
g_read_hstatus:
    csrr a0, hstatus
    ecall
g_read_mstatus:
    csrr a0, mstatus
    ecall
g_load:
    lw a0, 0(a1)
    ecall
g_store:
    li t0, 0x5a5a
    sw t0, 0(a1)
    lw a0, 0(a1)
    ecall
g_jump:
    jr a1
g_hfence:
    hfence.vvma
    ecall
g_wfi:
    wfi
    ecall
g_sret:
    sret
    ecall
g_read_satp:
    csrr a0, satp
    ecall
g_sfence:
    sfence.vma
    ecall
g_to_user:                 /* VS-mode: sret to VU-mode at a1 */
    csrw sepc, a1
    li t0, 0x100
    csrc sstatus, t0
    sret
g_user_ecall:
    li a0, 0x77
    ecall
g_read_sie_sip:
    csrr a0, sie
    csrr t0, sip
    slli a0, a0, 16
    or a0, a0, t0
    ecall
g_wait_interrupt:          /* enable the guest's interrupts, then spin until one arrives (the trap ends the run) */
    csrsi sstatus, 2
1:  j 1b
g_hlv:
    hlv.w a0, (a1)
    ecall
g_hsv:
    li t0, 0x600d
    hsv.w t0, (a1)
    hlv.hu a0, (a1)
    ecall
g_hlvx:
    hlvx.wu a0, (a1)
    ecall

    .globl h_enter_guest
h_enter_guest:             /* HS-mode: sret into the guest (VS-mode) at a1, the way a hypervisor resumes its vCPU */
    csrw sepc, a1
    li t0, 0x80            /* hstatus.SPV */
    csrs hstatus, t0
    li t0, 0x100           /* sstatus.SPP = S */
    csrs sstatus, t0
    sret
