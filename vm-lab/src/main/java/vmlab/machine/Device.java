package vmlab.machine;

/**
 * A memory-mapped device on the {@link Bus}. Offsets are relative to the device's base; sizes are 1, 2 or 4 bytes.
 * A device answers {@link Bus#FAULT} (reads) or {@code false} (writes) for registers it does not have, which the bus turns
 * into an access fault.
 */
public interface Device {
    String name();

    int base();

    /** Bytes of address space the device occupies. */
    int size();

    /** The register value, zero-extended, or {@link Bus#FAULT}. */
    long read(int offset, int size);

    boolean write(int offset, int size, int value);
}
