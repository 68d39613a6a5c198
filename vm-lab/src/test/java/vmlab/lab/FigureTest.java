package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void theLessonsFiguresAreWellFormedSvgShownInline() throws Exception {
        for (String name : new String[] {"host-emulator-guest", "jit-pipeline"}) {
            Figure figure = Figure.named(name);
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(figure.svg().getBytes(StandardCharsets.UTF_8)));
            assertTrue(document.getDocumentElement().getTagName().equals("svg"), name);
            assertTrue(figure.toHtml().contains("<svg"), "the HTML carries the drawing itself, not a link to a file");
        }
    }

    @Test
    void anUnknownFigureIsNamedInTheError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Figure.named("no-such-figure"));
        assertTrue(e.getMessage().contains("no-such-figure"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Figure.named("../../etc/passwd"));
    }
}
