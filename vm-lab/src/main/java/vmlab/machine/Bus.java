package vmlab.machine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical address space: RAM plus memory-mapped devices; every other address is a hole and faults.
 *
 * <p>RAM is one {@code byte[]} read through little-endian {@link VarHandle}s, so a misaligned word is one access, as on
 * hardware that supports it. The RAM test is a single unsigned comparison ({@code addr - ramBase} against the size), which
 * keeps the common path short for the interpreters and easy to inline for generated code; devices are searched only when
 * it fails.
 */
public final class Bus implements DmaMemory {
    /** What a read of a hole or a missing register returns. Real values are zero-extended, so never negative. */
    public static final long FAULT = -1L;

    public static final int RAM_BASE = 0x8000_0000;

    public static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    public final byte[] ram;
    public final int ramBase;
    public final int ramSize;
    private final List<Device> devices = new ArrayList<>();
    private Device[] deviceArray = new Device[0];

    /** Written by MMIO stores so that engines look at interrupts again (a CLINT write may raise or lower one). */
    private Hart hart;

    /** One flag per RAM page: nonzero where the {@link RamWatcher} keeps something derived from the bytes. */
    private final byte[] watchedPages;
    private RamWatcher watcher;

    public Bus(int ramBase, int ramSize) {
        if (ramSize <= 0 || (ramSize & 4095) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4096 bytes, not " + ramSize);
        }
        this.ram = new byte[ramSize];
        this.ramBase = ramBase;
        this.ramSize = ramSize;
        this.watchedPages = new byte[ramSize >>> 12];
    }

    void attachHart(Hart hart) {
        this.hart = hart;
    }

    public void attach(Device device) {
        for (Device d : devices) {
            long aStart = d.base() & 0xFFFF_FFFFL, bStart = device.base() & 0xFFFF_FFFFL;
            if (aStart < bStart + device.size() && bStart < aStart + d.size()) {
                throw new IllegalArgumentException(device.name() + " overlaps " + d.name());
            }
        }
        devices.add(device);
        deviceArray = devices.toArray(new Device[0]);
    }

    public List<Device> devices() {
        return List.copyOf(devices);
    }

    /** True if {@code size} bytes at {@code addr} are all RAM. */
    public boolean isRam(int addr, int size) {
        int offset = addr - ramBase;
        return size >= 0 && size <= ramSize && Integer.compareUnsigned(offset, ramSize - size) <= 0;
    }

    /** A physical read of 1, 2 or 4 bytes: the value zero-extended, or {@link #FAULT}. */
    public long read(int addr, int size) {
        int offset = addr - ramBase;
        if (Integer.compareUnsigned(offset, ramSize - size) <= 0) {
            return switch (size) {
                case 4 -> (int) INT.get(ram, offset) & 0xFFFF_FFFFL;
                case 2 -> (short) SHORT.get(ram, offset) & 0xFFFFL;
                default -> ram[offset] & 0xFFL;
            };
        }
        Device device = deviceAt(addr, size);
        return device == null ? FAULT : device.read(addr - device.base(), size);
    }

    /** A physical write of the low {@code size} bytes of {@code value}; false if nothing is there. */
    public boolean write(int addr, int size, int value) {
        int offset = addr - ramBase;
        if (Integer.compareUnsigned(offset, ramSize - size) <= 0) {
            switch (size) {
                case 4 -> INT.set(ram, offset, value);
                case 2 -> SHORT.set(ram, offset, (short) value);
                default -> ram[offset] = (byte) value;
            }
            if (watchedPages[offset >>> 12] != 0 || watchedPages[(offset + size - 1) >>> 12] != 0) {
                watcher.ramWritten(offset, size);
            }
            return true;
        }
        Device device = deviceAt(addr, size);
        if (device == null) {
            return false;
        }
        if (hart != null) {
            hart.recheck = true;
        }
        return device.write(addr - device.base(), size, value);
    }

    private Device deviceAt(int addr, int size) {
        long a = addr & 0xFFFF_FFFFL;
        for (Device d : deviceArray) {
            long base = d.base() & 0xFFFF_FFFFL;
            if (a >= base && a + size <= base + d.size()) {
                return d;
            }
        }
        return null;
    }

    /** Copies host bytes into RAM (loading a program, DMA); false if any byte falls outside RAM. */
    public boolean copyIn(int addr, byte[] bytes, int from, int length) {
        if (length == 0) {
            return true;
        }
        if (!isRam(addr, length)) {
            return false;
        }
        System.arraycopy(bytes, from, ram, addr - ramBase, length);
        written(addr - ramBase, length);
        return true;
    }

    /** Fills RAM with zeros (fresh frames, a program's .bss); false if any byte falls outside RAM. */
    public boolean zero(int addr, int length) {
        if (length == 0) {
            return true;
        }
        if (!isRam(addr, length)) {
            return false;
        }
        java.util.Arrays.fill(ram, addr - ramBase, addr - ramBase + length, (byte) 0);
        written(addr - ramBase, length);
        return true;
    }

    // ---- watched pages: how writes reach the fast engines' caches -------------------------------------------------

    /** Installs the one watcher of this bus (null removes it and forgets every watched page). */
    public void setRamWatcher(RamWatcher watcher) {
        this.watcher = watcher;
        java.util.Arrays.fill(watchedPages, (byte) 0);
    }

    public RamWatcher ramWatcher() {
        return watcher;
    }

    /** Asks for writes to RAM page {@code page} (RAM offset >>> 12) to be reported to the watcher. */
    public void watchPage(int page) {
        if (watcher != null) {
            watchedPages[page] = 1;
        }
    }

    public boolean isWatched(int page) {
        return watchedPages[page] != 0;
    }

    private void written(int offset, int length) {
        if (watcher == null) {
            return;
        }
        for (int page = offset >>> 12; page <= (offset + length - 1) >>> 12; page++) {
            if (watchedPages[page] != 0) {
                watcher.ramWritten(offset, length);
                return;
            }
        }
    }

    /** Copies RAM out to host bytes; false if any byte falls outside RAM. */
    public boolean copyOut(int addr, byte[] into, int from, int length) {
        if (length == 0) {
            return true;
        }
        if (!isRam(addr, length)) {
            return false;
        }
        System.arraycopy(ram, addr - ramBase, into, from, length);
        return true;
    }
}
