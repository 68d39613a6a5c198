package vmlab.os;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import vmlab.engine.Engine;
import vmlab.engine.Stop;
import vmlab.machine.Cause;
import vmlab.machine.Elf;
import vmlab.machine.Hart;
import vmlab.machine.HostTrapHandler;
import vmlab.machine.Machine;
import vmlab.machine.Privilege;

/**
 * The host kernel of a time-sharing machine: many user-mode guest processes on the one hart of a {@link Machine}, each in
 * its own Sv32 address space, sharing the machine's RAM through one {@link FrameAllocator}. It is the machine's M-mode
 * software (a {@link HostTrapHandler}): every trap of every process comes here.
 *
 * <ul>
 *   <li><b>Preemption.</b> Before a task runs, the kernel sets the CLINT's {@code mtimecmp} to the end of the task's slice
 *   (or to the next alarm, if sooner). When mtime reaches it, the hart takes a machine timer interrupt, and the kernel
 *   puts the task back at the end of the ready queue and picks another with its {@link Policy}.</li>
 *   <li><b>Context switches</b> save the registers, pc and {@code satp} of one task into its {@link Context} and load
 *   another's: after a switch the hart translates through the other task's page table, so no task can reach another's
 *   memory.</li>
 *   <li><b>System calls</b> go to each process's own Linux system-call layer ({@link SystemCalls}), except those that
 *   make a task wait, which need a scheduler: {@code read} from the terminal (it blocks until a line has been typed),
 *   {@code nanosleep} (simulated time), {@code sched_yield}, and {@code exit} (the machine goes on with the others).</li>
 *   <li><b>Idle.</b> With nothing ready the hart runs the idle loop, {@code wfi; j .-4}, in S-mode without paging:
 *   WFI skips simulated time forward to the next timer interrupt, so an idle machine costs the host nothing.</li>
 *   <li><b>Cost model.</b> The kernel's own work is Java, so it executes no guest instructions: each action advances the
 *   simulated clock by the fixed cycles of {@link OsCosts} and is counted apart from user work in a
 *   {@link CycleAccount}. User cycles are exact (one per guest instruction, read from {@code mcycle}). Creating a
 *   process (loading its ELF) is not charged.</li>
 * </ul>
 *
 * Alarms ({@link #at}) let the world outside the CPU act at a simulated time: a user submitting a job, a terminal line
 * arriving, a sleep ending. They run inside the timer interrupt, in time order (ties in the order they were set), so a
 * run is deterministic.
 */
public final class HostOs implements HostTrapHandler {
    /** The idle loop: wfi; j .-4 */
    private static final int WFI = 0x1050_0073, JUMP_BACK_4 = 0xFFDF_F06F;
    private static final long NEVER = Long.MAX_VALUE;
    /** Instructions per engine run between looks at progress (the engine itself looks at interrupts far more often). */
    private static final long CHUNK = 1 << 20;

    private final Machine machine;
    private final Hart hart;
    private final Engine engine;
    private final CpuClock clock;
    private final FrameAllocator frames;
    private final int idleCode;
    private Policy policy = Policy.ROUND_ROBIN;
    private long quantum = 10_000;
    private OsCosts costs = OsCosts.DEFAULT;
    private HostOsListener listener = HostOsListener.NONE;

    private final List<Task> tasks = new ArrayList<>();
    private final List<Task> ready = new ArrayList<>();
    private final List<Task> readyView = Collections.unmodifiableList(ready);
    private final PriorityQueue<Alarm> alarms = new PriorityQueue<>(
            Comparator.comparingLong(Alarm::time).thenComparingLong(Alarm::sequence));
    private long alarmSequence;
    private final CycleAccount account = new CycleAccount();
    private final long bootTime;
    private int nextPid = 1;
    private String panicked;
    private final Map<Integer, Task> byPid = new java.util.HashMap<>();
    private final ControlGroup rootGroup = ControlGroup.root();
    private final SharedText sharedText;
    private final Namespaces hostNamespaces = Namespaces.host(new MountTable());
    /** What the processes' fork and kill reach. */
    private final ProcessHost processHost = new ProcessHost() {
        @Override
        public int fork(LinuxProcess parent) {
            return forkRunning(parent);
        }

        @Override
        public int kill(LinuxProcess sender, int pid, int signal) {
            return killFrom(sender, pid, signal);
        }
    };

