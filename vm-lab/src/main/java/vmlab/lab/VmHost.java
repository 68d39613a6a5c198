package vmlab.lab;

import vmlab.hypervisor.GuestVm;

/** What runs a notebook's VM: a Type-1 host ({@link LabHypervisor}) or the host OS of a Type-2 VMM ({@link LabHostOs}). */
interface VmHost {
    /** Runs the host for about {@code instructions} (the VM and whatever else is on). */
    void run(GuestVm vm, long instructions);

    /** Runs until {@code vm} stops, pauses or waits for input. */
    void runUntilStopped(GuestVm vm);
}
