package vmlab.notebook;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Cell ids as nbformat 4.5 requires them: 1 to 64 characters of letters, digits, '-' and '_', unique in a notebook. */
final class CellIds {

    static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private CellIds() {
    }

    /** A fresh random id in the 8-hex-digit style Jupyter itself uses. */
    static String fresh() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
