package vmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmlab container build}: the image lands in the store, and {@code run} and {@code images} find it. */
class ContainerBuildTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path folder;

    private int container(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "container";
        all[1] = "--state";
        all[2] = folder.resolve("state").toString();
        all[3] = "--images";
        all[4] = folder.resolve("images").toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return VmLab.commandLine().execute(all);
    }

    private String output() {
        return console.takeOut();
    }

    @Test
    void aBuiltImageIsStoredAsAnOciLayoutAndRunsFromTheNextCommand() throws Exception {
        Path context = Files.createDirectories(folder.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM corpus\nRUN identity write:/etc/built:yes\n"
                + "CMD [\"identity\", \"read:/etc/built\"]\n");
        String cache = folder.resolve("cache").toString();
        assertEquals(0, container("build", "-t", "mine:1", "--cache", cache, context.toString()), console.err());
        String log = output();
        assertTrue(log.contains("Step 2/3 : RUN identity write:/etc/built:yes") && log.contains("1 layer built"), log);
        assertTrue(Files.isRegularFile(folder.resolve("images/oci-layout")));

        assertEquals(0, container("run", "mine:1"), console.err());
        assertTrue(output().contains("read:/etc/built: yes"));
        assertEquals(0, container("images"));
        assertTrue(output().contains("mine "), "images lists the stored image");

        assertEquals(0, container("build", "-t", "mine:1", "--cache", cache, context.toString()));
        assertTrue(output().contains("0 layers built, 1 from the cache"));
    }

    @Test
    void aDockerfileErrorGivesStatus125AndTheLine() throws Exception {
        Path context = Files.createDirectories(folder.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM corpus\nRUNN hello\n");
        assertEquals(125, container("build", "-t", "bad", "--cache", folder.resolve("c").toString(), context.toString()));
        assertTrue(console.err().contains("Dockerfile line 2: unknown instruction RUNN"), console.err());
    }
}
