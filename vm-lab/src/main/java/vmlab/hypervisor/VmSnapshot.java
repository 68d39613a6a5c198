package vmlab.hypervisor;

import vmlab.filesystem.AtomicFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A paused VM written to a file, and read back: the vCPU (registers, pc, the guest's privilege and supervisor CSRs,
 * the time left on its SBI timer), its console so far and all of its RAM. Shadow page tables are not saved: they are a
 * cache, refilled on demand after the restore.
 *
 * <p>The file: the magic line, a format version, the VM's configuration (RAM size, what it boots, how it runs), the
 * length and CRC-32 of the payload, then the deflated payload. Saves are atomic: the bytes go to a temporary file in the
 * same directory, are forced to the disk, and the file is renamed over the old snapshot, so a crash at any moment leaves
 * either the old snapshot or the new one, never half of one. A truncated or corrupt file, or one made by a VM of another
 * configuration, is refused with a message that says which.
 */
public final class VmSnapshot {
    static final byte[] MAGIC = "VMLAB-SNAPSHOT\n".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    private VmSnapshot() {
    }

    /** What must match between the VM that saved a snapshot and the one that restores it. */
    static String configuration(GuestVm vm) {
        GuestBoot boot = vm.boot();
        return String.format("ram=%d kernel=%s program=%s execution=%s", vm.ramBytes(), boot.kernel().image().name(),
                boot.program() == null ? "-" : boot.program().image().name() + " " + String.join(" ", boot.argv()),
                vm.executionName());
    }

    /** Saves a paused VM to {@code file}, atomically. */
    static void save(GuestVm vm, Path file, long now) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(raw, new Deflater(1)))) {
            Vcpu v = vm.vcpu;
            for (int r : v.x) {
                out.writeInt(r);
            }
            for (int value : new int[] {v.pc, v.mode, v.sstatus, v.stvec, v.sepc, v.scause, v.stval, v.sscratch, v.satp,
                    v.scounteren, v.sie, v.sip}) {
                out.writeInt(value);
            }
            out.writeLong(v.timerDeadline == -1L ? -1L : Math.max(0, v.timerDeadline - now));
            out.writeBoolean(v.waiting);
            byte[] console = vm.console.outputBytes();
            out.writeInt(console.length);
            out.write(console);
            byte[] ram = vm.ram.read(GuestRam.BASE, vm.ramBytes());
            out.writeInt(ram.length);
            out.write(ram);
        }
        byte[] payload = raw.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(whole)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(configuration(vm));
            out.writeLong(payload.length);
            out.writeLong(crc.getValue());
            out.write(payload);
        }
        AtomicFile.write(file, whole.toByteArray());
    }

    /** The parts of a snapshot, checked and decoded, ready to be put into a VM of the same configuration. */
    record Contents(int[] registers, int[] csrs, long timerLeft, boolean waiting, byte[] console, byte[] ram) {
    }

    /** Reads and checks {@code file} against {@code vm}'s configuration. */
    static Contents read(GuestVm vm, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int prefix = Math.min(bytes.length, MAGIC.length);
        if (!java.util.Arrays.equals(bytes, 0, prefix, MAGIC, 0, prefix)) {
            throw new IOException(file + " is not a VM Lab snapshot (its first bytes are not the snapshot magic)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            in.readFully(new byte[MAGIC.length]);
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " is a snapshot of format version " + version + "; this lab reads "
                        + VERSION);
            }
            String saved = in.readUTF();
            String wanted = configuration(vm);
            if (!saved.equals(wanted)) {
                throw new IOException(String.format("%s was saved by a VM of another configuration (%s); VM %s is "
                        + "%s", file, saved, vm.name(), wanted));
            }
            long length = in.readLong();
            long checksum = in.readLong();
            int headerLength = bytes.length - in.available();
            if (length < 0 || bytes.length - headerLength < length) {
                throw new IOException(String.format("%s is truncated: its payload should be %,d bytes, the file has "
                        + "%,d", file, length, bytes.length - headerLength));
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, headerLength, (int) length);
            if (crc.getValue() != checksum) {
                throw new IOException(file + " is corrupt: the payload's CRC-32 does not match the one recorded");
            }
            return decode(new ByteArrayInputStream(bytes, headerLength, (int) length), vm.ramBytes(), file);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: it ends inside its header", e);
        }
    }

    private static Contents decode(ByteArrayInputStream payload, int ramBytes, Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(payload, new Inflater()))) {
            int[] registers = new int[32];
            for (int k = 0; k < 32; k++) {
                registers[k] = in.readInt();
            }
            int[] csrs = new int[12];
            for (int k = 0; k < csrs.length; k++) {
                csrs[k] = in.readInt();
            }
            long timerLeft = in.readLong();
            boolean waiting = in.readBoolean();
            int consoleLength = in.readInt();
            if (consoleLength < 0 || consoleLength > 64 << 20) {
                throw new IOException(file + " is corrupt: a console of " + consoleLength + " bytes");
            }
            byte[] console = in.readNBytes(consoleLength);
            int ramLength = in.readInt();
            if (ramLength != ramBytes) {
                throw new IOException(file + " is corrupt: it holds " + ramLength + " bytes of RAM, not " + ramBytes);
            }
            byte[] ram = in.readNBytes(ramLength);
            if (ram.length != ramLength || console.length != consoleLength) {
                throw new IOException(file + " is truncated inside its payload");
            }
            return new Contents(registers, csrs, timerLeft, waiting, console, ram);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated inside its payload", e);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " is corrupt: its payload does not inflate (" + e.getMessage() + ")", e);
        }
    }

    /** Puts decoded contents into {@code vm} (its memory already reserved), relative to host time {@code now}. */
    static void apply(GuestVm vm, Contents c, long now) {
        Vcpu v = vm.vcpu;
        System.arraycopy(c.registers(), 0, v.x, 0, 32);
        int[] s = c.csrs();
        v.pc = s[0];
        v.mode = s[1] == vmlab.machine.Privilege.USER ? vmlab.machine.Privilege.USER : vmlab.machine.Privilege.SUPERVISOR;
        v.sstatus = s[2];
        v.stvec = s[3];
        v.sepc = s[4];
        v.scause = s[5];
        v.stval = s[6];
        v.sscratch = s[7];
        v.satp = s[8];
        v.scounteren = s[9];
        v.sie = s[10];
        v.sip = s[11];
        v.timerDeadline = c.timerLeft() == -1L ? -1L : now + c.timerLeft();
        v.waiting = c.waiting();
        vm.console = vm.newConsole();
        for (byte b : c.console()) {
            vm.console.write(0, 1, b);
        }
        vm.ram.write(GuestRam.BASE, c.ram(), 0, c.ram().length);
    }
}
