package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scripted console session the labOS equivalence tests type, and its recorded transcripts. Set
 * {@code -Dlabos.record=true} to rewrite the recordings from QEMU (then review the diff).
 */
final class LabOsSession {
    static final String[] PROGRAMS = {"hello", "fib", "syscalls", "terminal", "badjump", "crc32"};
    static final String NOTE = "the hotel room keeps your things\nsecond line\n";

    static final String FIRST_BOOT_KEYS = String.join("\n",
            "ls",
            "cat motd.txt",
            "hello lab 01",
            "run fib 10",
            "syscalls 0",
            "echo the hotel room keeps your things > note.txt",
            "echo second line >> note.txt",
            "cat note.txt",
            "terminal",
            "fib 12",
            "quit",
            "badjump hole",
            "nosuch",
            "rm motd.txt",
            "ls",
            "free",
            "poweroff", "");

    static final String SECOND_BOOT_KEYS = "ls\ncat note.txt\npoweroff\n";

    private LabOsSession() {
    }

    static void assertTranscript(String recording, String actual) throws IOException {
        Path file = GuestCorpus.sources().resolve("expected").resolve(recording);
        if (Boolean.getBoolean("labos.record")) {
            Files.writeString(file, actual);
        }
        assertEquals(Files.readString(file), actual, "the console transcript differs from " + file);
    }
}
