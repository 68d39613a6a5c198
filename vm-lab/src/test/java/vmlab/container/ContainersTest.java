package vmlab.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;
import vmlab.os.ControlGroup;
import vmlab.os.Task;
import vmlab.os.TaskState;
import vmlab.os.VfsException;

/** The container runtime on the host kernel, with real guest programs from the corpus image. */
class ContainersTest {
    private final ContainerHost host = ContainerHost.create();

    @TempDir
    Path folder;

    @Test
    void insideAContainerGetpidIsOneAndUnameNamesTheContainerButTheKernelIsTheHosts() throws Exception {
        host.run("corpus", "hello"); // host pid 1
        Container web = host.run("corpus", new RunOptions().hostname("web"), "identity");
        assertEquals(0, web.exitCode(), web.logs());
        assertEquals("pid 1 ppid 0 uid 0 hostname web kernel 6.1.0-vmlab", web.logs().strip());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Elf identity = ElfLoader.parse(host.image("corpus").layers().get(0).readAll("bin/identity", 1 << 20), "identity");
        Task plain = host.os().spawn("host", identity, List.of("identity"), Map.of(), host.os().hostSetup(),
                null, out, out);
        host.os().runWhile(() -> plain.state() != TaskState.FINISHED, 100_000, 10_000_000);
        assertEquals("pid " + plain.pid() + " ppid 0 uid 1000 hostname vmlab kernel 6.1.0-vmlab",
                out.toString(StandardCharsets.UTF_8).strip(), "the same kernel release, seen from the host");
        assertEquals(2, web.hostPid(), "PID 1 inside is another number on the host");
    }

    @Test
    void twoContainersHaveSeparateFilesPidsAndHostnamesOnTheSameImage() throws Exception {
        Container a = host.run("corpus", new RunOptions().hostname("alpha"), "identity", "write:/data.txt:from alpha",
                "read:/data.txt");
        Container b = host.run("corpus", new RunOptions().hostname("beta"), "identity", "read:/data.txt",
                "write:/data.txt:from beta", "read:/data.txt");
        assertTrue(a.logs().contains("read:/data.txt: from alpha"), a.logs());
        assertTrue(b.logs().contains("read:/data.txt: error 2"), "beta does not see alpha's file: " + b.logs());
        assertTrue(b.logs().contains("read:/data.txt: from beta"), b.logs());
        assertTrue(a.logs().startsWith("pid 1 ") && b.logs().startsWith("pid 1 "), "each has its own PID 1");
        assertTrue(a.hostPid() != b.hostPid());
        assertEquals("from alpha\n", new String(a.upperLayer().readAll("data.txt", 100), StandardCharsets.UTF_8));
        assertEquals(null, host.image("corpus").layers().get(0).kind("data.txt"), "the image layer is untouched");
    }

    @Test
    void aWriteToAnImageFileIsCopiedUpAndTheImageStaysAsItWas() throws Exception {
        Container c = host.run("corpus", "identity", "read:/etc/motd", "write:/etc/motd:changed", "read:/etc/motd");
        assertTrue(c.logs().contains("read:/etc/motd: Welcome to a container of VM Lab."), c.logs());
        assertTrue(c.logs().contains("read:/etc/motd: changed"), c.logs());
        assertEquals(1, c.rootfs().copyUps());
        String image = new String(host.image("corpus").layers().get(0).readAll("etc/motd", 100), StandardCharsets.UTF_8);
        assertEquals("Welcome to a container of VM Lab.\n", image);
        Container next = host.run("corpus", "identity", "read:/etc/motd");
        assertTrue(next.logs().contains("Welcome to a container"), "a new container starts from the image: " + next.logs());
    }

    @Test
    void aContainerCannotWriteOutsideItsUpperLayer() throws Exception {
        Path shared = Files.createDirectories(folder.resolve("shared"));
        Files.writeString(shared.resolve("config"), "original\n");
        Path outside = folder.resolve("secret");
        Files.writeString(outside, "host secret\n");
        Container c = host.run("corpus", new RunOptions().volume(shared, "/config", true), "identity",
                "write:/config/config:evil", "write:/../../" + outside.getFileName() + ":evil",
                "write:/config/../../x:evil", "read:/config/config");
        assertTrue(c.logs().contains("/config/config: error 30"), "a read-only bind mount gives EROFS: " + c.logs());
        assertTrue(c.logs().contains("read:/config/config: original"), c.logs());
        assertEquals("original\n", Files.readString(shared.resolve("config")));
        assertEquals("host secret\n", Files.readString(outside), "'..' at the root stays at the container's root");
        assertEquals("evil\n", new String(c.upperLayer().readAll(outside.getFileName().toString(), 100),
                StandardCharsets.UTF_8), "the write landed in the upper layer instead");
        assertEquals(List.of(outside.getFileName().toString(), "x").stream().sorted().toList(), c.upperLayer().list(""),
                "every write the container made is in its upper layer");
    }

