package vmlab.os;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The kernel's cache of read-only program pages (Linux's page cache for executables): when a second process loads a page
 * of code or constant data with the same contents at the same address, it maps the frame the first one filled instead of
 * taking a frame of its own. That is why a hundred copies of one program cost barely more RAM than one.
 *
 * <p>Pages are found by their address, permissions and contents, so the same program read from two different files
 * (two container images) shares too, and a changed program never gets a stale page. The cache holds a reference of its
 * own on each frame; {@link #trim()} lets go of frames that no process maps any more.
 */
public final class SharedText {
    private record Key(int vpn, int permissions, ByteBuffer contents) {
    }

    private final FrameAllocator frames;
    private final Map<Key, Integer> pages = new HashMap<>();
    private long hits, misses;

    public SharedText(FrameAllocator frames) {
        this.frames = frames;
    }

    /** The frame already holding these contents at this address, or 0. */
    int find(int address, int permissions, byte[] contents) {
        Integer frame = pages.get(new Key(address >>> 12, permissions, ByteBuffer.wrap(contents)));
        if (frame == null) {
            misses++;
            return 0;
        }
        hits++;
        return frame;
    }

    /** Remembers that {@code frame} holds these contents (the cache takes a reference). */
    void remember(int address, int permissions, byte[] contents, int frame) {
        frames.retain(frame);
        Integer old = pages.put(new Key(address >>> 12, permissions, ByteBuffer.wrap(contents.clone())), frame);
        if (old != null) {
            frames.release(old);
        }
    }

    /** Drops pages that only the cache still holds. */
    public void trim() {
        for (Iterator<Integer> it = pages.values().iterator(); it.hasNext(); ) {
            int frame = it.next();
            if (frames.references(frame) == 1) {
                frames.release(frame);
                it.remove();
            }
        }
    }

    /** Pages in the cache. */
    public int pages() {
        return pages.size();
    }

    /** Pages mapped from the cache instead of loaded again. */
    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
