package vmlab.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A VM Lab chart: data plus the choices a student made (title, size, axes), drawn with XChart in the shared {@link Theme}.
 *
 * <p>Setters are fluent and can be called in any order: the XChart chart is only built when the chart is drawn, and the
 * drawing is cached until something changes. The text form ({@link #toString()}) is a summary with the numbers, so a
 * console or a plain-text client still learns what the chart shows.
 *
 * @param <C> the concrete chart kind, so that fluent calls keep their type in a notebook cell
 */
public abstract class Chart<C extends Chart<C>> {

    private String title = "";
    private int width = Theme.WIDTH;
    private int height = Theme.HEIGHT;
    private int pixelScale = Theme.PIXEL_SCALE;
    private byte[] png;
    private String svg;

    /** The title above the plot. */
    public C title(String title) {
        this.title = title == null ? "" : title;
        return changed();
    }

    /** Logical size in CSS pixels (the PNG has {@link Theme#PIXEL_SCALE} times as many pixels each way). */
    public C size(int width, int height) {
        checkSize(width, height);
        this.width = width;
        this.height = height;
        return changed();
    }

    /** Rejects sizes no screen shows (and that would make the 2x PNG absurdly large). */
    static void checkSize(int width, int height) {
        if (width < 100 || height < 80 || width > 4000 || height > 4000) {
            throw new IllegalArgumentException("chart size " + width + "x" + height
                    + " is outside 100x80 .. 4000x4000 logical pixels");
        }
    }

    public String title() {
        return title;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The chart as PNG at {@link Theme#PIXEL_SCALE}x its logical {@link #width()} and {@link #height()}. */
    public synchronized byte[] png() {
        if (png == null) {
            png = PngImage.encode(xchart(), width, height, pixelScale);
        }
        return png.clone();
    }

    /** The chart as an SVG document. */
    public synchronized String svg() {
        if (svg == null) {
            svg = SvgImage.encode(xchart());
        }
        return svg;
    }

    /** A short plain-text account of what the chart shows, with its numbers. */
    public abstract String summary();

    /** Everything a front end needs in one value. */
    public Rendering rendering() {
        return new Rendering(png(), svg(), width, height, summary());
    }

    /**
     * Saves the chart; the file name's extension ({@code .png} or {@code .svg}) picks the format.
     *
     * @return the path written
     */
    public Path save(String fileName) {
        Path path = Path.of(fileName);
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (name.endsWith(".png")) {
                Files.write(path, png());
            } else if (name.endsWith(".svg")) {
                Files.writeString(path, svg(), StandardCharsets.UTF_8);
            } else {
                throw new IllegalArgumentException("cannot tell the format of '" + fileName
                        + "': name it .png or .svg");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the chart to " + path, e);
        }
        return path;
    }

    /**
     * A fresh XChart chart with this chart's data and the theme applied, for anything XChart can do that we do not wrap.
     * Changing it does not change this chart.
     */
    public org.knowm.xchart.internal.chartpart.Chart<?, ?> xchart() {
        org.knowm.xchart.internal.chartpart.Chart<?, ?> chart = draw(width, height);
        chart.setTitle(title);
        chart.getStyler().setChartTitleVisible(!title.isEmpty());
        LegendFit.apply(chart, width);
        TitleFit.apply(chart, width, height);
        return chart;
    }

    /** Builds the themed XChart chart of this size (title is set by the caller). */
    protected abstract org.knowm.xchart.internal.chartpart.Chart<?, ?> draw(int width, int height);

    /**
     * Draws the PNG at one pixel per logical pixel: a quarter of the pixels, for a live chart's passing frames (its
     * final frame, the one a notebook keeps, is drawn at full density).
     */
    final C draft() {
        this.pixelScale = 1;
        return changed();
    }

    /** Forgets any cached drawing; every fluent setter ends with it. */
    @SuppressWarnings("unchecked")
    protected final synchronized C changed() {
        png = null;
        svg = null;
        return (C) this;
    }

    /**
     * Draws the PNG now so that the front end's call is instant: live displays do this off the measuring thread. Only
     * the PNG, because that is what notebooks show (the SVG is drawn when asked for, e.g. to save a figure).
     */
    final void prerender() {
        png();
    }

    @Override
    public String toString() {
        return summary();
    }
}
