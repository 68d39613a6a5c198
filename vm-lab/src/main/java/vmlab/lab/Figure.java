package vmlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A diagram of the course, committed as SVG next to this class ({@code vmlab/figures/NAME.svg}) and shown inline in a
 * notebook: the SVG goes into the cell's HTML output, so an exported page carries it with no file beside it.
 *
 * <pre>{@code Figure.named("host-emulator-guest")}</pre>
 */
public final class Figure {
    private final String name;
    private final String svg;

    private Figure(String name, String svg) {
        this.name = name;
        this.svg = svg;
    }

    /** The figure {@code name}; an unknown name fails with the name in the message. */
    public static Figure named(String name) {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("a figure name is lower-case words joined by '-', not '" + name + "'");
        }
        try (InputStream in = Figure.class.getResourceAsStream("/vmlab/figures/" + name + ".svg")) {
            if (in == null) {
                throw new IllegalArgumentException("no figure named '" + name + "' (vmlab/figures/" + name + ".svg)");
            }
            return new Figure(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the figure '" + name + "'", e);
        }
    }

    public String svg() {
        return svg;
    }

    /** The notebook's rich display: the SVG itself, inline. */
    public String toHtml() {
        return "<div class=\"vmlab-figure\">" + svg + "</div>";
    }

    @Override
    public String toString() {
        return "figure " + name + " (" + svg.length() + " characters of SVG)";
    }
}
