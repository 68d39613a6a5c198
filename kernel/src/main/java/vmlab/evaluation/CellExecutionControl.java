package vmlab.evaluation;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs JShell snippets in this JVM, each cell on its own thread, so that the kernel can stop it.
 * <p>
 * Three things differ from JShell's {@link LocalExecutionControl}:
 * <ul>
 *   <li>values stay Java objects: {@link #invoke} returns a key and keeps the object, so the kernel can render a table
 *       or a chart instead of its {@code toString()};</li>
 *   <li>an interrupt first asks politely ({@link Thread#interrupt()}, which lab engines and {@code Thread.sleep} obey),
 *       then stops the thread with {@link Thread#stop()} (still supported on Java 17) for code that never looks,
 *       like {@code while (true) {}};</li>
 *   <li>loaded classes go through {@link ExitCallRewriter}, so {@code System.exit} in a cell is refused, not obeyed.</li>
 * </ul>
 */
final class CellExecutionControl extends LocalExecutionControl {

    /** How long a cell may react to {@link Thread#interrupt()} before it is stopped. */
    static final long POLITE_INTERRUPT_MS = 300;

    private static final long CELL_STACK_BYTES = 64L << 20;
    private static final String VALUE_KEY = "vmlab-value#";

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();
    private final ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vmlab-cell-stopper");
        t.setDaemon(true);
        return t;
    });
    private final ThreadGroup cells = new ThreadGroup("vmlab-cells");

    private volatile Thread cellThread;
    private volatile boolean interruptRequested;
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
        super.load(rewritten(classes));
    }

    @Override
    public void redefine(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.redefine(rewritten(classes));
    }

    private static ClassBytecodes[] rewritten(ClassBytecodes[] classes) {
        ClassBytecodes[] out = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = new ClassBytecodes(classes[i].name(), ExitCallRewriter.rewrite(classes[i].bytecodes()));
        }
        return out;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(cells, () -> {
            try {
                if (interruptRequested) {
                    throw new ThreadDeath();
                }
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
        joinUninterruptibly(thread);
        cellThread = null;
        if (thrown[0] instanceof InvocationTargetException ite) {
            failure = ite.getCause();
            if (ite.getCause() instanceof ThreadDeath) {
                throw new StoppedException();
            }
            throw ite;
        }
        if (thrown[0] instanceof ThreadDeath) {
            throw new StoppedException();
        }
        if (thrown[0] != null) {
            failure = thrown[0];
            throw new InvocationTargetException(thrown[0]);
        }
        String key = VALUE_KEY + nextKey.incrementAndGet();
        if (result[0] != null) {
            values.put(key, result[0]);
        }
        return key;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called before each cell: forget the previous cell's values, failure and interrupt. */
    void beginCell() {
        values.clear();
        failure = null;
        interruptRequested = false;
        evaluating = true;
    }

    /** Called after each cell: from now on an interrupt has nothing to stop (and must not stop the next cell). */
    void endCell() {
        evaluating = false;
        interruptRequested = false;
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
     * Interrupts the running cell: at once politely, then by force until it is gone. Returns immediately; the shell
     * thread, which waits for the cell, reports the outcome.
     */
    void interruptCell() {
        if (!evaluating) {
            return;
        }
        // Flag first, then look for the thread: invoke() sets the thread first, then looks at the flag, so a cell that
        // is still compiling is either never started or found here.
        interruptRequested = true;
        Thread target = cellThread;
        if (target == null) {
            return;
        }
        target.interrupt();
        stopper.schedule(() -> forceStop(target, 0), POLITE_INTERRUPT_MS, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void forceStop(Thread target, int attempt) {
        if (!target.isAlive() || attempt > 20) {
            return;
        }
        // A cell may catch ThreadDeath (catch Throwable) and carry on: keep stopping it for a while.
        target.stop();
        stopper.schedule(() -> forceStop(target, attempt + 1), 200, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        interruptCell();
    }

    @Override
    public void close() {
        stopper.shutdownNow();
        super.close();
    }
}
