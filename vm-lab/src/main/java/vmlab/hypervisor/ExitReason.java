package vmlab.hypervisor;

/**
 * Why the guest left the hardware and the monitor ran instead: a VM exit. Each is counted; the reasons are the course's
 * list of what a deprivileged kernel cannot do for itself.
 */
public enum ExitReason {
    /** A CSR instruction on a supervisor CSR: privileged, so it traps, and the monitor plays the CSR. */
    CSR("CSR access"),
    /** {@code sret}: the guest kernel returns to its user (or to itself). */
    SRET("sret"),
    /** {@code wfi}: the guest has nothing to do until an interrupt. */
    WFI("wfi"),
    /** {@code sfence.vma}: the guest changed its page tables; the shadow tables are dropped. */
    SFENCE("sfence.vma"),
    /** An {@code ecall} from the guest kernel: a call to the firmware (SBI) that the monitor serves. */
    SBI("SBI call"),
    /** A page fault the guest's own tables would not have raised: the monitor fills a shadow page-table entry. */
    SHADOW_FILL("shadow page fill"),
    /** A load or store to a device address: decoded from the instruction and emulated on a virtual device. */
    MMIO("MMIO access"),
    /** A guest user's system call, passed on to the guest kernel's trap vector as the hardware would. */
    GUEST_SYSCALL("guest system call"),
    /** A fault the guest itself must see (its own page fault, an illegal instruction), passed on to its trap vector. */
    GUEST_FAULT("guest fault"),
    /** The host's timer: the guest's timer may be due, or its time slice is over. */
    HOST_TIMER("host timer"),
    /** A virtual device finished work (a disk completion): the monitor takes the hart to inject its interrupt. */
    DEVICE_INTERRUPT("device interrupt");

    private final String label;

    ExitReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
