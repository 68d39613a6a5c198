package vmlab.machine;

/**
 * Java code that stands in for M-mode software: when installed on a {@link Machine}, every trap that would enter M-mode
 * is handed to it instead of jumping to {@code mtvec}. The Linux system-call layer is one (it plays the kernel for a
 * user-mode process); a hypervisor's monitor is another. Traps delegated to S-mode still go to the guest's {@code stvec}.
 *
 * <p>On entry {@code hart.pc} is the trapping instruction (or, for an interrupt, the next one). The handler decides where
 * execution continues (for an {@code ecall}: {@code pc + 4}) or stops the machine with {@link Machine#exit}.
 */
@FunctionalInterface
public interface HostTrapHandler {
    void trap(Machine machine, int cause, int tval);
}