    @Test
    void aReadWriteVolumeIsTheHostFolderItself() throws Exception {
        Path data = Files.createDirectories(folder.resolve("data"));
        Container c = host.run("corpus", new RunOptions().volume(data + ":/data"), "identity", "write:/data/out:hello");
        assertEquals(0, c.exitCode(), c.logs());
        assertEquals("hello\n", Files.readString(data.resolve("out")));
    }

    @Test
    void aForkBombIsStoppedByPidsMaxAndTheHostCarriesOn() {
        Container bomb = host.run("corpus", new RunOptions().pidsLimit(16).timeout(Duration.ofSeconds(20)),
                "forkbomb", "10");
        ControlGroup g = bomb.cgroup();
        assertEquals(ContainerState.EXITED, bomb.state(), bomb.logs());
        assertEquals(1, bomb.exitCode(), bomb.logs());
        assertTrue(g.pidsPeak() <= 16, "never more than pids.max processes: " + g.pidsPeak());
        assertTrue(g.pidsMaxEvents() > 0, "forks were refused at pids.max");
        assertTrue(bomb.logs().matches("(?s)processes started: \\d+ of 255.*"), bomb.logs());
        assertEquals(0, g.pidsCurrent());
        Container after = host.run("corpus", "hello");
        assertEquals(0, after.exitCode(), "the host still starts processes: " + after.logs());
    }

    @Test
    void aMemoryHogIsOomKilledInsideItsOwnContainerOnly() {
        Container neighbour = host.run("corpus", new RunOptions().detach().name("neighbour"), "idle");
        Container hog = host.run("corpus", new RunOptions().memory("2m"), "memhog", "16");
        assertEquals(137, hog.exitCode(), hog.endReason());
        assertTrue(hog.oomKilled());
        assertEquals(1, hog.cgroup().oomKills());
        assertTrue(hog.cgroup().files().get("memory.events").contains("oom_kill 1"));
        assertTrue(hog.logs().contains("allocated 1 MiB") && !hog.logs().contains("allocated 2 MiB"), hog.logs());
        assertTrue(hog.cgroup().memoryPeak() <= 2 << 20);
        host.advance(Duration.ofMillis(100));
        assertTrue(neighbour.running(), "the neighbour lives on");
        assertEquals(0, host.os().rootGroup().oomKills() - hog.cgroup().oomKills(), "no one else was killed");
    }

    @Test
    void cpuMaxHoldsASpinningContainerToItsShare() {
        Container limited = host.run("corpus", new RunOptions().detach().cpus(0.25), "loop", "1000000000");
        Container free = host.run("corpus", new RunOptions().detach(), "loop", "1000000000");
        host.advance(Duration.ofMillis(400));
        long elapsed = ContainerHost.CLOCK.cycles(Duration.ofMillis(400));
        double share = (double) limited.cgroup().cpuUsage() / elapsed;
        assertTrue(share > 0.22 && share < 0.27, "a quarter of the CPU: " + share);
        assertTrue(limited.cgroup().throttledPeriods() >= 35, "throttled in nearly every 10 ms period");
        assertTrue(free.cgroup().cpuUsage() > 2.5 * limited.cgroup().cpuUsage(), "the other gets the rest");
        host.kill(limited.name());
        host.kill(free.name());
    }

    @Test
    void execRunsAnotherProcessInTheContainersNamespaces() {
        Container c = host.run("corpus", new RunOptions().detach().hostname("svc"), "idle");
        ContainerHost.ExecResult r = host.exec(c.name(), "identity");
        assertEquals(0, r.exitCode());
        assertEquals("pid 2 ppid 0 uid 0 hostname svc kernel 6.1.0-vmlab", r.output().strip());
        assertEquals(2, c.cgroup().pidsPeak());
    }

