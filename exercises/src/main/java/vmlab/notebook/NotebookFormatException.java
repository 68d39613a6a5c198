package vmlab.notebook;

/**
 * A notebook file that is not a valid nbformat 4 notebook. The message says what is wrong and where: the file, and either the
 * line and column of a JSON syntax error or the cell number and field of a structural one.
 */
public class NotebookFormatException extends RuntimeException {

    public NotebookFormatException(String where, String what) {
        super(where + ": " + what);
    }

    public NotebookFormatException(String where, String what, Throwable cause) {
        super(where + ": " + what, cause);
    }
}
