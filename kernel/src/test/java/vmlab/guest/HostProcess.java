package vmlab.guest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a host command with bytes on stdin, collecting stdout and stderr, and kills it when it overruns its time. */
final class HostProcess {
    private HostProcess() {
    }

    static GuestRun run(List<String> command, byte[] stdin, Path workDir, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
            CompletableFuture<byte[]> out = drain(process.getInputStream());
            CompletableFuture<byte[]> err = drain(process.getErrorStream());
            CompletableFuture.runAsync(() -> feed(process.getOutputStream(), stdin));
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            return new GuestRun(finished ? process.exitValue() : -1, out.join(),
                    new String(err.join(), StandardCharsets.UTF_8), !finished);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                return bytes.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    private static void feed(OutputStream stream, byte[] bytes) {
        try (stream) {
            stream.write(bytes);
        } catch (IOException e) {
            // the guest stopped reading early: that is its business
        }
    }
}
