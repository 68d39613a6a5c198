package vmlab.charts;

import java.util.Arrays;

/** One named series of (x, y) points, with missing points (NaN) already left out. */
record XySeries(String name, double[] x, double[] y) {

    XySeries {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but " + y.length
                    + " y values");
        }
    }

    /** Keeps only the points where both coordinates are numbers. */
    static XySeries withoutGaps(String name, double[] x, double[] y) {
        int kept = 0;
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs[kept] = x[i];
                ys[kept] = y[i];
                kept++;
            }
        }
        return new XySeries(name, Arrays.copyOf(xs, kept), Arrays.copyOf(ys, kept));
    }

    int size() {
        return x.length;
    }

    double minY() {
        return Arrays.stream(y).min().orElse(Double.NaN);
    }

    double maxY() {
        return Arrays.stream(y).max().orElse(Double.NaN);
    }

    double lastY() {
        return y.length == 0 ? Double.NaN : y[y.length - 1];
    }
}
