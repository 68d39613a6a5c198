package vmlab.engine;

/**
 * A region of guest code translated to a JVM method by the {@link BlockCompiler}: a generated hidden class extends this.
 *
 * <p>{@link #run} starts at guest {@code pc} (the region's entry) with the context's budget, runs guest
 * blocks while the budget lasts, and returns the pc of the first instruction it did not execute, having written the
 * registers back and left the unused budget in the context. It never raises a trap: before anything that could trap or
 * touch a device it stops, and the dispatcher lets the interpreter execute that instruction.
 */
abstract class Translation {
    /** False once a write to its code page (or fence.i) made the translation stale (and dropped it from its page). */
    boolean valid = true;
    /** The virtual page the code was translated for (pc-relative values are baked in). */
    int virtualPage;
    /** The region's entry pc and size, for displays. */
    int entryPc;
    int instructions;
    int blocks;

    protected Translation() {
    }

    public abstract int run(BlockContext context, int pc);
}
