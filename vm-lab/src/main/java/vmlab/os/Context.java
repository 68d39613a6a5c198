package vmlab.os;

import vmlab.machine.Hart;
import vmlab.machine.Privilege;

/**
 * What a context switch saves and restores: the 31 integer registers, the pc and {@code satp} (which address space the
 * hart translates through). Nothing else of the hart belongs to a user process: its CSRs are the kernel's.
 */
public final class Context {
    final int[] registers = new int[32];
    int pc;
    int satp;

    /** Copies the hart's user state into this context (the first half of a context switch). */
    void save(Hart hart) {
        System.arraycopy(hart.x, 0, registers, 0, 32);
        pc = hart.pc;
        satp = hart.satp;
    }

    /** Puts this context on the hart, in user mode (the second half). */
    void restore(Hart hart) {
        System.arraycopy(registers, 0, hart.x, 0, 32);
        hart.x[0] = 0;
        hart.pc = pc;
        hart.satp = satp;
        hart.privilege = Privilege.USER;
        hart.reservationValid = false; // an LR's reservation never survives a switch
        hart.recheck = true;           // engines drop cached translations: the address space changed
    }

    public int pc() {
        return pc;
    }

    public int satp() {
        return satp;
    }

    /** Register x{@code n} as saved. */
    public int register(int n) {
        return registers[n];
    }
}
