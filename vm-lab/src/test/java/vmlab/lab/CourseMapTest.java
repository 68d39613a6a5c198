package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseMapTest {

    @Test
    void aLessonThatIsHereIsLinkedAndOneThatIsNotIsComing(@TempDir Path folder) throws Exception {
        for (String name : List.of("00-welcome.ipynb", "01-time-sharing.ipynb", "03-emulators.ipynb", "notes.txt")) {
            Files.writeString(folder.resolve(name), "{}");
        }
        CourseMap map = CourseMap.in(folder);
        assertEquals(List.of("00", "01", "03"), map.available());
        String html = map.toHtml();
        assertTrue(html.contains("<a href=\"01-time-sharing.ipynb\">Time-sharing</a>"), html);
        assertTrue(html.contains("Public cloud <i style=\"color:#777\">(coming)</i>"), html);
        assertFalse(html.contains("href=\"02"), "no link to a lesson that is not there");
        assertTrue(map.toString().contains("02  Public cloud") && map.toString().contains("coming"), map.toString());
    }

    @Test
    void aLessonThatArrivesLaterIsLinkedWithoutEditingTheMap(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("00-welcome.ipynb"), "{}");
        assertFalse(CourseMap.in(folder).toHtml().contains("href=\"05"));
        Files.writeString(folder.resolve("05-hypervisors.ipynb"), "{}");
        assertTrue(CourseMap.in(folder).toHtml().contains("<a href=\"05-hypervisors.ipynb\">Hypervisors</a>"));
    }
}
