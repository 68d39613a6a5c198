package vmlab.machine;

/** A file that is not a loadable RV32 ELF: the message says what is wrong, {@link #offset()} where in the file. */
public final class ElfFormatException extends RuntimeException {
    private final long offset;

    public ElfFormatException(String file, long offset, String problem) {
        super(String.format("%s: not a loadable RV32 program: %s (at file offset 0x%x)", file, problem, offset));
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
