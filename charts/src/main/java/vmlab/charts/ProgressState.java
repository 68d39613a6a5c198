package vmlab.charts;

import java.time.Duration;
import java.util.Locale;

/**
 * How far a long piece of lab work has got, at one moment: what a {@link ProgressBar} shows. The HTML form is a bar with
 * count, rate and time left; the text form says the same on one line for consoles.
 *
 * @param total steps in all, or a negative number when unknown (then there is no bar and no time left)
 */
public record ProgressState(String label, long done, long total, String what, double elapsedSeconds) {

    /** Share done, 0..1, or NaN when the total is unknown. */
    public double fraction() {
        return total > 0 ? Math.min(1.0, (double) done / total) : Double.NaN;
    }

    /** Steps per second so far. */
    public double rate() {
        return elapsedSeconds > 0 ? done / elapsedSeconds : 0;
    }

    /** Estimated seconds left at the rate so far, or NaN when it cannot be told. */
    public double secondsLeft() {
        if (total <= 0 || done <= 0) {
            return Double.NaN;
        }
        return Math.max(0, total - done) / rate();
    }

    public boolean isComplete() {
        return total > 0 && done >= total;
    }

    public String toHtml() {
        double fraction = fraction();
        String percent = Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, "%.1f", 100 * fraction);
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"vmlab-progress\" style=\"font-family:sans-serif;font-size:13px;max-width:640px\">");
        html.append("<div><b>").append(escape(label)).append("</b>");
        if (what != null && !what.isEmpty()) {
            html.append(" &middot; ").append(escape(what));
        }
        html.append("</div>");
        if (!percent.isEmpty()) {
            html.append("<div style=\"background:#e3e3e3;border-radius:3px;height:12px;margin:4px 0\" role=\"progressbar\"")
                    .append(" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"").append(percent).append("\">")
                    .append("<div style=\"background:#0072B2;border-radius:3px;height:12px;width:").append(percent)
                    .append("%\"></div></div>");
        }
        html.append("<div style=\"color:#555\">").append(escape(counts())).append("</div></div>");
        return html.toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(label);
        double fraction = fraction();
        if (!Double.isNaN(fraction)) {
            int filled = (int) Math.round(fraction * 30);
            text.append(" [").append("#".repeat(filled)).append(".".repeat(30 - filled)).append(']');
        }
        text.append(' ').append(counts());
        if (what != null && !what.isEmpty()) {
            text.append(" · ").append(what);
        }
        return text.toString();
    }

    private String counts() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%,d", done));
        if (total > 0) {
            text.append(String.format(Locale.ROOT, "/%,d (%.0f%%)", total, 100 * fraction()));
        }
        text.append(String.format(Locale.ROOT, " · %s/s", rate() >= 100 ? String.format(Locale.ROOT, "%,.0f", rate())
                : String.format(Locale.ROOT, "%.3g", rate())));
        if (isComplete()) {
            text.append(" · done in ").append(duration(elapsedSeconds));
        } else if (!Double.isNaN(secondsLeft())) {
            text.append(" · ").append(duration(secondsLeft())).append(" left");
        } else {
            text.append(" · ").append(duration(elapsedSeconds)).append(" so far");
        }
        return text.toString();
    }

    private static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        Duration d = Duration.ofSeconds(Math.round(seconds));
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
        }
        return d.toSeconds() + " s";
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
