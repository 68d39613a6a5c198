/*
 * iokernel: a small S-mode kernel that moves the same 64 KiB to a disk and back, either through a fully emulated disk
 * (the hypervisor's PioDisk at 0x1000_0800: a sector number, a command, and 128 loads or stores of its data register
 * per sector) or through a virtio-blk disk (virtio-mmio slot 7 at 0x1000_8000: the whole 64 KiB described once in the
 * virtqueue, one notify, one completion interrupt). Lesson 05 counts the exits each way costs per KiB moved.
 *
 * It uses whichever disk the board has (virtio first), checks that what it read back is what it wrote, prints one
 * line saying so, and powers off through the SBI.
 */
#define SBI_LEGACY_PUTCHAR 0x01
#define SBI_SRST           0x53525354
#define SIE_SEIE           (1 << 9)

#define PIO        0x10000800
#define VIRTIO     0x10008000
#define PLIC       0x0c000000
#define KIB        64
#define SECTORS    (KIB * 2)
#define DESC       0x80300000
#define AVAIL      0x80300100
#define USED       0x80300200
#define HEADER     0x80300400
#define STATUS     0x80300410
#define BUF        0x80310000
#define BUF2       0x80330000

    .section .text.init
    .globl _start
_start:
    li      sp, 0x80380000
    la      t0, fault
    csrw    stvec, t0
    la      a0, msg_hello
    call    puts

    /* the data: word i is i * 0x9E3779B1 + 1 */
    li      t0, BUF
    li      t1, KIB * 256
    li      t2, 0
    li      t3, 0x9E3779B1
1:  mul     t4, t2, t3
    addi    t4, t4, 1
    sw      t4, 0(t0)
    addi    t0, t0, 4
    addi    t2, t2, 1
    blt     t2, t1, 1b

    li      s0, VIRTIO
    lw      t0, 8(s0)                   /* device ID: 2 is a block device, 0 an empty slot */
    li      t1, 2
    beq     t0, t1, virtio_test
    li      s0, PIO
    lw      t0, 0(s0)
    li      t1, 0x44494F50              /* "PIOD" */
    beq     t0, t1, pio_test
    la      a0, msg_nodisk
    call    puts
    j       shutdown

/* ---- the emulated disk: every register access is an exit ---------------------------------------------------- */
pio_test:
    li      s1, 0
    li      s2, BUF
2:  sw      s1, 8(s0)                   /* SECTOR */
    li      t1, 128
3:  lw      t0, 0(s2)
    sw      t0, 16(s0)                  /* DATA, four bytes at a time */
    addi    s2, s2, 4
    addi    t1, t1, -1
    bnez    t1, 3b
    li      t0, 2
    sw      t0, 12(s0)                  /* COMMAND: write the buffer to the sector */
    lw      t0, 20(s0)
    bnez    t0, io_error
    addi    s1, s1, 1
    li      t0, SECTORS
    blt     s1, t0, 2b

    li      s1, 0
    li      s2, BUF
4:  sw      s1, 8(s0)
    li      t0, 1
    sw      t0, 12(s0)                  /* COMMAND: read the sector into the buffer */
    lw      t0, 20(s0)
    bnez    t0, io_error
    li      t1, 128
5:  lw      t0, 16(s0)
    lw      t2, 0(s2)
    bne     t0, t2, mismatch
    addi    s2, s2, 4
    addi    t1, t1, -1
    bnez    t1, 5b
    addi    s1, s1, 1
    li      t0, SECTORS
    blt     s1, t0, 4b
    la      a0, msg_pio_ok
    call    puts
    j       shutdown

/* ---- virtio: the guest describes the transfer in RAM and notifies once --------------------------------------- */
virtio_test:
    sw      zero, 0x70(s0)              /* reset */
    li      t0, 1
    sw      t0, 0x70(s0)                /* ACKNOWLEDGE */
    li      t0, 3
    sw      t0, 0x70(s0)                /* DRIVER */
    li      t0, 1
    sw      t0, 0x24(s0)                /* driver features, high word: */
    sw      t0, 0x20(s0)                /* VIRTIO_F_VERSION_1 */
    sw      zero, 0x24(s0)
    sw      zero, 0x20(s0)
    li      t0, 11
    sw      t0, 0x70(s0)                /* FEATURES_OK */
    lw      t0, 0x70(s0)
    andi    t0, t0, 8
    beqz    t0, io_error
    sw      zero, 0x30(s0)              /* queue 0 */
    li      t0, 8
    sw      t0, 0x38(s0)                /* of 8 entries */
    li      t0, DESC
    sw      t0, 0x80(s0)
    sw      zero, 0x84(s0)
    li      t0, AVAIL
    sw      t0, 0x90(s0)
    sw      zero, 0x94(s0)
    li      t0, USED
    sw      t0, 0xA0(s0)
    sw      zero, 0xA4(s0)
    li      t0, 1
    sw      t0, 0x44(s0)                /* queue ready */
    li      t0, 15
    sw      t0, 0x70(s0)                /* DRIVER_OK */

    li      t0, PLIC                    /* the disk's interrupt, source 8, to the S-mode context */
    li      t1, 1
    sw      t1, 32(t0)
    li      t0, PLIC + 0x2080
    li      t1, 1 << 8
    sw      t1, 0(t0)
    li      t0, PLIC + 0x201000
    sw      zero, 0(t0)
    li      t0, SIE_SEIE
    csrs    sie, t0

    li      a0, 1                       /* write 64 KiB from BUF to sector 0 */
    li      a1, BUF
    li      a2, 0
    call    virtio_request
    li      a0, 0                       /* and read them back into BUF2 */
    li      a1, BUF2
    li      a2, 2
    call    virtio_request

    li      t0, BUF
    li      t1, BUF2
    li      t2, KIB * 256
