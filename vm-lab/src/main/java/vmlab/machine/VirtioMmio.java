package vmlab.machine;

/**
 * A virtio-mmio transport, version 2 (virtio 1.2, section 4.2.2), as QEMU's {@code virt} board has eight of them at
 * 0x1000_1000 + n * 0x1000 with PLIC sources 1 + n. The transport owns the registers every virtio device shares (magic,
 * features, status, queue set-up, interrupt status); a {@link VirtioBackend} says what the device is and serves its queues.
 * A slot with no backend reads as device ID 0, "nothing here", as QEMU's empty slots do.
 *
 * <p>A notify does not run the device inside the guest's store: the backend's work is an event on the machine's clock
 * ({@link DeviceEvents}) a fixed number of cycles later, when it completes the requests, fills the used ring and raises
 * the interrupt. A queue the guest has set up wrongly (descriptors outside RAM, a chain that loops) is the guest's fault:
 * the device sets DEVICE_NEEDS_RESET in its status and raises a configuration-change interrupt, as the spec allows.
 */
public final class VirtioMmio implements Device {
    public static final int FIRST_BASE = 0x1000_1000, SLOTS = 8, FIRST_IRQ = 1;
    public static final int MAGIC = 0x7472_6976; // "virt"
    public static final int VENDOR = 0x554D_4551; // "QEMU", so that drivers written for QEMU recognise it
    /** Simulated cycles between a notify and the device's completion: an assumed constant, like a fast disk's latency. */
    public static final int COMPLETION_CYCLES = 2000;
    public static final int QUEUE_SIZE_MAX = 256;
    public static final int STATUS_FEATURES_OK = 8, STATUS_DEVICE_NEEDS_RESET = 64;
    public static final long VIRTIO_F_VERSION_1 = 1L << 32;

    private final int base;
    private final VirtioBackend backend;
    private final DeviceEvents events;
    private final IrqLine irq;
    private final Virtqueue[] queues;

    private int deviceFeaturesSelect, driverFeaturesSelect, queueSelect, status, interruptStatus, configGeneration;
    private long driverFeatures;
    private boolean completionScheduled;
    private long notifies, completions;

