package vmlab.lab;

import static vmlab.html.HtmlText.attribute;
import static vmlab.html.HtmlText.escape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The course's lessons, each linked to its notebook when the notebook is there and marked "coming" when it is not, so the
 * map in lesson 00 never points at a lesson that does not exist. The plan is fixed here; which lessons exist is read
 * from the folder the notebooks are in, each time the map is drawn.
 */
public final class CourseMap {

    /** One lesson of the plan: its number ("03"), title, idea and what a student measures in it. */
    public record Lesson(String number, String title, String idea, String measured) {
    }

    private static final List<Lesson> PLAN = List.of(
            new Lesson("00", "Welcome", "notebooks, tables, live charts, exercises", "a loop, timed live"),
            new Lesson("01", "Time-sharing", "in the 1960s, one expensive computer served many users by giving each a "
                    + "slice of CPU time", "how busy the machine is and how long users wait, as users and slice "
                    + "length change"),
            new Lesson("02", "Public cloud", "a shop sized for its busiest day is idle most of the year; renting out "
                    + "small, separate machines fixes that", "idle capacity over a year, servers needed, cost per tenant"),
            new Lesson("03", "Emulators", "a program can play the part of a whole computer, one instruction at a time",
                    "instructions per second, slowdown against native code"),
            new Lesson("04", "JIT", "translating guest code once, instead of interpreting it again and again",
                    "speed over time as the translation warms up; comparison with QEMU"),
            new Lesson("05", "Hypervisors", "run a guest operating system on the real processor, and step in only when "
                    + "it does something privileged", "exits by reason, cost per exit, Type-1 against Type-2"),
            new Lesson("06", "Containers", "share one kernel and isolate only what each tenant needs",
                    "start time, memory per instance, density against VMs"),
            new Lesson("07", "Capstone", "everything at once",
                    "the whole ladder, from native to interpreter, on one set of programs"));

    private final Path folder;

    private CourseMap(Path folder) {
        this.folder = folder;
    }

    /**
     * The map for the notebooks next to this one: the working directory (Jupyter starts the kernel in the notebook's
     * folder) or its {@code notebooks} folder (the course's repository, where {@code vmlab run} is started).
     */
    public static CourseMap here() {
        for (Path candidate : List.of(Path.of(""), Path.of("notebooks"))) {
            if (notebookOf(candidate.toAbsolutePath(), "00").isPresent()) {
                return new CourseMap(candidate.toAbsolutePath());
            }
        }
        return new CourseMap(null);
    }

    /** The map for the notebooks in {@code folder}. */
    public static CourseMap in(Path folder) {
        return new CourseMap(folder.toAbsolutePath());
    }

    public List<Lesson> plan() {
        return PLAN;
    }

    /** The notebook of a lesson ("01-time-sharing.ipynb"), if it is in the folder. */
    public Optional<String> notebook(String number) {
        return folder == null ? Optional.empty() : notebookOf(folder, number).map(p -> p.getFileName().toString());
    }

    private static Optional<Path> notebookOf(Path folder, String number) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(number + "-") && name.endsWith(".ipynb");
            }).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the notebooks in " + folder, e);
        }
    }

    /** The lessons whose notebook is here, by number. */
    public List<String> available() {
        List<String> here = new ArrayList<>();
        PLAN.forEach(stop -> notebook(stop.number()).ifPresent(n -> here.add(stop.number())));
        return here;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("The course");
        text.append(folder == null ? " (notebook folder not found: availability unknown)\n" : "\n");
        for (Lesson stop : PLAN) {
            String where = folder == null ? "" : notebook(stop.number()).orElse("coming");
            text.append(String.format("  %s  %-12s %s%n", stop.number(), stop.title(), where));
        }
        return text.toString().stripTrailing();
    }

    public String toHtml() {
        StringBuilder html = new StringBuilder("<table style=\"border-collapse:collapse\"><thead><tr>");
        for (String header : List.of("#", "lesson", "the idea", "what you measure")) {
            html.append("<th style=\"text-align:left;padding:2px 8px\">").append(header).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (Lesson stop : PLAN) {
            Optional<String> notebook = notebook(stop.number());
            String lesson = notebook.map(n -> "<a href=\"" + attribute(n) + "\">" + escape(stop.title()) + "</a>")
                    .orElse(escape(stop.title()) + (folder == null ? "" : " <i style=\"color:#777\">(coming)</i>"));
            html.append("<tr>");
            List<String> cells = List.of(stop.number(), lesson, escape(stop.idea()), escape(stop.measured()));
            for (int c = 0; c < cells.size(); c++) {
                // The number and the lesson's name stay on one line; the sentences may wrap.
                html.append("<td style=\"text-align:left;vertical-align:top;padding:2px 8px")
                        .append(c < 2 ? ";white-space:nowrap" : "").append("\">").append(cells.get(c)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        if (folder == null) {
            html.append("<p><i>Open this notebook from the course folder to see which lessons are there.</i></p>");
        }
        return html.toString();
    }
}
