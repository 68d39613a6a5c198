package vmlab.display;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * How a number looks in a rendered table. A measured value is shown with the precision a measurement has, three
 * significant digits ("9.82", not "9.821510000000002"); the exact value stays in the table and in its text/plain form.
 * Counts (integer columns) are exact and shown whole, with thousands separators. A column whose print formatter the
 * cell changed ({@code column.setPrintFormatter(...)}) asked for its own digits and keeps them.
 */
final class NumberCells {

    static final int SIGNIFICANT_DIGITS = 3;

    private final NumericColumn<?> column;
    private final boolean floating;
    private final boolean whole;

    private NumberCells(NumericColumn<?> column) {
        this.column = column;
        this.floating = isFloating(column);
        this.whole = floating && allWhole(column);
    }

    /** The formatter of a numeric column, or null for any other column. */
    static NumberCells of(Column<?> column) {
        return column instanceof NumericColumn<?> numeric ? new NumberCells(numeric) : null;
    }

    /** The text of one cell. */
    String text(int row) {
        if (column.isMissing(row)) {
            return "";
        }
        String asPrinted = column.getString(row);
        if (!asPrinted.equals(defaultText(column, row))) {
            return asPrinted; // the cell chose a format
        }
        double value = column.getDouble(row);
        if (!floating) {
            return String.format(Locale.ROOT, "%,d", ((Number) column.get(row)).longValue());
        }
        if (whole) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return measured(value);
    }

    /** A measured value with {@link #SIGNIFICANT_DIGITS} significant digits; large and tiny ones in powers of ten. */
    static String measured(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "\u221e" : "\u2212\u221e";
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e6 || magnitude < 1e-3) {
            BigDecimal rounded = new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS));
            int exponent = rounded.precision() - rounded.scale() - 1;
            BigDecimal mantissa = rounded.movePointLeft(exponent);
            return mantissa.toPlainString() + "\u00d710" + superscript(exponent);
        }
        if (magnitude >= 1000) {
            // Whole units already carry 4 to 6 digits here; rounding them away would hide more than it helps.
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS)).toPlainString();
    }

    private static String defaultText(Column<?> column, int row) {
        NumberColumnFormatter formatter = isFloating(column)
                ? NumberColumnFormatter.floatingPointDefault()
                : NumberColumnFormatter.ints();
        formatter.setColumnType(column.type());
        Object value = column.get(row);
        if (value instanceof Double d) {
            return formatter.format(d.doubleValue());
        }
        if (value instanceof Float f) {
            return formatter.format(f.floatValue());
        }
        if (value instanceof Long l) {
            return formatter.format(l.longValue());
        }
        if (value instanceof Short s) {
            return formatter.format(s.shortValue());
        }
        return formatter.format(((Number) value).intValue());
    }

    /**
     * By the column's class, not by {@code column.type() == ColumnType.DOUBLE}: Tablesaw 0.44 can hold two
     * DoubleColumnType objects when a DoubleColumn is made before {@code ColumnType} is first used (as in a fresh kernel
     * whose first table is measured), and the identity test then took a measurement for an integer column.
     */
    private static boolean isFloating(Column<?> column) {
        return column instanceof DoubleColumn || column instanceof FloatColumn;
    }

    /** A floating column that holds whole numbers only (money in whole dollars, a size) shows no decimals at all. */
    private static boolean allWhole(NumericColumn<?> column) {
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                double v = column.getDouble(row);
                if (v != Math.rint(v) || Math.abs(v) >= 1e15) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String superscript(int exponent) {
        String digits = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
        StringBuilder s = new StringBuilder(exponent < 0 ? "\u207b" : "");
        for (char c : Integer.toString(Math.abs(exponent)).toCharArray()) {
            s.append(digits.charAt(c - '0'));
        }
        return s.toString();
    }
}
