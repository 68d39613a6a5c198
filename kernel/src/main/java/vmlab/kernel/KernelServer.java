package vmlab.kernel;

import vmlab.jupyter.JupyterMessage;
import vmlab.jupyter.ConnectionInfo;
import vmlab.jupyter.HeartbeatEcho;
import vmlab.jupyter.WireFormat;
import org.zeromq.ZMQ;
import vmlab.charts.DisplaySurface;
import vmlab.display.Display;
import vmlab.display.LiveDisplaySurface;
import vmlab.evaluation.JShellEvaluator;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running VM Lab kernel: five ZeroMQ sockets served by background threads of this JVM.
 * <pre>{@code
 * try (KernelServer kernel = KernelServer.start(ConnectionInfo.loopback("vmlab"))) {
 *     // talk to kernel.connection() with any Jupyter client
 * }
 * }</pre>
 * {@link #close()} stops the kernel without exiting the JVM (the headless runner starts kernels in-process);
 * the {@code vmlab kernel} command waits in {@link #awaitShutdown()} until a client asks the kernel to shut down.
 * The sockets answer at once; JShell starts in the background and the first cell waits for it if it comes early.
 */
public final class KernelServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KernelServer.class.getName());
    private static final AtomicBoolean SURFACE_INSTALLED = new AtomicBoolean();

    private final ConnectionInfo connection;
    private final ZMQ.Context context = ZMQ.context(1);
    private final ScheduledExecutorService flusher;
    private final IOPub iopub;
    private final StdinChannel stdin;
    private final HeartbeatEcho heartbeat;
    private final RequestChannel shell;
    private final RequestChannel control;
    private final CompletableFuture<JShellEvaluator> evaluator = new CompletableFuture<>();
    /** Completed when the first request has been answered: JShell's start waits for it (see startJShellInBackground). */
    private final CompletableFuture<Void> firstAnswer = new CompletableFuture<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    private KernelServer(ConnectionInfo connection) {
        this.connection = connection;
        WireFormat wire = new WireFormat(connection);
        StandardStreams.install();
        if (SURFACE_INSTALLED.compareAndSet(false, true)) {
            DisplaySurface.install(new LiveDisplaySurface());
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vmlab-output-flusher"));
        iopub = new IOPub(context, connection.endpoint(connection.iopubPort()), wire);
        stdin = new StdinChannel(context, connection.endpoint(connection.stdinPort()), wire);
        heartbeat = new HeartbeatEcho(context, connection.endpoint(connection.hbPort()));
        JavaKernel kernel = new JavaKernel(iopub, stdin, flusher, evaluator, this::closeLater);
        RequestChannel.Handler handler = (request, channel) -> {
            kernel.handle(request, channel);
            firstAnswer.complete(null);
        };
        shell = new RequestChannel("shell", context, connection.endpoint(connection.shellPort()), wire, handler);
        control = new RequestChannel("control", context, connection.endpoint(connection.controlPort()), wire, handler);
    }

    /** Starts a kernel for a connection file written by a Jupyter front end. */
    public static KernelServer start(Path connectionFile) throws IOException {
        return start(ConnectionInfo.read(connectionFile));
    }

    /** Starts a kernel listening where {@code connection} says; returns once the sockets are bound. */
    public static KernelServer start(ConnectionInfo connection) {
        KernelServer server = new KernelServer(connection);
        server.iopub.start();
        server.stdin.start();
        server.heartbeat.start();
        server.shell.start();
        server.control.start();
        server.iopub.publish(JupyterMessage.request("status", "vmlab-kernel", "vmlab",
                JupyterMessage.object().put("execution_state", "starting")));
        server.startJShellInBackground();
        LOG.log(Level.INFO, KernelInfo.banner());
        return server;
    }

    private void startJShellInBackground() {
        Thread warmUp = daemon(() -> {
            try {
                // Starting JShell takes a CPU for about a second. Let the front end's first kernel_info be answered
                // first (it decides whether the kernel "started"), but do not wait long for a client that says nothing.
                try {
                    firstAnswer.get(300, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // start anyway
                }
                JShellEvaluator jshell = JShellEvaluator.start(KernelServer.class, Display.class, DisplaySurface.class,
                        tech.tablesaw.api.Table.class, org.knowm.xchart.XYChart.class);
                // The first evaluations load and compile javac's paths; do them before a user waits for them.
                for (String warm : new String[] {"1 + 1", "String.valueOf(2 * 21)", "List.of(1).size()"}) {
                    jshell.evaluate(warm);
                }
                evaluator.complete(jshell);
            } catch (Throwable t) {
                LOG.log(Level.ERROR, "JShell could not start", t);
                evaluator.completeExceptionally(t);
            }
        }, "vmlab-jshell-start");
        warmUp.start();
    }

    public ConnectionInfo connection() {
        return connection;
    }

    /** Blocks until a client sent shutdown_request or {@link #close()} was called. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitShutdown(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    /** Waits until JShell is ready (for tools that want to time the first cell separately). */
    public void awaitReady() {
        evaluator.join();
    }

    private void closeLater() {
        daemon(this::close, "vmlab-shutdown").start();
    }

    /** Stops every thread and socket of this kernel; the JVM keeps running. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            evaluator.thenAccept(JShellEvaluator::interrupt);
            shell.close();
            control.close();
            heartbeat.close();
            stdin.close();
            iopub.close();
            flusher.shutdownNow();
            context.close();
            evaluator.thenAccept(JShellEvaluator::close);
        } finally {
            stopped.countDown();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
