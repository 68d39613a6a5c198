package vmlab.engine;

/**
 * The block compiler's translation cache, counted: what the JIT lesson explains a measured speed with.
 */
public final class TranslationStatistics {
    long regionsCompiled, blocksCompiled, instructionsCompiled, bytecodeBytes, compileNanos;
    long cacheHits, interpretedBlocks, invalidations, fences, cacheFlushes;

    public long regionsCompiled() { return regionsCompiled; }

    /** Guest basic blocks translated (a region holds several). */
    public long blocksCompiled() { return blocksCompiled; }

    public long instructionsCompiled() { return instructionsCompiled; }

    public long bytecodeBytes() { return bytecodeBytes; }

    public double compileMillis() { return compileNanos / 1e6; }

    /** Times the dispatcher found a translation for the pc it arrived at. */
    public long cacheHits() { return cacheHits; }

    /** Times it did not, and interpreted a block instead. */
    public long interpretedBlocks() { return interpretedBlocks; }

    /** Translations dropped because their code was written (or fence.i). */
    public long invalidations() { return invalidations; }

    public long fences() { return fences; }

    public long cacheFlushes() { return cacheFlushes; }

    @Override
    public String toString() {
        return String.format("%d regions (%d blocks, %d instructions, %d bytes of bytecode) compiled in %.1f ms; "
                        + "%d cache hits, %d blocks interpreted, %d invalidations, %d fence.i, %d flushes",
                regionsCompiled, blocksCompiled, instructionsCompiled, bytecodeBytes, compileMillis(), cacheHits,
                interpretedBlocks, invalidations, fences, cacheFlushes);
    }
}
