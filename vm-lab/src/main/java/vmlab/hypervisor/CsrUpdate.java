package vmlab.hypervisor;

/**
 * The arithmetic of a trapped CSR instruction: given its funct3 (1..3 for {@code csrrw}, {@code csrrs}, {@code csrrc};
 * 5..7 for their immediate forms), the CSR's old value and the operand (rs1's value, or the 5-bit immediate), the value
 * the CSR must hold afterwards. {@link TrapAndEmulate} decodes the instruction, reads and writes the vCPU's CSR, and
 * leaves only this step to the rule it was built with, so lesson 05 can let a student write it and boot a guest on it.
 */
@FunctionalInterface
public interface CsrUpdate {
    int newValue(int funct3, int old, int operand);

    /** The hardware's rule: write, set bits, clear bits. */
    CsrUpdate STANDARD = (funct3, old, operand) -> switch (funct3 & 3) {
        case 1 -> operand;
        case 2 -> old | operand;
        case 3 -> old & ~operand;
        default -> throw new IllegalArgumentException("funct3 " + funct3 + " is not a CSR instruction");
    };
}
