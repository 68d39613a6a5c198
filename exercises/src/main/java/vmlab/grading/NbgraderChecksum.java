package vmlab.grading;

import vmlab.notebook.Cell;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * nbgrader's cell checksum ({@code nbgrader.utils.compute_checksum}), bit for bit: an MD5 fed, in this order, the UTF-8 bytes of
 * the source, the cell type, Python's {@code str()} of is_grade, is_solution and is_locked ("True"/"False"), the grade_id, and
 * for grade cells Python's {@code str(float(points))}. Matching it lets nbgrader's tools check our student versions and us theirs.
 */
public final class NbgraderChecksum {

    private NbgraderChecksum() {
    }

    public static String of(Cell cell, NbgraderMetadata nbgrader) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
        update(md5, cell.source());
        update(md5, cell.type().name().toLowerCase());
        update(md5, pythonBool(nbgrader.grade()));
        update(md5, pythonBool(nbgrader.solution()));
        update(md5, pythonBool(nbgrader.effectivelyLocked()));
        update(md5, nbgrader.gradeId());
        if (nbgrader.grade()) {
            update(md5, pythonFloat(nbgrader.points()));
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static void update(MessageDigest md5, String text) {
        md5.update(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String pythonBool(boolean value) {
        return value ? "True" : "False";
    }

    /**
     * Python's {@code str(float)}: the shortest decimal that reads back as the same double, positional between 1e-4 and 1e16,
     * scientific ({@code 1e+16}, {@code 5e-05}) outside, and always with a fractional part when positional ({@code 2.0}).
     */
    static String pythonFloat(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = exact.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = exact.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
