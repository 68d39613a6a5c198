/* Misaligned loads and stores are carried out (the spec permits doing them in hardware, and our machine does):
   every width and offset gives the little-endian value, with no trap. */
#include "check.h"
    test_start

test_main:
    la      s0, bytes
    clear_traps

    check_number 1          /* lw at offsets 1, 2, 3 */
    lw      t0, 1(s0)
    expect  t0, 0x04030201
    lw      t0, 2(s0)
    expect  t0, 0x05040302
    lw      t0, 3(s0)
    expect  t0, 0x06050403

    check_number 2          /* lh / lhu at odd offsets, sign- and zero-extended */
    lh      t0, 1(s0)
    expect  t0, 0x0201
    lh      t0, 7(s0)
    expect  t0, 0xffff8007
    lhu     t0, 7(s0)
    expect  t0, 0x8007

    check_number 3          /* sw at offset 1, read back byte by byte */
    li      t1, 0xa1b2c3d4
    sw      t1, 9(s0)
    lbu     t0, 9(s0)
    expect  t0, 0xd4
    lbu     t0, 12(s0)
    expect  t0, 0xa1
    lw      t0, 8(s0)
    expect  t0, 0xb2c3d480 /* byte 8 keeps 0x80 */

    check_number 4          /* sh at offset 3 */
    li      t1, 0xbeef
    sh      t1, 3(s0)
    lhu     t0, 3(s0)
    expect  t0, 0xbeef
    lbu     t0, 5(s0)
    expect  t0, 0x05

    check_number 5          /* a misaligned word across a page boundary */
    la      s1, page_end
    li      t1, 0x11223344
    sw      t1, -2(s1)
    lw      t0, -2(s1)
    expect  t0, 0x11223344
    lhu     t0, 0(s1)
    expect  t0, 0x1122

    check_number 6          /* none of it trapped */
    expect_word m_traps, 0

    j       pass

    .data
    .align 4
bytes:
    .byte 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x80, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f
    .align 12
page_end:
    .space 8
