package vmlab.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vmlab.testing.Encode.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.engine.Stop;
import vmlab.testing.UserProgram;

class SystemCallsTest {
    @TempDir
    Path lab;

    @Test
    void anUnknownSystemCallReturnsEnosysAndIsCounted() {
        UserProgram p = new UserProgram().syscall(999).exitWithA0();
        UserProgram.Result r = p.run(lab);
        assertEquals((-Errno.ENOSYS) & 0xFF, r.exitCode());
        assertEquals(1, r.machine().counters.unknownSyscalls());
        assertEquals(1L, r.machine().counters.syscallsByNumber().get(999));
    }

    @Test
    void writeToStdoutAndStderrReachTheHostStreams() {
        UserProgram p = new UserProgram();
        int hello = p.string("out"), oops = p.string("err");
        p.syscall(SystemCalls.WRITE, 1, hello, 3).syscall(SystemCalls.WRITE, 2, oops, 3).syscall(SystemCalls.EXIT, 0);
        UserProgram.Result r = p.run(lab);
        assertEquals("out", r.stdout());
        assertEquals("err", r.stderr());
        assertEquals(0, r.exitCode());
    }

    @Test
    void readFromStdinFillsGuestMemory() {
        UserProgram p = new UserProgram();
        int buffer = p.string("........");
        p.syscall(SystemCalls.READ, 0, buffer, 8);
        p.emit(addi(12, 10, 0)).emit(li(10, 1)).emit(li(11, buffer)).emit(li(17, SystemCalls.WRITE)).emit(ECALL);
        p.syscall(SystemCalls.EXIT, 0);
        assertEquals("input\n", p.run(lab).stdout());
    }

    @Test
    void filesAreCreatedReadAndWrittenInsideTheLabDirectoryOnly() throws IOException {
        UserProgram p = new UserProgram();
        int name = p.string("/notes.txt"), text = p.string("hello file");
        p.syscall(SystemCalls.OPENAT, -100, name, 0x41 | 0x200, 0644);  // O_WRONLY|O_CREAT|O_TRUNC
        p.emit(addi(8, 10, 0));                                          // s0 = fd
        p.emit(addi(10, 8, 0)).emit(li(11, text)).emit(li(12, 10)).emit(li(17, SystemCalls.WRITE)).emit(ECALL);
        p.emit(addi(10, 8, 0)).emit(li(17, SystemCalls.CLOSE)).emit(ECALL);
        p.syscall(SystemCalls.EXIT, 0);
        UserProgram.Result r = p.run(lab);
        assertEquals(0, r.exitCode());
        assertEquals("hello file", Files.readString(lab.resolve("notes.txt")));
    }

    @Test
    void pathsThatEscapeTheLabDirectoryAreRefused() throws IOException {
        Files.writeString(lab.getParent().resolve("secret-" + lab.getFileName()), "x");
        UserProgram p = new UserProgram();
        int name = p.string("../secret-" + lab.getFileName());
        p.syscall(SystemCalls.OPENAT, -100, name, 0).exitWithA0();
        // As in a chroot or a container: ".." at the root stays at the root, so the name is looked up inside the lab
        // directory, where there is no such file.
        assertEquals((-Errno.ENOENT) & 0xFF, p.run(lab).exitCode());
        UserProgram none = new UserProgram();
        int missing = none.string("missing.txt");
        none.syscall(SystemCalls.OPENAT, -100, missing, 0).exitWithA0();
        assertEquals((-Errno.ENOENT) & 0xFF, none.run(lab).exitCode());
    }

    @Test
    void brkGrowsTheHeapAndTheNewMemoryIsUsable() {
        UserProgram p = new UserProgram();
        p.syscall(SystemCalls.BRK, 0).emit(addi(8, 10, 0));              // s0 = current break
        p.emit(li(5, 0x10000)).emit(add(10, 8, 5)).emit(li(17, SystemCalls.BRK)).emit(ECALL);
        p.emit(li(5, 0x8000)).emit(add(6, 8, 5)).emit(addi(7, 0, 77)).emit(sw(7, 6, 0)).emit(lw(10, 6, 0));
        p.exitWithA0();
        UserProgram.Result r = p.run(lab);
        assertEquals(77, r.exitCode(), r.machine().exitReason());
    }

    @Test
    void anonymousMmapGivesZeroedMemoryAndMunmapTakesItAway() {
        UserProgram p = new UserProgram();
        p.syscall(SystemCalls.MMAP, 0, 8192, 3, 0x22, -1, 0).emit(addi(8, 10, 0));
        p.emit(lw(9, 8, 4096)).emit(addi(5, 0, 5)).emit(sw(5, 8, 4)).emit(lw(9, 8, 4));
        p.emit(addi(10, 8, 0)).emit(li(11, 8192)).emit(li(17, SystemCalls.MUNMAP)).emit(ECALL);
        p.emit(lw(9, 8, 0)); // use after munmap: SIGSEGV
        p.syscall(SystemCalls.EXIT, 0);
        UserProgram.Result r = p.run(lab);
        assertEquals(Signal.SIGSEGV.exitStatus(), r.exitCode());
        assertEquals(5, r.machine().hart.x[9], "the mapped memory worked before munmap");
        assertTrue(r.machine().exitReason().contains("load page fault"), r.machine().exitReason());
    }

    @Test
    void aNullPointerLoadKillsTheProcessWithSigsegvLikeQemu() {
        UserProgram.Result r = new UserProgram().emit(lw(5, 0, 0)).run(lab);
        assertEquals(Stop.EXITED, r.stop());
        assertEquals(139, r.exitCode());
        assertTrue(r.machine().exitReason().contains("SIGSEGV"));
    }

    @Test
    void garbageCodeKillsTheProcessWithSigill() {
        assertEquals(132, new UserProgram().emit(0xFFFF_FFFF).run(lab).exitCode());
        assertEquals(133, new UserProgram().emit(EBREAK).run(lab).exitCode());
    }

    @Test
    void endlessRecursionOverflowsTheStackIntoSigsegv() {
        UserProgram p = new UserProgram().emit(addi(2, 2, -1024), sw(1, 2, 0), jal(1, -8));
        UserProgram.Result r = p.run(lab);
        assertEquals(139, r.exitCode());
        assertTrue(r.machine().exitReason().contains("store/AMO page fault"), r.machine().exitReason());
    }

    @Test
    void unameAndClockAnswerLikeLinux() {
        UserProgram p = new UserProgram();
        int buffer = p.string(" ".repeat(400));
        p.syscall(SystemCalls.UNAME, buffer).emit(addi(8, 10, 0));
        p.syscall(SystemCalls.CLOCK_GETTIME64, 0, buffer + 400 - 16).emit(or(10, 10, 8));
        p.exitWithA0();
        UserProgram.Result r = p.run(lab);
        assertEquals(0, r.exitCode());
        assertFalse(r.machine().counters.syscallsByNumber().isEmpty());
    }

    private static int or(int rd, int rs1, int rs2) {
        return op(0, 6, rd, rs1, rs2);
    }
}
