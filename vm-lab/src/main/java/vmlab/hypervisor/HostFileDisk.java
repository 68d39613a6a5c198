package vmlab.hypervisor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import vmlab.machine.DmaMemory;
import vmlab.machine.VirtioBackend;
import vmlab.machine.VirtioBlock;
import vmlab.machine.Virtqueue;

/**
 * A Type-2 VM's virtio disk: the requests are the platform's {@link VirtioBlock}'s, but the sectors live in a file of
 * the host OS, and the VMM process reaches them only through the host kernel's system calls. Every read request is an
 * {@code _llseek} and {@code read}s into the VMM's buffer before the data goes to the guest; every write request is the
 * guest's data going out through {@code _llseek} and {@code write}s. (A Type-1 monitor owns the disk and copies sectors
 * itself.) The {@link VirtioBlock} here holds the sectors in transit, not the disk.
 */
final class HostFileDisk implements VirtioBackend {
    private final HostedVmm vmm;
    private final DmaMemory guest;
    private VirtioBlock block;

    HostFileDisk(HostedVmm vmm, DmaMemory guest) {
        this.vmm = vmm;
        this.guest = guest;
    }

    /** The request engine once the guest has used the disk, else null. */
    VirtioBlock opened() {
        return block;
    }

    /** The request engine (its counters: reads, writes, bytes); sized from the host file when first needed. */
    VirtioBlock block() {
        if (block == null) {
            block = new VirtioBlock(guest, (int) (vmm.diskBytes() / VirtioBlock.SECTOR));
        }
        return block;
    }

    @Override
    public String name() {
        return "virtio-blk (host file)";
    }

    @Override
    public int deviceId() {
        return 2;
    }

    @Override
    public long features() {
        return block().features();
    }

    @Override
    public int queueCount() {
        return 1;
    }

    @Override
    public long readConfig(int offset, int size) {
        return block().readConfig(offset, size);
    }

    @Override
    public int serve(List<Virtqueue.Buffer> chain) {
        VirtioBlock b = block();
        Virtqueue.Buffer first = chain.get(0);
        byte[] header = new byte[16];
        if (first.deviceWrites() || first.length() < 16 || !guest.copyOut(first.address(), header, 0, 16)) {
            return b.serve(chain); // no header where it belongs: the block device answers as it always does
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int type = h.getInt(0);
        long offset = h.getLong(8) * VirtioBlock.SECTOR;
        long data = 0;
        for (Virtqueue.Buffer buffer : chain) {
            data += buffer.length();
        }
        data -= 16 + 1; // the header and the status byte
        boolean inRange = offset >= 0 && data >= 0 && offset + data <= b.disk().length;
        if (type == VirtioBlock.T_IN && inRange) {
            vmm.readHostFile(offset, b.disk(), (int) offset, (int) data); // the host file, then the guest
        }
        long writtenBefore = b.bytesWritten();
        int answered = b.serve(chain);
        if (type == VirtioBlock.T_OUT && inRange && b.bytesWritten() != writtenBefore) {
            vmm.writeHostFile(offset, b.disk(), (int) offset, (int) data); // the guest's data, out to the host file
        }
        return answered;
    }
}
