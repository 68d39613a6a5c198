package vmlab.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder: a Dockerfile becomes layers, RUN runs a real guest program in a build container, the cache works. */
class ImageBuilderTest {
    private static final String DOCKERFILE = """
            # a small image on the course's corpus
            FROM corpus
            COPY greeting.txt /etc/
            ENV STAGE=test
            WORKDIR /srv
            RUN identity write:/srv/made-by-run.txt:built \\
                read:/etc/greeting.txt
            LABEL course=vmlab level="one two"
            ENTRYPOINT ["identity"]
            CMD ["read:/etc/greeting.txt", "read:/srv/made-by-run.txt"]
            """;
    private final ContainerHost host = ContainerHost.create();

    @TempDir
    Path folder;

    private Path context(String dockerfile) throws Exception {
        Path context = Files.createDirectories(folder.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        Files.writeString(context.resolve("greeting.txt"), "hello, built\n");
        return context;
    }

    @Test
    void aDockerfileBuildsAnImageWhoseRunLayerHoldsWhatTheGuestProgramWrote() throws Exception {
        ImageBuilder.Build b = new ImageBuilder(host, folder.resolve("cache")).build(context(DOCKERFILE), "small:1");
        assertEquals(3, b.image().layers().size(), "corpus + COPY + RUN");
        assertEquals(2, b.layersBuilt());
        assertTrue(b.log().contains(" read:/etc/greeting.txt: hello, built"), "RUN saw the COPY layer: " + b.log());
        ImageConfig config = b.image().config();
        assertEquals("/srv", config.workingDir());
        assertEquals("test", config.env().get("STAGE"));
        assertEquals("one two", config.labels().get("level"));
        assertEquals(List.of("identity"), config.entrypoint());
        assertNull(b.image().layers().get(2).kind("etc"), "the RUN layer holds only what the program changed");

        Container c = host.run("small:1");
        assertEquals(0, c.exitCode(), c.logs());
        assertTrue(c.logs().contains("read:/etc/greeting.txt: hello, built"), c.logs());
        assertTrue(c.logs().contains("read:/srv/made-by-run.txt: built"), c.logs());
        assertTrue(host.images().stream().noneMatch(i -> i.reference().startsWith("vmlab-build")), "no build leftovers");
        assertEquals(1, host.containers().size(), "the build container is gone");
    }

    @Test
    void aRebuildWithNothingChangedReusesEveryLayerAndAChangedFileRebuildsFromThere() throws Exception {
        Path context = context(DOCKERFILE);
        ImageBuilder.Build first = new ImageBuilder(host, folder.resolve("cache")).build(context, "small:1");
        ImageBuilder.Build again = new ImageBuilder(ContainerHost.create(), folder.resolve("cache")).build(context, "small:1");
        assertEquals(0, again.layersBuilt());
        assertEquals(2, again.layersCached());
        assertEquals(first.cacheKey(), again.cacheKey());
        assertTrue(again.log().stream().noneMatch(l -> l.contains("read:/etc/greeting.txt:")), "RUN did not run again");
        String exported = OciLayout.at(folder.resolve("a")).write(first.image(), "1");
        assertEquals(exported, OciLayout.at(folder.resolve("b")).write(again.image(), "1"), "the very same image");

        Files.writeString(context.resolve("greeting.txt"), "hello, changed\n");
        ImageBuilder.Build changed = new ImageBuilder(host, folder.resolve("cache")).build(context, "small:2");
        assertEquals(2, changed.layersBuilt(), "COPY changed, so the RUN after it runs again");
        assertTrue(!changed.cacheKey().equals(first.cacheKey()));
    }

    @Test
    void aDockerfileMistakeNamesItsLine() throws Exception {
        ContainerException e = assertThrows(ContainerException.class, () -> new ImageBuilder(host, folder.resolve("c"))
                .build(context("FROM corpus\n\nFETCH http://example.org/x /x\n"), "bad"));
        assertTrue(e.getMessage().endsWith("Dockerfile line 3: unknown instruction FETCH (the lab's builder knows CMD, "
                + "COPY, ENTRYPOINT, ENV, FROM, LABEL, RUN, WORKDIR)"), e.getMessage());
        e = assertThrows(ContainerException.class, () -> new ImageBuilder(host, folder.resolve("c"))
                .build(context("FROM corpus\nCMD [\"hello\", 3]\n"), "bad"));
        assertTrue(e.getMessage().contains("line 2: CMD: the exec form is a list of strings"), e.getMessage());
        e = assertThrows(ContainerException.class, () -> new ImageBuilder(host, folder.resolve("c"))
                .build(context("FROM nosuch:image\n"), "bad"));
        assertTrue(e.getMessage().contains("line 1: Unable to find image 'nosuch:image' locally"), e.getMessage());
    }

    @Test
    void aFailingRunStopsTheBuildWithItsExitCodeAndLine() throws Exception {
        ContainerException e = assertThrows(ContainerException.class, () -> new ImageBuilder(host, folder.resolve("c"))
                .build(context("FROM corpus\nRUN identity bogus-action\n"), "bad"));
        assertTrue(e.getMessage().contains("line 2: The command 'identity bogus-action' returned a non-zero code: 2"), e.getMessage());
        assertTrue(host.images().stream().noneMatch(i -> i.reference().startsWith("vmlab-build") || i.reference().startsWith("bad")));
    }

    @Test
    void copyCannotReachOutsideTheBuildContext() throws Exception {
        Files.writeString(folder.resolve("secret.txt"), "not yours");
        ContainerException e = assertThrows(ContainerException.class, () -> new ImageBuilder(host, folder.resolve("c"))
                .build(context("FROM scratch\nCOPY ../secret.txt /\n"), "bad"));
        assertTrue(e.getMessage().contains("line 2: COPY failed: forbidden path outside the build context: ../secret.txt"),
                e.getMessage());
    }

    @Test
    void fromScratchWithCopyGivesAOneLayerImage() throws Exception {
        Path context = context("FROM scratch\nCOPY . /app/\nCMD [\"/app/greeting.txt\"]\n");
        ImageBuilder.Build b = new ImageBuilder(host, folder.resolve("c")).build(context, "tiny");
        assertEquals(1, b.image().layers().size());
        assertEquals("hello, built\n", new String(b.image().layers().get(0).readAll("app/greeting.txt", 100)));
        assertEquals("tiny:latest", b.image().reference());
    }
}