8:  lw      t3, 0(t0)
    lw      t4, 0(t1)
    bne     t3, t4, mismatch
    addi    t0, t0, 4
    addi    t1, t1, 4
    addi    t2, t2, -1
    bnez    t2, 8b
    la      a0, msg_virtio_ok
    call    puts
    j       shutdown

/* one request of KIB KiB at sector 0: a0 = type (0 in, 1 out), a1 = data, a2 = the data's flags (2 if the device writes) */
virtio_request:
    li      t0, HEADER
    sw      a0, 0(t0)
    sw      zero, 4(t0)
    sw      zero, 8(t0)
    sw      zero, 12(t0)
    li      t0, STATUS
    li      t1, 0xff
    sb      t1, 0(t0)
    li      t0, DESC
    li      t1, HEADER                  /* descriptor 0: the header, then 1 */
    sw      t1, 0(t0)
    sw      zero, 4(t0)
    li      t1, 16
    sw      t1, 8(t0)
    li      t1, 1 | (1 << 16)
    sw      t1, 12(t0)
    sw      a1, 16(t0)                  /* descriptor 1: the data, then 2 */
    sw      zero, 20(t0)
    li      t1, KIB * 1024
    sw      t1, 24(t0)
    ori     t1, a2, 1
    li      t2, 2 << 16
    or      t1, t1, t2
    sw      t1, 28(t0)
    li      t1, STATUS                  /* descriptor 2: the status byte the device writes */
    sw      t1, 32(t0)
    sw      zero, 36(t0)
    li      t1, 1
    sw      t1, 40(t0)
    li      t1, 2
    sw      t1, 44(t0)
    li      t0, AVAIL                   /* offer descriptor 0 in the available ring */
    lhu     t1, 2(t0)
    andi    t2, t1, 7
    slli    t2, t2, 1
    add     t2, t2, t0
    sh      zero, 4(t2)
    fence   rw, rw
    addi    t1, t1, 1
    slli    t1, t1, 16
    srli    t1, t1, 16
    sh      t1, 2(t0)
    fence   rw, rw
    sw      zero, 0x50(s0)              /* notify queue 0: the one exit of the transfer */
6:  li      t0, USED
    lhu     t2, 2(t0)
    beq     t2, t1, 7f
    wfi                                 /* until the completion interrupt is pending (SIE stays off) */
    j       6b
7:  li      t0, PLIC + 0x201004
    lw      t2, 0(t0)                   /* claim */
    lw      t3, 0x60(s0)
    sw      t3, 0x64(s0)                /* acknowledge at the device */
    sw      t2, 0(t0)                   /* complete */
    li      t0, STATUS
    lbu     t2, 0(t0)
    bnez    t2, io_error
    ret

/* ---- the console and the end --------------------------------------------------------------------------------- */
puts:
    mv      t0, a0
1:  lbu     a0, 0(t0)
    beqz    a0, 2f
    li      a7, SBI_LEGACY_PUTCHAR
    ecall
    addi    t0, t0, 1
    j       1b
2:  ret

mismatch:
    la      a0, msg_mismatch
    call    puts
    j       shutdown
io_error:
    la      a0, msg_io_error
    call    puts
    j       shutdown
    .align  2
fault:
    la      a0, msg_fault
    call    puts
shutdown:
    li      a7, SBI_SRST
    li      a6, 0
    li      a0, 0
    li      a1, 0
    ecall
9:  j       9b

    .section .rodata
msg_hello:     .asciz "iokernel: 64 KiB to the disk and back\n"
msg_pio_ok:    .asciz "emulated disk (PIO): 64 KiB written and read back intact\n"
msg_virtio_ok: .asciz "virtio-blk: 64 KiB written and read back intact\n"
msg_nodisk:    .asciz "no disk\n"
msg_mismatch:  .asciz "the data read back differs\n"
msg_io_error:  .asciz "disk error\n"
msg_fault:     .asciz "unexpected trap\n"
