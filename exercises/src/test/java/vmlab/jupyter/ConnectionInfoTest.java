package vmlab.jupyter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ConnectionInfoTest {

    @Test
    void aLoopbackConnectionHasFiveDistinctPortsAndAFreshKey() {
        ConnectionInfo one = ConnectionInfo.loopback("vmlab");
        ConnectionInfo two = ConnectionInfo.loopback("vmlab");
        assertEquals(5, Set.of(one.shellPort(), one.iopubPort(), one.stdinPort(), one.controlPort(), one.hbPort()).size());
        assertNotEquals(one.key(), two.key());
        assertEquals("tcp://127.0.0.1:" + one.shellPort(), one.endpoint(one.shellPort()));
        assertFalse(one.toString().contains(one.key()), "the key never appears in messages");
    }

    @Test
    void aWrittenFileReadsBackTheSameAndOnlyItsOwnerCanReadIt(@TempDir Path folder) throws Exception {
        ConnectionInfo info = ConnectionInfo.loopback("vmlab");
        Path file = info.write(folder.resolve("kernel.json"));
        assertEquals(info, ConnectionInfo.read(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aBrokenFileSaysWhichFieldIsWrong(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("broken.json");
        Files.writeString(file, "{\"shell_port\": \"soon\", \"iopub_port\": 2, \"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ConnectionInfo.read(file));
        assertTrue(error.getMessage().contains("shell_port"), error.getMessage());
    }

    @Test
    void onlyHmacSha256IsAccepted() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectionInfo("tcp", "127.0.0.1", 1, 2, 3, 4, 5, "k", "hmac-md5", ""));
    }
}