    @Test
    void exitStatusesAndMessagesFollowDocker() {
        ContainerException notFound = assertThrows(ContainerException.class, () -> host.run("corpus", "nope"));
        assertEquals(127, notFound.exitStatus());
        assertTrue(notFound.getMessage().contains("executable file not found in $PATH"), notFound.getMessage());
        assertEquals(126, assertThrows(ContainerException.class, () -> host.run("corpus", "/etc")).exitStatus());
        assertEquals(126, assertThrows(ContainerException.class, () -> host.run("corpus", "/etc/motd")).exitStatus());
        ContainerException noImage = assertThrows(ContainerException.class, () -> host.run("nginx", "hello"));
        assertEquals(125, noImage.exitStatus());
        assertTrue(noImage.getMessage().contains("Unable to find image 'nginx:latest' locally"));

        Container svc = host.run("corpus", new RunOptions().detach().name("svc").stopTimeout(Duration.ofSeconds(1)),
                "idle");
        assertThrows(ContainerException.class, () -> host.rm("svc"), "a running container is not removed");
        assertThrows(ContainerException.class, () -> host.rmi("corpus"), "an image in use is not removed");
        host.stop("svc");
        assertEquals(137, svc.exitCode(), "PID 1 ignored SIGTERM, so stop ended with SIGKILL: " + svc.endReason());
        Container other = host.run("corpus", new RunOptions().detach(), "idle");
        host.kill(other.id().substring(0, 8));
        assertEquals(137, other.exitCode());
        host.rm("svc");
        assertThrows(ContainerException.class, () -> host.logs("svc"));
        assertTrue(host.inspect(other.name()).contains("\"ExitCode\": 137"));
    }

    @Test
    void killingPidOneEndsEveryProcessOfTheContainer() {
        Container c = host.run("corpus", new RunOptions().detach(), "idle");
        host.exec(c.name(), "idle", "0");
        ContainerHost.ExecResult sleeper = host.exec(c.name(), "idle");
        assertEquals(TaskState.SLEEPING, sleeper.task().state());
        host.kill(c.name());
        assertEquals(TaskState.FINISHED, sleeper.task().state(), "the namespace went with its PID 1");
        assertEquals(0, c.cgroup().pidsCurrent());
    }

    @Test
    void aKernelPanicEndsEveryContainerAtOnce() {
        Container a = host.run("corpus", new RunOptions().detach(), "idle");
        Container b = host.run("corpus", new RunOptions().detach(), "idle");
        host.os().panic("a bug in a driver");
        assertFalse(a.running());
        assertFalse(b.running());
        assertTrue(a.endReason().contains("kernel panic"), a.endReason());
        assertThrows(ContainerException.class, () -> host.run("corpus", "hello"));
    }

    @Test
    void aHundredIdleContainersShareTheirProgramTextAndFitIn64MiB() {
        long before = host.memoryInUse();
        for (int k = 0; k < 100; k++) {
            host.run("corpus", new RunOptions().detach(), "idle");
        }
        host.advance(Duration.ofMillis(50));
        long perContainer = (host.memoryInUse() - before) / 100;
        assertTrue(host.containers().stream().allMatch(Container::running));
        assertTrue(host.memoryInUse() < 64L << 20);
        assertTrue(perContainer < 64 << 10, "under 64 KiB each: " + perContainer);
        assertTrue(host.os().sharedText().hits() > 0, "text pages were shared");
    }

    @Test
    void copyIntoAndOutOfAContainer() throws Exception {
        Container c = host.run("corpus", new RunOptions().detach(), "idle");
        Path in = folder.resolve("in.txt");
        Files.writeString(in, "from the host\n");
        host.cp(in.toString(), c.name() + ":/in.txt");
        assertEquals("from the host\n", host.exec(c.name(), "identity", "read:/in.txt").output().lines().skip(1)
                .findFirst().orElse("").replace("read:/in.txt: ", "") + "\n");
        host.cp(c.name() + ":/etc/motd", folder.toString());
        assertEquals("Welcome to a container of VM Lab.\n", Files.readString(folder.resolve("motd")));
        assertThrows(ContainerException.class, () -> host.cp(c.name() + ":/missing", folder.toString()));
    }

    @Test
    void theUpperLayerIsFiniteSoAContainerCannotFillTheHost() throws VfsException {
        host.upperLayerSize(4096);
        Container c = host.run("corpus", "identity", "write:/big:" + "x".repeat(5000));
        assertTrue(c.logs().contains("/big: error 28"), "ENOSPC: " + c.logs());
    }
}
