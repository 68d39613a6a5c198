package vmlab.cloud;

import java.nio.file.Path;

/** A demand file or request trace that cannot be read as one, with the file and the line where reading stopped. */
public final class DemandFormatException extends IllegalArgumentException {
    private final transient Path file;
    private final int line;

    public DemandFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
