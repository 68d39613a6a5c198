package vmlab.html;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Three significant digits: as much as timings on a shared machine can tell apart, whatever the magnitude ("0.0912",
 * "51.8", "1230"). Rounding is half-up on the exact binary value of the double, as {@link BigDecimal} does it.
 */
public final class SignificantDigits {

    private static final MathContext THREE = new MathContext(3);

    private SignificantDigits() {
    }

    /** The value rounded to three significant digits; zero, NaN and the infinities come back unchanged. */
    public static double round(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(THREE).doubleValue();
    }

    /**
     * The value rounded to three significant digits, written without an exponent and without trailing zeros ("0.1",
     * "1230", "0"). NaN and the infinities are written as Java writes them ("NaN", "Infinity") rather than failing.
     */
    public static String text(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(THREE).stripTrailingZeros().toPlainString();
    }
}
