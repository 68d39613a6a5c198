package vmlab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warm kernels: a JVM takes a second or two to start, so the pool starts the next ones while submissions are being graded. Each
 * session gets a fresh working directory of its own (its sandbox) under the pool's root; a session is used for one submission
 * only and then closed, so nothing leaks from one student to the next.
 */
public final class SessionPool implements AutoCloseable {

    /** A started session and the directory it may write in. */
    public record Lease(GradingSession session, Path workdir) {
    }

    private static final java.time.Duration WARM_UP = java.time.Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;

    private final GradingSession.Factory factory;
    private final Path root;
    private final int heapMb;
    private final AtomicInteger counter = new AtomicInteger();
    private final BlockingQueue<Future<Lease>> warm = new LinkedBlockingQueue<>();
    private final ExecutorService starter;
    private volatile boolean closed;

    public SessionPool(GradingSession.Factory factory, Path root, int heapMb, int warmSessions) {
        this.factory = factory;
        this.root = root;
        this.heapMb = heapMb;
        this.starter = Executors.newFixedThreadPool(Math.max(1, warmSessions), r -> {
            Thread thread = new Thread(r, "kernel-starter");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < warmSessions; i++) {
            warm.add(starter.submit(this::start));
        }
    }

    /**
     * Starts a kernel and warms it up; retried a few times, because a start can fail for reasons that have nothing to do with
     * the submission (a port taken between the client choosing it and the kernel binding it, a loaded machine).
     */
    private Lease start() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private Lease startOnce() {
        Path workdir = root.resolve("kernel-" + counter.incrementAndGet());
        try {
            Files.createDirectories(workdir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GradingSession session = factory.start(workdir, heapMb);
        // The first cell of a fresh kernel pays for loading the compiler; pay it here, in the background and outside any
        // student's time limit, by compiling and running one harness cell.
        CellRun warm = session.run(HarnessCell.wrap("assertTrue(true);").code, WARM_UP);
        if (!warm.ok()) {
            session.close();
            throw new IllegalStateException("a fresh kernel could not run the warm-up cell: " + warm.error());
        }
        return new Lease(session, workdir);
    }

    /** A started session; a replacement starts in the background. */
    public Lease take() throws Exception {
        if (closed) {
            throw new IllegalStateException("the session pool is closed");
        }
        warm.add(starter.submit(this::start));
        Future<Lease> next = warm.take();
        return next.get();
    }

    @Override
    public void close() {
        closed = true;
        starter.shutdown();
        Future<Lease> future;
        while ((future = warm.poll()) != null) {
            try {
                future.get().session().close();
            } catch (Exception ignored) {
                // a kernel that never started needs no closing
            }
        }
    }
}
