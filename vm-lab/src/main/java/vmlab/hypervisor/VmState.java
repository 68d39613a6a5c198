package vmlab.hypervisor;

/** Where a VM is in its lifecycle. */
public enum VmState {
    /** Defined, never powered on: it holds no host memory. */
    CREATED,
    /** Powered on and schedulable (it may be waiting in {@code wfi}). */
    RUNNING,
    /** Powered on but not scheduled: its memory and vCPU are kept as they are, ready to resume or snapshot. */
    PAUSED,
    /** Powered off by the guest (SBI shutdown) or the host: no memory held; its disk and definition remain. */
    OFF,
    /** Stopped by the monitor because it could make no progress; the reason says why. */
    CRASHED
}
