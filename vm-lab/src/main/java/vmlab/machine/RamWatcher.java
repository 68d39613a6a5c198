package vmlab.machine;

/**
 * Hears about writes to watched RAM pages. Fast engines keep things derived from RAM bytes (predecoded and translated
 * code, cached page-table walks); a write there must reach them, whoever makes it: an instruction, the Linux layer
 * copying a {@code read()} into guest memory, or DMA. One watcher per bus (the engines' shared cache for that machine).
 */
@FunctionalInterface
public interface RamWatcher {
    /** {@code length} bytes at RAM offset {@code offset} (from the RAM base) were written; some page among them is watched. */
    void ramWritten(int offset, int length);
}
