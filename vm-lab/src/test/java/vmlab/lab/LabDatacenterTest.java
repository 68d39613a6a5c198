package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.engine.BlockCompiler;
import vmlab.filesystem.LabFsImage;

/**
 * Lesson 02's live demo on the real hypervisor: three lab hosts, labOS VMs booted from their own disks. A VM stopped on
 * one host gives that host its memory back, keeps its disk, and comes back on another host with its files.
 */
class LabDatacenterTest {
    private static final String NOTE = "my things stay in the room";

    @Test
    void aStoppedVmReleasesItsHostsMemoryAndComesBackOnAnotherHostWithItsFiles(@TempDir Path dir) throws Exception {
        LabDatacenter dc = Lab.datacenter(3).engine(new BlockCompiler());
        long emptyHost0 = dc.freeMemoryKiB(0);
        dc.place("shop", dir.resolve("shop.img").toString(), 0);
        dc.place("mail", dir.resolve("mail.img").toString(), 0);
        dc.place("blog", dir.resolve("blog.img").toString(), 1);
        assertEquals(List.of("shop", "mail"), dc.vmsOn(0));
        long twoVms = dc.freeMemoryKiB(0);
        long oneVm = (32 << 10) + 1024; // 32 MiB of RAM and 1 MiB of shadow page tables
        assertEquals(emptyHost0 - 2 * oneVm, twoVms, "each labOS VM holds its RAM and shadow tables on its host");

        LabVm shop = dc.vm("shop").type("echo " + NOTE + " > note.txt\n");
        assertTrue(shop.console().endsWith("labos$ "), shop.console());

        dc.stop("shop");
        assertEquals("OFF", shop.state());
        assertEquals(-1, dc.hostOf("shop"));
        assertEquals(twoVms + oneVm, dc.freeMemoryKiB(0), "stopping the VM gives its host its memory back");
        assertEquals(List.of("mail"), dc.vmsOn(0));
        assertEquals(NOTE + "\n", new String(LabFsImage.read(dir.resolve("shop.img")).contents("note.txt"),
                StandardCharsets.UTF_8), "the disk keeps the file while the VM is stopped");

        long host2Before = dc.freeMemoryKiB(2);
        LabVm moved = dc.startOn("shop", 2).type("ls\n").type("cat note.txt\n");
        assertNotSame(shop, moved, "another host runs another VM, booted from the same disk");
        assertEquals(2, dc.hostOf("shop"));
        assertEquals(host2Before - oneVm, dc.freeMemoryKiB(2));
        assertTrue(moved.console().contains("note.txt"), moved.console());
        assertTrue(moved.console().contains("labos$ cat note.txt\n" + NOTE + "\n"), moved.console());
        assertTrue(dc.toHtml().contains("shop") && dc.vms().rowCount() == 3, dc.toHtml());

        // and back to the first host, where its old VM is still defined, powered off
        dc.stop("shop");
        LabVm back = dc.startOn("shop", 0).type("cat note.txt\n");
        assertTrue(back.console().endsWith("cat note.txt\n" + NOTE + "\nlabos$ "), back.console());
        assertEquals(host2Before, dc.freeMemoryKiB(2));

        // a tenant who shuts the VM down from its own shell has stopped it too
        back.type("poweroff\n");
        assertEquals(-1, dc.hostOf("shop"));
        assertEquals(List.of("mail"), dc.vmsOn(0));
        String onHost1 = dc.startOn("shop", 1).type("cat note.txt\n").console();
        assertTrue(onHost1.endsWith("labos$ cat note.txt\n" + NOTE + "\nlabos$ "), onHost1);
    }

    @Test
    void aFullHostOrAnUnknownVmIsRefusedWithItsName(@TempDir Path dir) {
        LabDatacenter dc = Lab.datacenter(2);
        dc.place("a", dir.resolve("a.img").toString(), 0);
        dc.place("b", dir.resolve("b.img").toString(), 0);
        RuntimeException full = assertThrows(RuntimeException.class,
                () -> dc.place("c", dir.resolve("c.img").toString(), 0));
        assertTrue(full.getMessage().contains("VM c"), full.getMessage());
        assertEquals(-1, dc.hostOf("c"), "a VM that did not fit runs nowhere");
        assertThrows(IllegalStateException.class, () -> dc.vm("c"));
        dc.startOn("c", 1);
        assertEquals(1, dc.hostOf("c"));
        assertThrows(IllegalStateException.class, () -> dc.startOn("a", 1));
        assertThrows(IllegalArgumentException.class, () -> dc.stop("nobody"));
        assertThrows(IllegalArgumentException.class, () -> dc.startOn("a", 5));
    }
}