    /** The transport in slot {@code slot} (0..7), DMA through {@code bus}; {@code backend} null for an empty slot. */
    public VirtioMmio(int slot, DmaMemory bus, DeviceEvents events, IrqLine irq, VirtioBackend backend) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("virtio-mmio slot " + slot + " does not exist (0.." + (SLOTS - 1) + ")");
        }
        this.base = FIRST_BASE + slot * 0x1000;
        this.backend = backend;
        this.events = events;
        this.irq = irq;
        int count = backend == null ? 0 : backend.queueCount();
        this.queues = new Virtqueue[count];
        for (int q = 0; q < count; q++) {
            queues[q] = new Virtqueue(bus);
        }
    }

    public VirtioBackend backend() {
        return backend;
    }

    /** Notifies the guest has written, and batches of requests the device completed (exits per KiB, for lesson 05). */
    public long notifies() {
        return notifies;
    }

    public long completions() {
        return completions;
    }

    public int status() {
        return status;
    }

    @Override
    public String name() {
        return "virtio-mmio@" + Integer.toHexString(base) + (backend == null ? "" : " (" + backend.name() + ")");
    }

    @Override
    public int base() {
        return base;
    }

    @Override
    public int size() {
        return 0x1000;
    }

    private long deviceFeatures() {
        return backend == null ? 0 : backend.features() | VIRTIO_F_VERSION_1;
    }

    private Virtqueue selected() {
        return Integer.compareUnsigned(queueSelect, queues.length) < 0 ? queues[queueSelect] : null;
    }

    @Override
    public long read(int offset, int size) {
        if (offset >= 0x100) {
            return backend == null ? 0 : backend.readConfig(offset - 0x100, size);
        }
        if (size != 4 || (offset & 3) != 0) {
            return Bus.FAULT;
        }
        Virtqueue q = selected();
        long value = switch (offset) {
            case 0x000 -> MAGIC;
            case 0x004 -> 2;
            case 0x008 -> backend == null ? 0 : backend.deviceId();
            case 0x00C -> VENDOR;
            case 0x010 -> Integer.compareUnsigned(deviceFeaturesSelect, 1) > 0 ? 0 : deviceFeatures() >>> (32 * deviceFeaturesSelect);
            case 0x034 -> q == null ? 0 : QUEUE_SIZE_MAX;
            case 0x044 -> q != null && q.ready ? 1 : 0;
            case 0x060 -> interruptStatus;
            case 0x070 -> status;
            case 0x0FC -> configGeneration;
            default -> 0; // write-only and reserved registers read as zero
        };
        return value & 0xFFFF_FFFFL;
    }

    @Override
    public boolean write(int offset, int size, int value) {
        if (offset >= 0x100) {
            return backend == null || backend.writeConfig(offset - 0x100, size, value);
        }
        if (size != 4 || (offset & 3) != 0) {
            return false;
        }
        Virtqueue q = selected();
        long v = value & 0xFFFF_FFFFL;
        switch (offset) {
            case 0x014 -> deviceFeaturesSelect = value;
            case 0x020 -> {
                if (Integer.compareUnsigned(driverFeaturesSelect, 1) <= 0) {
                    long mask = 0xFFFF_FFFFL << (32 * driverFeaturesSelect);
                    driverFeatures = (driverFeatures & ~mask) | (v << (32 * driverFeaturesSelect));
                }
            }
            case 0x024 -> driverFeaturesSelect = value;
            case 0x030 -> queueSelect = value;
            case 0x038 -> {
                if (q != null) {
                    q.size = value;
                }
            }
            case 0x044 -> {
                if (q != null) {
                    q.ready = (value & 1) != 0;
                }
            }
            case 0x050 -> notify(value);
            case 0x064 -> {
                interruptStatus &= ~value;
                updateIrq();
            }
            case 0x070 -> writeStatus(value);
            case 0x080 -> setLow(q, 0, v);
            case 0x084 -> setHigh(q, 0, v);
            case 0x090 -> setLow(q, 1, v);
            case 0x094 -> setHigh(q, 1, v);
            case 0x0A0 -> setLow(q, 2, v);
            case 0x0A4 -> setHigh(q, 2, v);
            default -> { } // read-only and reserved registers ignore writes, as QEMU's do
        }
        return true;
    }

    private static void setLow(Virtqueue q, int which, long v) {
        if (q != null) {
            q.addresses[which] = (q.addresses[which] & 0xFFFF_FFFF_0000_0000L) | v;
        }
    }

    private static void setHigh(Virtqueue q, int which, long v) {
        if (q != null) {
            q.addresses[which] = (q.addresses[which] & 0xFFFF_FFFFL) | v << 32;
        }
    }

    private void writeStatus(int value) {
        if (value == 0) {
            reset();
            return;
        }
        if ((value & STATUS_FEATURES_OK) != 0 && (driverFeatures & ~deviceFeatures()) != 0) {
            value &= ~STATUS_FEATURES_OK; // the driver asked for a feature the device does not offer
        }
        status = value & 0xFF | (status & STATUS_DEVICE_NEEDS_RESET);
    }

    private void reset() {
        status = interruptStatus = 0;
        driverFeatures = 0;
        deviceFeaturesSelect = driverFeaturesSelect = queueSelect = 0;
        for (Virtqueue q : queues) {
            q.reset();
        }
        updateIrq();
    }

    private void notify(int queue) {
        notifies++;
        if (queue < 0 || queue >= queues.length || completionScheduled) {
            return;
        }
        completionScheduled = true;
        events.after(COMPLETION_CYCLES, this::complete);
    }

    /** The event: serve every queue's new requests, then interrupt once if any were used. */
    private void complete() {
        completionScheduled = false;
        if ((status & STATUS_DEVICE_NEEDS_RESET) != 0) {
            return;
        }
        boolean used = false;
        for (int n = 0; n < queues.length; n++) {
            Virtqueue q = queues[n];
            if (!q.ready) {
                continue;
            }
            try {
                used |= q.serve(chain -> backend.serve(chain));
            } catch (Virtqueue.BrokenQueueException e) {
                status |= STATUS_DEVICE_NEEDS_RESET;
                interruptStatus |= 2; // configuration change: the driver looks at the status and resets
                configGeneration++;
                lastError = e.getMessage();
                break;
            }
        }
        if (used) {
            completions++;
            interruptStatus |= 1;
        }
        updateIrq();
    }

    private String lastError;

    /** Why the device last gave up on a queue (DEVICE_NEEDS_RESET), or null. */
    public String lastError() {
        return lastError;
    }

    private void updateIrq() {
        irq.set(interruptStatus != 0);
    }
}
