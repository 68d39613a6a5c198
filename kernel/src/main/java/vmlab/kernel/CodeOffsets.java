package vmlab.kernel;

/**
 * Jupyter counts cursor positions in Unicode code points; Java strings count UTF-16 units. They differ after any
 * character outside the Basic Multilingual Plane (an emoji in a comment is enough).
 */
final class CodeOffsets {

    private CodeOffsets() {
    }

    static int toJava(String code, int codePoints) {
        int clamped = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, clamped);
    }

    static int toJupyter(String code, int javaIndex) {
        return code.codePointCount(0, Math.max(0, Math.min(javaIndex, code.length())));
    }
}