    private Task running;   // on the CPU now, or null: idle
    private Task onHart;    // whose registers the hart last held (a dispatch of anyone else is a context switch)
    private long dispatchMark, sliceEnd = NEVER;
    private long stopAt = NEVER;
    private boolean stopping;

    private record Alarm(long time, long sequence, Runnable action) {
    }

    public HostOs(Machine machine, Engine engine, CpuClock clock) {
        this.machine = machine;
        this.hart = machine.hart;
        this.engine = engine;
        this.clock = clock;
        this.frames = new FrameAllocator(machine.bus);
        this.sharedText = new SharedText(frames);
        this.idleCode = frames.allocate();
        if (idleCode == 0) {
            throw new IllegalStateException("the machine has no RAM for the kernel's idle loop");
        }
        machine.bus.write(idleCode, 4, WFI);
        machine.bus.write(idleCode + 4, 4, JUMP_BACK_4);
        machine.setHostTrapHandler(this);
        machine.setProgramName("host kernel");
        hart.mie = Hart.MTIP; // the timer is the only interrupt the kernel listens to
        this.bootTime = now();
        enterIdle();
    }

    // ---- configuration ------------------------------------------------------------------------------------------------

    public HostOs policy(Policy policy) {
        this.policy = java.util.Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** The quantum a policy hands out, in cycles (instructions of user time). */
    public HostOs quantum(long cycles) {
        if (cycles <= 0) {
            throw new IllegalArgumentException("a quantum is a positive number of cycles, not " + cycles);
        }
        this.quantum = cycles;
        return this;
    }

    public HostOs costs(OsCosts costs) {
        this.costs = java.util.Objects.requireNonNull(costs, "costs");
        return this;
    }

    public HostOs listener(HostOsListener listener) {
        this.listener = listener == null ? HostOsListener.NONE : listener;
        return this;
    }

    // ---- the outside world ----------------------------------------------------------------------------------------------

    /** The simulated time: the CLINT's mtime, in cycles. */
    public long now() {
        return machine.clint.mtime();
    }

    /** Cycles since the kernel booted. */
    public long elapsed() {
        return now() - bootTime;
    }

    /** Runs {@code action} at simulated cycle {@code time} (at once, at the next timer interrupt, if that is past). */
    public void at(long time, Runnable action) {
        alarms.add(new Alarm(time, alarmSequence++, action));
        if (running != null || !stopping) {
            arm();
        }
    }

    /**
     * Creates a process running {@code elf} and puts it in the ready queue.
     *
     * @param owner  who submitted it (for logs and bills)
     * @param input  its terminal, where reads of fd 0 wait for typed lines; null: fd 0 is at end of file
     * @param output where it writes (fd 1 and 2)
     */
    public Task spawn(String owner, Elf elf, List<String> argv, TerminalInput input, OutputStream output) {
        return spawn(owner, elf, argv, Map.of(), hostSetup(), input, output, output);
    }

    /** The host's namespaces (no files), the root cgroup and the shared text cache: where spawned programs live. */
    public LinuxProcess.Setup hostSetup() {
        return new LinuxProcess.Setup(hostNamespaces, rootGroup, sharedText, "/");
    }

    /**
     * Creates a process in the namespaces and cgroup of {@code setup} (a container's first process gets new ones) and
     * puts it in the ready queue. Refused with an IllegalStateException, and nothing changed, if the cgroup is at
     * pids.max or its program does not fit in the cgroup's memory.max or in RAM.
     */
    public Task spawn(String owner, Elf elf, List<String> argv, Map<String, String> environment,
                      LinuxProcess.Setup setup, TerminalInput input, OutputStream output, OutputStream errors) {
        if (panicked != null) {
            throw new IllegalStateException(panicked + ": no new process");
        }
        ControlGroup group = setup.group() == null ? rootGroup : setup.group();
        LinuxProcess.Setup charged = new LinuxProcess.Setup(setup.namespaces(), group,
                setup.sharedText() == null ? sharedText : setup.sharedText(), setup.cwd());
        if (!group.chargePid()) {
            throw new IllegalStateException("cgroup " + group.path() + " is at pids.max (" + group.pidsMax()
                    + "): no new process");
        }
        int pid = nextPid;
        // The loader prepares the hart for the new process; that becomes its first context, and whoever was on the hart
        // gets the hart back untouched.
        Context interrupted = new Context();
        interrupted.save(hart);
        int privilege = hart.privilege;
        LinuxProcess process;
        try {
            process = LinuxProcess.start(machine, frames, pid, elf, argv, environment, charged,
                    LinuxProcess.Streams.of(new ByteArrayInputStream(new byte[0]), output, errors));
        } catch (IllegalStateException e) {
            group.unchargePid();
            throw e;
        } finally {
            machine.setHostTrapHandler(this);
            machine.setProgramName("host kernel");
        }
        nextPid++;
        process.host = processHost;
        charged.namespaces().pid().register(pid);
        Task task = new Task(pid, String.join(" ", argv), owner == null ? "" : owner, process, input, now());
        task.context.save(hart);
        interrupted.restore(hart);
        hart.privilege = privilege;
        return admit(task, "");
    }

    /**
     * Creates a process that runs {@code runner} instead of its program (a Type-2 VMM: {@code elf} gives the process
     * its image and memory; the runner puts the guest on the hart). Otherwise as {@link #spawn}.
     */
    public Task spawn(String owner, Elf elf, List<String> argv, LinuxProcess.Setup setup, TaskRunner runner) {
        Task task = spawn(owner, elf, argv, Map.of(), setup, null, OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());
        task.runner = java.util.Objects.requireNonNull(runner, "runner");
        return task;
    }

    /**
     * A system call made by the running task's runner (the VMM's own code, which is Java) through this kernel's Linux
     * system-call layer, exactly as its {@code ecall} would be: counted, charged, served on the task's files and memory.
     * The hart's registers are the guest's and are left as they were. Returns a0 (a negative errno on failure).
     */
    public int systemCall(Task task, int number, int... args) {
        if (task.runner == null || task.state != TaskState.RUNNING) {
            throw new IllegalStateException("only a running task's runner makes system calls from Java: " + task);
        }
        int[] saved = hart.x.clone();
        int pc = hart.pc;
        hart.x[17] = number;
        for (int i = 0; i < args.length; i++) {
            hart.x[10 + i] = args[i];
        }
        account.systemCalls++;
        account.systemCallCycles += costs.systemCall();
        chargeTo(task, costs.systemCall());
        machine.counters.syscall(number, true);
        task.process.trap(machine, Cause.ECALL_FROM_U, 0);
        int result = hart.x[10];
        System.arraycopy(saved, 0, hart.x, 0, saved.length);
        hart.pc = pc;
        return result;
    }

    /**
     * The running task's runner is done (a VMM whose VM is off): its process exits with {@code status}, through
     * {@code exit_group} as its program would, and leaves the CPU at once.
     */
    public void exit(Task task, int status) {
        systemCall(task, SystemCalls.EXIT_GROUP, status);
        if (task.endReason != null && task.state == TaskState.RUNNING) {
            finish(task);
        }
    }

    /**
     * The running task's runner crossed into this kernel and back for a reason the Linux table has no number for (a
     * VMM's exit that goes up to the VMM process: the return of its {@code ioctl(KVM_RUN)} and the next call): counted
     * and charged as one system call.
     */
    public void kernelCrossing(Task task) {
        account.systemCalls++;
        account.systemCallCycles += costs.systemCall();
        chargeTo(task, costs.systemCall());
    }

    /** The running task's runner has nothing to do: it leaves the CPU until {@link #unblock}. */
    public void block(Task task, String why) {
        if (task != running) {
            throw new IllegalStateException(task + " is not on the CPU");
        }
        leave(task, false);
        task.state = TaskState.BLOCKED;
        emit(task, TaskEvent.BLOCKED, why);
        schedule();
    }

    /** Wakes a task its runner blocked (soon: at the next timer interrupt, which is set for now). */
    public void unblock(Task task, String why) {
        at(now(), () -> {
            if (task.state == TaskState.BLOCKED) {
                wake(task, why);
            }
        });
    }

    private Task admit(Task task, String detail) {
        task.process.onEnd((status, reason) -> {
            task.exitStatus = status;
            task.endReason = reason;
        });
        tasks.add(task);
        byPid.put(task.pid(), task);
        emit(task, TaskEvent.SUBMITTED, detail);
        makeReady(task);
        if (running == null && !stopping) {
            arm(); // an idle CPU looks at the ready queue at the next timer interrupt, which is now
        }
        return task;
    }

    /** fork from the running task: the child gets a copy of its memory and files, and a0 = 0. */
    private int forkRunning(LinuxProcess parent) {
        Task parentTask = running;
        ControlGroup group = parent.group();
        if (!group.chargePid()) {
            return -Errno.EAGAIN;
        }
        LinuxProcess child = parent.fork(nextPid);
        if (child == null) {
            group.unchargePid();
            return -Errno.ENOMEM;
        }
        int pid = nextPid++;
        child.namespaces.pid().register(pid);
        Task task = new Task(pid, parentTask.name(), parentTask.owner(), child, null, now());
        task.context.save(hart); // the parent's registers, past its ecall
        task.context.registers[10] = 0;
        task.context.satp = child.memory().satp();
        admit(task, "forked by pid " + parentTask.pid());
        return parent.namespaces.pid().localPid(pid);
    }

    private int killFrom(LinuxProcess sender, int pid, int number) {
        Signal signal = number == 0 ? null : Signal.of(number);
        if (number != 0 && signal == null) {
            return -Errno.EINVAL;
        }
        if (pid <= 0) {
            return -Errno.EINVAL; // process groups are not part of the lab
        }
        PidNamespace ns = sender.namespaces.pid();
        Task target = byPid.get(ns.hostPid(pid));
        if (target == null || target.state == TaskState.FINISHED) {
            return -Errno.ESRCH;
        }
        if (signal == null || !signal.terminates()) {
            return 0;
        }
        if (shieldedInit(target, ns, signal)) {
            return 0;
        }
        signal(target, signal, "sent by pid " + sender.localPid());
        return 0;
    }

    /**
     * Linux's protection of a namespace's PID 1, which has no signal handlers in the lab: from inside its namespace no
     * signal reaches it; from an ancestor namespace only SIGKILL does (which is why {@code docker stop} waits out its grace
     * period and then kills).
     */
    private static boolean shieldedInit(Task target, PidNamespace senderNamespace, Signal signal) {
        PidNamespace ns = target.process.namespaces.pid();
        if (ns.parent() == null || ns.localPid(target.pid()) != 1) {
            return false;
        }
        return senderNamespace == ns || signal != Signal.SIGKILL;
    }

    /**
     * kill from the host: sends {@code signal} to {@code task} as a host process would, so PID 1 of a container ignores
     * everything but SIGKILL. True if the signal was delivered (and the task ended).
     */
    public boolean kill(Task task, Signal signal, String why) {
        if (task.state == TaskState.FINISHED || !signal.terminates()
                || shieldedInit(task, hostNamespaces.pid(), signal)) {
            return false;
        }
        signal(task, signal, why);
        return true;
    }

    /**
     * Sends {@code signal} to {@code task} with its default action: the task ends (unless the signal is ignored by
     * default), wherever it is: on the CPU, ready, blocked or asleep.
     */
    public void signal(Task task, Signal signal, String why) {
        if (task.state == TaskState.FINISHED || !signal.terminates()) {
            return;
        }
        if (task == running) {
            task.process.kill(signal, why);
            finish(task);
            return;
        }
        ready.remove(task);
        task.process.signalled(signal, why);
        end(task);
    }

    /**
     * A kernel panic, simulated: the one kernel stops, so every process on it ends, in every container alike, and no new
     * process can start. (A real panic would also stop the machine; the lab keeps the JVM and the records.)
     */
    public void panic(String why) {
        panicked = "kernel panic: " + why;
        for (Task t : new ArrayList<>(tasks)) {
            if (t.state != TaskState.FINISHED) {
                signal(t, Signal.SIGKILL, panicked);
            }
        }
    }

    /** The panic message, or null if the kernel is alive. */
    public String panicked() {
        return panicked;
    }

    /** The task with host pid {@code pid}, or null. */
    public Task task(int pid) {
        return byPid.get(pid);
    }

    /**
     * Runs the machine until simulated cycle {@code end}: tasks run, block and finish, alarms fire. Returns early, with
     * {@link Stop#INTERRUPTED}, if the host thread is interrupted; the run can be continued with another call.
     */
    public Stop runUntil(long end, ProgressListener progress) {
        long start = now();
        stopping = false;
        stopAt = end;
        at(end, () -> {
            if (stopAt == end) {
                stopping = true;
            }
        });
        if (running == null) {
            schedule();
        } else {
            arm();
        }
        while (true) {
            Stop stop = engine.run(machine, CHUNK);
            progress.progress(Math.min(now(), end) - start, end - start, "simulated cycles");
            switch (stop) {
                case WAITING_FOREVER -> {
                    if (!stopping) {
                        throw new IllegalStateException("the host kernel idles with no alarm to wake it at cycle " + now());
                    }
                    return Stop.INSTRUCTION_LIMIT;
                }
                case INTERRUPTED -> {
                    return Stop.INTERRUPTED;
                }
                case EXITED -> throw new IllegalStateException("the machine stopped under the host kernel: "
                        + machine.exitReason());
                default -> { } // a chunk ended (or a breakpoint): carry on
            }
        }
    }

    /**
     * Runs in steps of {@code step} simulated cycles while {@code condition} holds, for at most {@code budget} cycles:
     * how a caller waits for a task (or a container) to end. Returns {@link Stop#INTERRUPTED} if the host thread was
     * interrupted, {@link Stop#INSTRUCTION_LIMIT} if the budget ran out with the condition still true, and
     * {@link Stop#EXITED} when the condition became false.
     */
    public Stop runWhile(java.util.function.BooleanSupplier condition, long step, long budget) {
        long limit = now() + budget;
        while (condition.getAsBoolean()) {
            if (now() >= limit) {
                return Stop.INSTRUCTION_LIMIT;
            }
            if (runUntil(Math.min(limit, now() + step), ProgressListener.NONE) == Stop.INTERRUPTED) {
                return Stop.INTERRUPTED;
            }
        }
        return Stop.EXITED;
    }

    // ---- traps --------------------------------------------------------------------------------------------------------

    @Override
    public void trap(Machine m, int cause, int tval) {
        if (Cause.isInterrupt(cause)) {
            timerInterrupt();
            return;
        }
        Task task = running;
        if (task == null) {
            throw new IllegalStateException(String.format("the kernel's idle loop trapped: %s at 0x%08x",
                    Cause.name(cause), hart.pc));
        }
        if (task.runner != null) {
            task.runner.trap(m, cause, tval); // a VMM's guest exited: the VMM handles it
        } else if (cause == Cause.ECALL_FROM_U) {
            systemCall(task);
        } else {
            if (cause == Cause.INSTRUCTION_PAGE_FAULT || cause == Cause.LOAD_PAGE_FAULT
                    || cause == Cause.STORE_PAGE_FAULT) {
                account.pageFaults++;
                account.pageFaultCycles += costs.pageFault();
                chargeTo(task, costs.pageFault());
            }
            task.process.trap(m, cause, tval); // demand paging, or a fatal signal
        }
        if (task.endReason != null && task.state == TaskState.RUNNING) {
            finish(task);
        }
    }

    private void systemCall(Task task) {
        int[] x = hart.x;
        int number = x[17];
        account.systemCalls++;
        account.systemCallCycles += costs.systemCall();
        chargeTo(task, costs.systemCall());
        switch (number) {
            case SystemCalls.READ -> {
                if (x[10] == 0 && task.input != null) {
                    enter(number);
                    terminalRead(task, x[11], x[12]);
                    return;
                }
            }
            case SystemCalls.NANOSLEEP, SystemCalls.CLOCK_NANOSLEEP64 -> {
                enter(number);
                sleep(task, number == SystemCalls.NANOSLEEP ? x[10] : x[12], number != SystemCalls.NANOSLEEP,
                        number != SystemCalls.NANOSLEEP && (x[11] & 1) != 0);
                return;
            }
            case SystemCalls.SCHED_YIELD -> {
                enter(number);
                x[10] = 0;
                leave(task, false);
                makeReady(task);
                emit(task, TaskEvent.YIELDED, "");
                schedule();
                return;
            }
            default -> { }
        }
        task.process.trap(machine, Cause.ECALL_FROM_U, 0); // the process's own Linux system-call layer
        WaitQueue queue = task.process.blockedOn;
        if (queue != null) {
            task.process.blockedOn = null;
            if (task.state == TaskState.RUNNING && !task.process.ended()) {
                leave(task, false);
                task.state = TaskState.BLOCKED;
                emit(task, TaskEvent.BLOCKED, "waiting in " + SystemCalls.name(number));
                queue.park(() -> wake(task, "what it waited for in " + SystemCalls.name(number) + " changed"));
                schedule();
            }
        }
    }

    /** A system call the kernel answers itself: past the ecall, and counted like the others. */
    private void enter(int number) {
        hart.pc += 4;
        machine.counters.syscall(number, true);
    }

    private void terminalRead(Task task, int buffer, int count) {
        if (count < 0) {
            hart.x[10] = -Errno.EINVAL;
            return;
        }
        long now = now();
        if (task.input.available(now) > 0) {
            hart.x[10] = takeInput(task, buffer, count);
        } else if (task.input.nextInputAt(now) == NEVER) {
            hart.x[10] = 0; // the user has typed everything: end of file
        } else {
            task.pendingBuffer = buffer;
            task.pendingCount = count;
            leave(task, false);
            task.state = TaskState.BLOCKED;
            emit(task, TaskEvent.BLOCKED, "waiting for a line from the terminal");
            at(task.input.nextInputAt(now), () -> inputArrives(task));
            schedule();
        }
    }

    private int takeInput(Task task, int buffer, int count) {
        byte[] bytes = new byte[Math.min(count, 1 << 16)];
        int n = task.input.take(bytes, bytes.length, now());
        return task.process.memory().write(buffer, bytes, 0, n) ? n : -Errno.EFAULT;
    }

    private void inputArrives(Task task) {
        long now = now();
        if (task.input.available(now) > 0) {
            task.context.registers[10] = takeInput(task, task.pendingBuffer, task.pendingCount);
        } else if (task.input.nextInputAt(now) != NEVER) {
            at(task.input.nextInputAt(now), () -> inputArrives(task)); // not a whole line yet
            return;
        } else {
            task.context.registers[10] = 0;
        }
        wake(task, "a line arrived from the terminal");
    }

    private void sleep(Task task, int request, boolean time64, boolean absolute) {
        byte[] b = new byte[16];
        if (absolute) {
            hart.x[10] = -Errno.EINVAL;
            return;
        }
        if (!task.process.memory().read(request, b, 0, time64 ? 16 : 8)) {
            hart.x[10] = -Errno.EFAULT;
            return;
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long seconds = time64 ? in.getLong(0) : in.getInt(0);
        long nanos = time64 ? in.getLong(8) : in.getInt(4);
        if (seconds < 0 || nanos < 0 || nanos >= 1_000_000_000L) {
            hart.x[10] = -Errno.EINVAL;
            return;
        }
        hart.x[10] = 0;
        long cycles = clock.cycles(java.time.Duration.ofSeconds(Math.min(seconds, 1L << 40), nanos));
        if (cycles == 0) {
            return;
        }
        leave(task, false);
        task.state = TaskState.SLEEPING;
        emit(task, TaskEvent.SLEEPING, String.format("for %.3f s", clock.seconds(cycles)));
        at(now() + cycles, () -> wake(task, "the sleep ended"));
        schedule();
    }

    private void timerInterrupt() {
        account.interrupts++;
        account.interruptCycles += costs.interrupt();
        advance(costs.interrupt());
        while (!alarms.isEmpty() && alarms.peek().time() <= now()) {
            alarms.poll().action().run();
        }
        if (stopping) {
            if (running != null) {
                Task task = running;
                leave(task, false);
                task.state = TaskState.READY;
                ready.add(0, task); // it goes on first if the run is continued
            }
            park();
        } else if (running == null) {
            schedule();
        } else if (now() >= sliceEnd) {
            Task task = running;
            long ran = hart.mcycle - dispatchMark;
            leave(task, true);
            task.preemptions++;
            account.preemptions++;
            makeReady(task);
            emit(task, TaskEvent.PREEMPTED, "after " + ran + " cycles");
            schedule();
        } else {
            arm(); // an alarm came due in the middle of the slice: the task goes on
            Task task = running;
            if (task.runner != null) {
                task.runner.interrupted(machine, Cause.INTERRUPT | 7); // a VMM sees the host interrupt as an exit
                if (task.endReason != null && task.state == TaskState.RUNNING) {
                    finish(task);
                }
            }
        }
    }

    // ---- scheduling -----------------------------------------------------------------------------------------------------

    private void schedule() {
        if (stopping) {
            park();
            return;
        }
        List<Task> eligible = eligible();
        Task next = eligible.isEmpty() ? null : policy.pick(eligible, now());
        if (next == null) {
            enterIdle();
            arm();
            return;
        }
        if (!ready.remove(next)) {
            throw new IllegalStateException("policy " + policy.name() + " picked " + next
                    + ", which is not in the ready queue");
        }
        dispatch(next);
    }

    /** The ready tasks whose cgroup has CPU quota left in this period (all of them, when no group is throttled). */
    private List<Task> eligible() {
        long now = now();
        for (Task t : ready) {
            if (t.process.group().throttledUntil(now) >= 0) {
                return ready.stream().filter(r -> r.process.group().throttledUntil(now) < 0).toList();
            }
        }
        return readyView;
    }

    private void dispatch(Task task) {
        if (task != onHart) {
            account.contextSwitches++;
            account.switchCycles += costs.contextSwitch();
            advance(costs.contextSwitch());
        }
        if (task.runner == null) {
            task.context.restore(hart);
        }
        onHart = task;
        running = task;
        task.state = TaskState.RUNNING;
        task.dispatches++;
        boolean first = task.startedAt < 0;
        if (first) {
            task.startedAt = now();
        }
        long slice = Math.max(1, Math.min(policy.slice(task, quantum), task.process.group().cpuLeft(now())));
        sliceEnd = slice > NEVER - now() ? NEVER : now() + slice;
        dispatchMark = hart.mcycle;
        emit(task, first ? TaskEvent.STARTED : TaskEvent.RESUMED, slice == NEVER ? "until it waits or ends"
                : "slice of " + slice + " cycles");
        arm();
        if (task.runner != null) {
            task.runner.dispatched(machine); // last: the runner may block or end at once, and the kernel picks again
            if (task.endReason != null && task.state == TaskState.RUNNING) {
                finish(task);
            }
        }
    }

    /** Takes the CPU away from the running task: its user time is counted and its registers saved. */
    private void leave(Task task, boolean usedWholeSlice) {
        long ran = hart.mcycle - dispatchMark;
        task.userCycles += ran;
        account.userCycles += ran;
        if (task.runner != null) {
            task.runner.descheduled(machine);
        } else {
            task.context.save(hart);
        }
        running = null;
        sliceEnd = NEVER;
        policy.ran(task, ran, usedWholeSlice);
        ControlGroup group = task.process.group();
        group.chargeCpu(ran, now());
        long throttledUntil = group.throttledUntil(now());
        if (throttledUntil >= 0) {
            at(throttledUntil, () -> { }); // the timer interrupt then looks at the ready queue again
        }
    }

    private void finish(Task task) {
        leave(task, false);
        end(task);
        schedule();
    }

    /**
     * A task that has ended (off the CPU now): its memory and pid charge go back, its children get a new parent (its
     * namespace's PID 1, or none), its parent hears of it, and if it was PID 1 of a namespace, the rest of the
     * namespace is killed.
     */
    private void end(Task task) {
        LinuxProcess p = task.process;
        PidNamespace ns = p.namespaces.pid();
        boolean namespaceInit = ns.parent() != null && ns.localPid(task.pid()) == 1;
        task.state = TaskState.FINISHED;
        task.finishedAt = now();
        p.memory().destroy();
        sharedText.trim();
        p.group().unchargePid();
        LinuxProcess init = namespaceInit ? null : byPid.getOrDefault(ns.hostPid(1), null) == null ? null
                : byPid.get(ns.hostPid(1)).process;
        for (LinuxProcess child : p.children) {
            child.parent = init != null && !init.ended() && ns.parent() != null ? init : null;
            if (child.parent != null) {
                child.parent.children.add(child);
            } else if (child.ended()) {
                child.namespaces.pid().unregister(child.pid());
            }
        }
        p.children.clear();
        emit(task, TaskEvent.FINISHED, task.endReason);
        if (namespaceInit) {
            for (int member : ns.members()) {
                Task other = byPid.get(member);
                if (other != null && other != task) {
                    signal(other, Signal.SIGKILL, "PID 1 of its namespace ended");
                }
            }
        }
        if (p.parent != null && !p.parent.ended()) {
            p.parent.childEvents.wakeAll();
        } else {
            ns.unregister(task.pid()); // no one will wait for it: reaped at once
        }
    }

    private void makeReady(Task task) {
        task.state = TaskState.READY;
        task.readySince = now();
        ready.add(task);
    }

    private void wake(Task task, String why) {
        if (task.state == TaskState.FINISHED) {
            return; // killed while it waited
        }
        emit(task, TaskEvent.WOKE, why);
        makeReady(task);
    }

    private void enterIdle() {
        running = null;
        sliceEnd = NEVER;
        hart.pc = idleCode;
        hart.privilege = Privilege.SUPERVISOR;
        hart.satp = 0; // the idle loop runs on physical addresses
        hart.recheck = true;
    }

    /** The session is over: idle, with no timer, so WFI tells the engine that nothing can ever happen. */
    private void park() {
        enterIdle();
        machine.clint.mtimecmp = -1L;
        machine.clint.updateTimerInterrupt();
    }

    /**
     * Sets the timer for the end of the slice or the next alarm, whichever comes first. Something already due (the
     * kernel's own work may have moved the clock past it) is set one cycle ahead: an interrupt that becomes due inside
     * the interrupt handler is only noticed at the engine's next check point, which may be thousands of instructions away.
     */
    private void arm() {
        long next = running != null ? sliceEnd : NEVER;
        if (!alarms.isEmpty()) {
            next = Math.min(next, alarms.peek().time());
        }
        if (next != NEVER) {
            next = Math.max(next, now() + 1);
        }
        machine.clint.mtimecmp = next == NEVER ? -1L : next;
        machine.clint.updateTimerInterrupt();
    }

    /** Kernel work takes simulated time: the clock moves on while no user instruction runs. */
    private void advance(long cycles) {
        machine.clint.timeOffset += cycles;
    }

    private void chargeTo(Task task, long cycles) {
        task.systemCycles += cycles;
        advance(cycles);
    }

    private void emit(Task task, TaskEvent event, String detail) {
        listener.event(now(), task, event, detail);
    }

    // ---- inspection -----------------------------------------------------------------------------------------------------

    public CycleAccount account() {
        return account;
    }

    /** Alarms set since boot ({@link #at}): each waits in the kernel's time-ordered queue until it is due. */
    public long alarmsSet() {
        return alarmSequence;
    }

    /** Every task ever created, in pid order. */
    public List<Task> tasks() {
        return Collections.unmodifiableList(tasks);
    }

    /** The ready queue, in order. */
    public List<Task> readyQueue() {
        return readyView;
    }

    /** The task on the CPU, or null when idle. */
    public Task running() {
        return running;
    }

    public Machine machine() {
        return machine;
    }

    public CpuClock clock() {
        return clock;
    }

    public Policy policy() {
        return policy;
    }

    public long quantum() {
        return quantum;
    }

    public OsCosts costs() {
        return costs;
    }

    public Engine engine() {
        return engine;
    }

    /** The root of the kernel's cgroup hierarchy: every process not in a child group is here. */
    public ControlGroup rootGroup() {
        return rootGroup;
    }

    /** The cache of read-only program pages shared between processes. */
    public SharedText sharedText() {
        return sharedText;
    }

    /** The host's namespaces (its PID namespace numbers every process). */
    public Namespaces hostNamespaces() {
        return hostNamespaces;
    }

    public FrameAllocator frames() {
        return frames;
    }

    /** Frames of guest RAM in use (page tables and pages of live processes, and the idle loop's). */
    public int framesInUse() {
        return frames.framesInUse();
    }

    @Override
    public String toString() {
        return String.format("host kernel: %s, quantum %,d cycles, %d tasks (%d ready), at %.3f simulated s; %s",
                policy.name(), quantum, tasks.size(), ready.size(), clock.seconds(elapsed()), account);
    }
}
