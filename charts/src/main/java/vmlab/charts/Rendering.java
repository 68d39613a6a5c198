package vmlab.charts;

/**
 * One chart drawn every way a notebook front end may want it: a PNG at {@link Theme#PIXEL_SCALE}x, an SVG, the logical
 * size the PNG should be shown at (Jupyter's image/png width/height metadata), and a plain-text summary for consoles.
 */
public record Rendering(byte[] png, String svg, int width, int height, String summary) {

    @Override
    public String toString() {
        return summary;
    }
}
