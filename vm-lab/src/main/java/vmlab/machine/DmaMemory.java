package vmlab.machine;

/**
 * The memory a device reaches by DMA: physical addresses as the device sees them. On a real board that is the
 * {@link Bus}; inside a virtual machine it is the guest's physical memory, a window onto a slice of the host's RAM, so
 * the same device model ({@link VirtioMmio}, {@link VirtioBlock}) serves a bare machine and a VM. Every method refuses
 * (FAULT or false) an address range that is not RAM as this device sees it: a guest's bad descriptor is the guest's
 * error, never the host's exception.
 */
public interface DmaMemory {
    /** True if {@code size} bytes at {@code addr} are all RAM. */
    boolean isRam(int addr, int size);

    /** 1, 2 or 4 bytes, zero-extended, or {@link Bus#FAULT}. */
    long read(int addr, int size);

    boolean write(int addr, int size, int value);

    /** Copies {@code length} bytes of {@code bytes} from {@code from} into memory at {@code addr}. */
    boolean copyIn(int addr, byte[] bytes, int from, int length);

    /** Copies {@code length} bytes of memory at {@code addr} into {@code into} at {@code from}. */
    boolean copyOut(int addr, byte[] into, int from, int length);
}
