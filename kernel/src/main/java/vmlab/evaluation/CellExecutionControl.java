package vmlab.evaluation;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.PrintStream;
import java.lang.invoke.MutableCallSite;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs JShell snippets in this JVM, each cell on its own thread, so that the kernel can stop it.
 * <p>
 * Built on {@link DirectExecutionControl} and its documented hooks only (the {@code load} of class bytes and the
 * protected {@code invoke(Method)}), never on the internals of JShell's {@code LocalExecutionControl}, which change
 * between Java releases (on Java 22 and later it weaves its own stop checks into every class it loads). So cells run the
 * same on Java 17, 21 and 25. What it adds:
 * <ul>
 *   <li>values stay Java objects: {@link #invoke} returns a key and keeps the object, so the kernel can render a table
 *       or a chart instead of its {@code toString()};</li>
 *   <li>loaded classes go through {@link ExitCallRewriter}, so {@code System.exit} in a cell is refused, not obeyed, and
 *       through {@link InterruptCheckWeaver}, so an interrupt stops any loop or recursion of the cell's own code;</li>
 *   <li>an interrupt first {@link Thread#interrupt() interrupts} the cell thread, which ends {@code Thread.sleep},
 *       waits and blocked reads of {@code System.in}, and lets code that looks at the interrupt end cleanly; then it
 *       turns on the woven checks. Code inside the JDK that looks at neither
 *       (a long {@code Arrays.sort}) runs to its end; after {@value #SLOW_STOP_NOTICE_MS} ms the cell's output says
 *       so.</li>
 * </ul>
 */
final class CellExecutionControl extends DirectExecutionControl {

    /**
     * How long an interrupt only asks ({@link Thread#interrupt()}) before the woven checks make the cell stop: code that
     * looks at the interrupt (lab engines, a student's own {@code isInterrupted()} loop) ends cleanly in that time.
     */
    static final long POLITE_INTERRUPT_MS = 300;

    /** How long an interrupted cell may take to stop before its output says what it is waiting for. */
    static final long SLOW_STOP_NOTICE_MS = 2_000;

    private static final long CELL_STACK_BYTES = 64L << 20;
    private static final String VALUE_KEY = "vmlab-value#";

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();
    private final ThreadGroup cells = new ThreadGroup("vmlab-cells");

    /** The interrupt switch of this JShell's generated check class, once it is loaded. */
    private volatile MutableCallSite interruptSwitch;
    private volatile Thread cellThread;
    private volatile boolean interruptRequested;
    private volatile long interruptedAt;
    /** True from the start of a cell's first snippet to the end of its last: the time an interrupt means something. */
    private volatile boolean evaluating;
    private volatile Throwable failure;

    /** Lets JShell build this control; keeps the instance so the evaluator can reach it. */
    static final class Provider implements ExecutionControlProvider {
        private volatile CellExecutionControl created;

        @Override
        public String name() {
            return "vmlab-cells";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            created = new CellExecutionControl();
            return created;
        }

        CellExecutionControl created() {
            return created;
        }
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        loadCheckClass();
        super.load(rewritten(classes));
    }

    @Override
    public void redefine(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.redefine(rewritten(classes));
    }

    private static ClassBytecodes[] rewritten(ClassBytecodes[] classes) {
        ClassBytecodes[] out = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            byte[] code = InterruptCheckWeaver.weave(ExitCallRewriter.rewrite(classes[i].bytecodes()));
            out[i] = new ClassBytecodes(classes[i].name(), code);
        }
        return out;
    }

    /** Defines the interrupt check in the cells' class loader, before the first cell class that calls it. */
    private void loadCheckClass() throws ClassInstallException, NotImplementedException, EngineTerminationException {
        if (interruptSwitch != null) {
            return;
        }
        super.load(new ClassBytecodes[] {
                new ClassBytecodes(InterruptCheckWeaver.CHECK_CLASS, InterruptCheckWeaver.checkClass())});
        try {
            interruptSwitch = (MutableCallSite) findClass(InterruptCheckWeaver.CHECK_CLASS)
                    .getField(InterruptCheckWeaver.SITE_FIELD).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the interrupt check class did not load", e);
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(cells, () -> {
            try {
                result[0] = doit.invoke(null);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "vmlab-cell", CELL_STACK_BYTES);
        thread.setDaemon(true);
        cellThread = thread;
        if (interruptRequested) {
            // Interrupted while the cell was still compiling: do not start it at all.
            cellThread = null;
            throw new StoppedException();
        }
        thread.start();
        awaitEnd(thread);
        cellThread = null;
        Throwable cause = thrown[0] instanceof InvocationTargetException ite ? ite.getCause() : thrown[0];
        if (cause instanceof CellStopped || (cause != null && interruptRequested)) {
            throw new StoppedException();
        }
        if (cause != null) {
            failure = cause;
            throw new InvocationTargetException(cause);
        }
        String key = VALUE_KEY + nextKey.incrementAndGet();
        if (result[0] != null) {
            values.put(key, result[0]);
        }
        return key;
    }

    /**
     * Waits for the cell thread, whatever happens to the waiting thread. Once an interrupt has asked politely for
     * {@link #POLITE_INTERRUPT_MS}, turns on the woven checks. If the interrupt does not stop the cell within
     * {@link #SLOW_STOP_NOTICE_MS}, says so once on the cell's standard error (this thread writes to the cell's output).
     */
    private void awaitEnd(Thread thread) {
        boolean interrupted = false;
        boolean noticeGiven = false;
        while (thread.isAlive()) {
            try {
                thread.join(50);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interruptRequested && System.nanoTime() - interruptedAt > TimeUnit.MILLISECONDS.toNanos(POLITE_INTERRUPT_MS)) {
                setPending(true);
            }
            if (!noticeGiven && interruptRequested && thread.isAlive()
                    && System.nanoTime() - interruptedAt > TimeUnit.MILLISECONDS.toNanos(SLOW_STOP_NOTICE_MS)) {
                noticeGiven = true;
                PrintStream err = System.err;
                err.println("Interrupt pending: the cell is inside Java library code that cannot be interrupted"
                        + " (at " + where(thread) + "); it stops as soon as that call returns to the cell's own code.");
                err.flush();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The library method the cell called and is still inside, to tell the user which call holds it up. */
    private static String where(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        for (int i = 1; i < stack.length; i++) {
            if (stack[i].getClassName().startsWith("REPL.")) {
                return stack[i - 1].getClassName() + "." + stack[i - 1].getMethodName();
            }
        }
        return stack.length == 0 ? "an unknown place" : stack[0].getClassName() + "." + stack[0].getMethodName();
    }

    /** Called before each cell: forget the previous cell's values, failure and interrupt. */
    void beginCell() {
        values.clear();
        failure = null;
        setPending(false);
        interruptRequested = false;
        evaluating = true;
    }

    /** Called after each cell: from now on an interrupt has nothing to stop (and must not stop the next cell). */
    void endCell() {
        evaluating = false;
        interruptRequested = false;
        setPending(false);
    }

    private void setPending(boolean value) {
        MutableCallSite site = interruptSwitch;
        if (site != null) {
            InterruptSwitch.set(site, value);
        }
    }

    /** The object behind a value string that JShell reported, if it was one of ours. */
    Object value(String valueString) {
        return valueString == null ? null : values.get(valueString);
    }

    boolean isValueKey(String valueString) {
        return valueString != null && valueString.startsWith(VALUE_KEY);
    }

    /** The real throwable of the last failed snippet (JShell itself only keeps its class name and stack). */
    Throwable failure() {
        return failure;
    }

    boolean interruptRequested() {
        return interruptRequested;
    }

    /**
     * Interrupts the running cell: a sleep, wait or blocked read ends at once, code that looks at
     * {@link Thread#isInterrupted()} may end on its own, and after {@link #POLITE_INTERRUPT_MS} the shell thread
     * waiting in {@link #awaitEnd} turns on the checks, so the cell's next loop turn or method call throws
     * {@link CellStopped}. Returns immediately; the shell thread reports the outcome.
     */
    void interruptCell() {
        if (!evaluating) {
            return;
        }
        if (!interruptRequested) {
            interruptedAt = System.nanoTime();
        }
        // Flag first, then look for the thread: invoke() sets the thread first, then looks at the flag, so a cell that
        // is still compiling is either never started or found here.
        interruptRequested = true;
        Thread target = cellThread;
        if (target != null) {
            target.interrupt();
        }
    }

    @Override
    public void stop() {
        interruptCell();
    }
}
