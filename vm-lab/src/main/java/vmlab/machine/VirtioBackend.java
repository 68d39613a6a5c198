package vmlab.machine;

import java.util.List;

/** What a virtio device is behind its {@link VirtioMmio} transport: its ID, features, configuration and requests. */
public interface VirtioBackend {
    String name();

    /** The virtio device ID: 2 = block, 3 = console. */
    int deviceId();

    /** Device feature bits beyond VIRTIO_F_VERSION_1, which the transport adds. */
    long features();

    int queueCount();

    /** A read of the device-specific configuration space; out-of-range offsets read as zero. */
    long readConfig(int offset, int size);

    /** A write to the configuration space; most devices ignore them. */
    default boolean writeConfig(int offset, int size, int value) {
        return true;
    }

    /**
     * Serves one request chain, whose buffers all lie in RAM (the transport checked): reads what the driver wrote, writes
     * the answer, and returns how many bytes it wrote.
     */
    int serve(List<Virtqueue.Buffer> chain);
}
