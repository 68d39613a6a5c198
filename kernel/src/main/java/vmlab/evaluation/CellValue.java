package vmlab.evaluation;

/** What a cell evaluated to: the Java object of its last expression, or nothing (a declaration, a statement, a void call). */
public record CellValue(boolean present, Object value) {

    static final CellValue NONE = new CellValue(false, null);

    static CellValue of(Object value) {
        return new CellValue(true, value);
    }
}
