package vmlab.machine;

/**
 * Trap causes as {@code mcause} holds them: exceptions are small numbers, interrupts have bit 31 set.
 * Faults travel through the machine as values, never as Java exceptions: a memory access returns a negative
 * {@code long} that {@link #fault(int)} built and {@link #of(long)} decodes.
 */
public final class Cause {
    public static final int INSTRUCTION_MISALIGNED = 0;
    public static final int INSTRUCTION_ACCESS_FAULT = 1;
    public static final int ILLEGAL_INSTRUCTION = 2;
    public static final int BREAKPOINT = 3;
    public static final int LOAD_MISALIGNED = 4;
    public static final int LOAD_ACCESS_FAULT = 5;
    public static final int STORE_MISALIGNED = 6;
    public static final int STORE_ACCESS_FAULT = 7;
    public static final int ECALL_FROM_U = 8;
    public static final int ECALL_FROM_S = 9;
    public static final int ECALL_FROM_M = 11;
    public static final int INSTRUCTION_PAGE_FAULT = 12;
    public static final int LOAD_PAGE_FAULT = 13;
    public static final int STORE_PAGE_FAULT = 15;
    // The H extension's causes: a guest kernel's ecall, and faults of the second (G-) stage of translation.
    public static final int ECALL_FROM_VS = 10;
    public static final int INSTRUCTION_GUEST_PAGE_FAULT = 20;
    public static final int LOAD_GUEST_PAGE_FAULT = 21;
    public static final int VIRTUAL_INSTRUCTION = 22;
    public static final int STORE_GUEST_PAGE_FAULT = 23;

    public static final int INTERRUPT = 0x8000_0000;
    public static final int SUPERVISOR_SOFTWARE_INTERRUPT = INTERRUPT | 1;
    public static final int MACHINE_SOFTWARE_INTERRUPT = INTERRUPT | 3;
    public static final int SUPERVISOR_TIMER_INTERRUPT = INTERRUPT | 5;
    public static final int MACHINE_TIMER_INTERRUPT = INTERRUPT | 7;
    public static final int SUPERVISOR_EXTERNAL_INTERRUPT = INTERRUPT | 9;
    public static final int VIRTUAL_SUPERVISOR_SOFTWARE_INTERRUPT = INTERRUPT | 2;
    public static final int VIRTUAL_SUPERVISOR_TIMER_INTERRUPT = INTERRUPT | 6;
    public static final int VIRTUAL_SUPERVISOR_EXTERNAL_INTERRUPT = INTERRUPT | 10;
    public static final int MACHINE_EXTERNAL_INTERRUPT = INTERRUPT | 11;

    private static final String[] EXCEPTION_NAMES = {
            "instruction address misaligned", "instruction access fault", "illegal instruction", "breakpoint",
            "load address misaligned", "load access fault", "store/AMO address misaligned", "store/AMO access fault",
            "environment call from U-mode", "environment call from S-mode", "environment call from VS-mode",
            "environment call from M-mode", "instruction page fault", "load page fault", "reserved (14)", "store/AMO page fault",
            "reserved (16)", "reserved (17)", "reserved (18)", "reserved (19)", "instruction guest-page fault",
            "load guest-page fault", "virtual instruction", "store/AMO guest-page fault"};
    private static final String[] INTERRUPT_NAMES = {
            "reserved interrupt 0", "supervisor software interrupt", "virtual supervisor software interrupt",
            "machine software interrupt", "reserved interrupt 4", "supervisor timer interrupt",
            "virtual supervisor timer interrupt", "machine timer interrupt", "reserved interrupt 8",
            "supervisor external interrupt", "virtual supervisor external interrupt", "machine external interrupt",
            "supervisor guest external interrupt"};

    private Cause() {
    }

    /** A memory-access result that means "this access faulted with {@code cause}"; always negative. */
    public static long fault(int cause) {
        return -1L - cause;
    }

    /** The cause inside a negative access result. */
    public static int of(long faultResult) {
        return (int) (-1L - faultResult);
    }

    public static boolean isInterrupt(int cause) {
        return cause < 0;
    }

    /** A counter slot: exceptions 0..31, interrupts 32..47. */
    public static int slot(int cause) {
        return isInterrupt(cause) ? 32 + (cause & 15) : cause & 31;
    }

    public static int fromSlot(int slot) {
        return slot >= 32 ? INTERRUPT | (slot - 32) : slot;
    }

    /** True for the G-stage faults, whose htval/mtval2 hold the guest physical address >> 2. */
    public static boolean isGuestPageFault(int cause) {
        return cause == INSTRUCTION_GUEST_PAGE_FAULT || cause == LOAD_GUEST_PAGE_FAULT || cause == STORE_GUEST_PAGE_FAULT;
    }

    public static String name(int cause) {
        int code = cause & 0x7FFF_FFFF;
        if (isInterrupt(cause)) {
            return code < INTERRUPT_NAMES.length ? INTERRUPT_NAMES[code] : "interrupt " + code;
        }
        return code < EXCEPTION_NAMES.length ? EXCEPTION_NAMES[code] : "exception " + code;
    }
}
