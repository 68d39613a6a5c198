package vmlab.engine;

import java.lang.invoke.MethodHandles;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Generated classes shared between machines, found by their exact bytecode. Two machines running the same program make
 * byte-for-byte the same regions; sharing the class means sharing what HotSpot compiled it to, so a second run starts
 * warm (as a persistent code cache would). Only weak references are kept: once no machine's translation uses a class,
 * the class can be unloaded and its entry disappears.
 */
final class TranslationClasses {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final Map<Key, Entry> CLASSES = new HashMap<>();
    private static final ReferenceQueue<Class<?>> CLEARED = new ReferenceQueue<>();
    private static long defined, reused;

    private TranslationClasses() {
    }

    private record Key(byte[] bytes, int hash) {
        Key(byte[] bytes) {
            this(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Entry extends WeakReference<Class<?>> {
        final Key key;

        Entry(Class<?> c, Key key) {
            super(c, CLEARED);
            this.key = key;
        }
    }

    /** A new instance of the class with this bytecode, defining the class as a hidden class if needed. */
    static synchronized Translation instantiate(byte[] bytes) throws ReflectiveOperationException {
        for (Object cleared; (cleared = CLEARED.poll()) != null; ) {
            CLASSES.remove(((Entry) cleared).key, cleared);
        }
        Key key = new Key(bytes);
        Entry entry = CLASSES.get(key);
        Class<?> c = entry == null ? null : entry.get();
        if (c == null) {
            c = LOOKUP.defineHiddenClass(bytes, true).lookupClass();
            CLASSES.put(key, new Entry(c, key));
            defined++;
        } else {
            reused++;
        }
        return (Translation) c.getConstructor().newInstance();
    }

    /** Classes alive now (weakly held), defined so far and reused so far: what the metaspace measurement reads. */
    static synchronized long[] counts() {
        for (Object cleared; (cleared = CLEARED.poll()) != null; ) {
            CLASSES.remove(((Entry) cleared).key, cleared);
        }
        return new long[] {CLASSES.size(), defined, reused};
    }
}
