package vmlab.machine;

/** Sees every instruction an engine executes (for {@code --trace} and the notebook's step view). Slows engines down. */
public interface Tracer {
    /**
     * An instruction retired.
     *
     * @param rd    the register it wrote, or -1 if it wrote none (x0 counts as none)
     * @param value the value written to {@code rd}
     */
    void retired(int pc, int word, int rd, int value);

    /** The instruction at {@code pc} (or, for an interrupt, the boundary before it) trapped. */
    default void trapped(int pc, int cause, int tval) {
    }
}
