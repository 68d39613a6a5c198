package vmlab.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The union file system: lookup from the top, whiteouts, opaque directories, copy-up, and lower layers never written. */
class OverlayTreeTest {
    private final MemoryTree base = new MemoryTree(), app = new MemoryTree(), upper = new MemoryTree();
    private OverlayTree union;

    @BeforeEach
    void layers() throws VfsException {
        base.makeDirectory("etc");
        base.writeAll("etc/passwd", bytes("root"));
        base.writeAll("etc/hosts", bytes("localhost"));
        base.makeDirectory("var");
        base.writeAll("var/old-log", bytes("old"));
        app.makeDirectory("etc");
        app.writeAll("etc/.wh.hosts", new byte[0]);          // the app layer deleted /etc/hosts
        app.makeDirectory("var");
        app.writeAll("var/.wh..wh..opq", new byte[0]);       // ... and replaced /var by a new directory
        app.writeAll("var/new-log", bytes("new"));
        app.writeAll("etc/passwd", bytes("root\napp"));       // ... and changed /etc/passwd
        union = new OverlayTree(List.of(base, app), upper);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String read(FileTree tree, String path) throws VfsException {
        return new String(tree.readAll(path, 1000), StandardCharsets.UTF_8);
    }

    @Test
    void theTopmostLayerThatHasANameWins() throws VfsException {
        assertEquals("root\napp", read(union, "etc/passwd"));
        assertEquals(1, union.lookup("etc/passwd"), "found in the app layer, just under the upper one");
    }

    @Test
    void aWhiteoutHidesTheNameInTheLayersBelow() {
        assertNull(union.kind("etc/hosts"));
        assertThrows(VfsException.class, () -> union.open("etc/hosts", OpenRequest.READ));
        assertEquals(List.of("passwd"), assertDoesNotThrow(() -> union.list("etc")));
    }

    @Test
    void anOpaqueDirectoryHidesTheContentsBelowIt() throws VfsException {
        assertEquals(List.of("new-log"), union.list("var"));
        assertNull(union.kind("var/old-log"));
    }

    @Test
    void theFirstWriteCopiesTheFileUpAndTheLowerLayerIsUnchanged() throws Exception {
        OpenFile f = union.open("etc/passwd", new OpenRequest(true, true, false, false, false, true));
        f.write(bytes("\nme"), 3);
        f.close();
        assertEquals("root\napp\nme", read(union, "etc/passwd"));
        assertEquals("root\napp\nme", read(upper, "etc/passwd"));
        assertEquals("root\napp", read(app, "etc/passwd"));
        assertEquals("root", read(base, "etc/passwd"));
        assertEquals(1, union.copyUps());
    }

    @Test
    void removingALowerFileLeavesAWhiteoutInTheUpperLayer() throws Exception {
        union.remove("etc/passwd");
        assertNull(union.kind("etc/passwd"));
        assertEquals(FileTree.Kind.FILE, upper.kind("etc/.wh.passwd"));
        assertEquals("root", read(base, "etc/passwd"), "the layer below still has it");
        union.writeAll("etc/passwd", bytes("again"));
        assertEquals("again", read(union, "etc/passwd"));
        assertNull(upper.kind("etc/.wh.passwd"), "creating the name again removes its whiteout");
    }

    @Test
    void aDirectoryMadeAgainOverADeletedOneIsOpaque() throws Exception {
        union.remove("var/new-log");
        union.remove("var");
        union.makeDirectory("var");
        assertEquals(List.of(), union.list("var"));
    }

    @Test
    void whiteoutNamesBelongToTheOverlay() {
        VfsException e = assertThrows(VfsException.class, () -> union.writeAll("etc/.wh.passwd", new byte[0]));
        assertEquals(Errno.EPERM, e.errno());
    }

    @Test
    void aUnionWithoutAnUpperLayerIsReadOnly() {
        OverlayTree readOnly = new OverlayTree(List.of(base, app), null);
        assertEquals(Errno.EROFS, assertThrows(VfsException.class,
                () -> readOnly.writeAll("etc/passwd", new byte[0])).errno());
    }

    private static <T> T assertDoesNotThrow(Attempt<T> attempt) {
        try {
            return attempt.get();
        } catch (VfsException e) {
            throw new AssertionError(e);
        }
    }

    private interface Attempt<T> {
        T get() throws VfsException;
    }
}
