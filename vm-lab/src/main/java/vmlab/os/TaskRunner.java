package vmlab.os;

import vmlab.machine.Machine;

/**
 * What a task runs on the hart, and who handles its traps, when that is not its own program: a virtual machine monitor
 * that is a process of this host (a Type-2 hypervisor) puts a guest's vCPU on the hart when the kernel dispatches it and
 * handles the guest's exits. The kernel still owns the task's place in the run queue, its time slice, its cgroup, its
 * files and its account; a task without a runner runs its program from its saved {@link Context}.
 */
public interface TaskRunner {
    /** The kernel gives the task the hart: put on it what the task runs (the kernel has armed the timer already). */
    void dispatched(Machine machine);

    /** The kernel takes the hart away (preemption, blocking, the end): save what the hart holds. */
    void descheduled(Machine machine);

    /** A trap (not an interrupt) while the task ran. */
    void trap(Machine machine, int cause, int tval);

    /** An interrupt came to the kernel while the task ran, and the task keeps the hart: it may have work to do. */
    void interrupted(Machine machine, int cause);
}
