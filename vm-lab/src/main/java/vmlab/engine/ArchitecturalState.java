package vmlab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vmlab.machine.Hart;
import vmlab.machine.Machine;

/**
 * Everything an instruction can see or change, copied out of a machine so that two machines can be compared: registers,
 * pc, privilege, CSRs, counters, LR/SC reservation, exit state, traps and system calls counted. RAM is compared in place
 * (see {@link #ramDifference}), because copying megabytes at every block boundary would be the whole cost.
 */
public record ArchitecturalState(int[] x, int pc, int privilege, int[] csrs, long mcycle, long minstret, long mtime,
                                 int reservation, boolean reservationValid, boolean exited, int exitCode,
                                 Map<String, Long> traps, Map<Integer, Long> syscalls) {

    private static final String[] CSR_NAMES = {"mstatus", "mtvec", "stvec", "medeleg", "mideleg", "mie", "mip", "mepc",
            "sepc", "mcause", "scause", "mtval", "stval", "mscratch", "sscratch", "satp", "mcounteren", "scounteren",
            "V", "mstatush", "hstatus", "hedeleg", "hideleg", "hgatp", "htval", "vsstatus", "vstvec", "vsepc", "vscause",
            "vstval", "vsscratch", "vsatp", "mtval2"};

    public static ArchitecturalState of(Machine m) {
        Hart h = m.hart;
        int[] csrs = {h.mstatus, h.mtvec, h.stvec, h.medeleg, h.mideleg, h.mie, h.mip, h.mepc, h.sepc, h.mcause, h.scause,
                h.mtval, h.stval, h.mscratch, h.sscratch, h.satp, h.mcounteren, h.scounteren,
                h.virt ? 1 : 0, h.mstatush, h.hstatus, h.hedeleg, h.hideleg, h.hgatp, h.htval, h.vsstatus, h.vstvec, h.vsepc,
                h.vscause, h.vstval, h.vsscratch, h.vsatp, h.mtval2};
        return new ArchitecturalState(h.x.clone(), h.pc, h.privilege, csrs, h.mcycle, h.minstret, m.clint.mtime(),
                h.reservation, h.reservationValid, m.exited(), m.exitCode(), m.counters.trapsByCause(),
                m.counters.syscallsByNumber());
    }

    /** What differs, one phrase each ("x5 0x00000003 vs 0x00000004"); empty if nothing does. */
    public List<String> differences(ArchitecturalState other) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < 32; r++) {
            if (x[r] != other.x[r]) {
                out.add(String.format("x%d (%s) 0x%08x vs 0x%08x", r, Hart.ABI_NAMES[r], x[r], other.x[r]));
            }
        }
        if (pc != other.pc) out.add(String.format("pc 0x%08x vs 0x%08x", pc, other.pc));
        if (privilege != other.privilege) out.add("privilege " + privilege + " vs " + other.privilege);
        for (int k = 0; k < csrs.length; k++) {
            if (csrs[k] != other.csrs[k]) {
                out.add(String.format("%s 0x%08x vs 0x%08x", CSR_NAMES[k], csrs[k], other.csrs[k]));
            }
        }
        if (mcycle != other.mcycle) out.add("mcycle " + mcycle + " vs " + other.mcycle);
        if (minstret != other.minstret) out.add("minstret " + minstret + " vs " + other.minstret);
        if (mtime != other.mtime) out.add("mtime " + mtime + " vs " + other.mtime);
        if (reservationValid != other.reservationValid || reservationValid && reservation != other.reservation) {
            out.add("LR/SC reservation differs");
        }
        if (exited != other.exited || exitCode != other.exitCode) {
            out.add("exit " + (exited ? exitCode : "none") + " vs " + (other.exited ? other.exitCode : "none"));
        }
        if (!traps.equals(other.traps)) out.add("traps " + traps + " vs " + other.traps);
        if (!syscalls.equals(other.syscalls)) out.add("system calls " + syscalls + " vs " + other.syscalls);
        return out;
    }

    /** The first RAM byte that differs between two machines, as a phrase, or null if RAM is equal. */
    public static String ramDifference(Machine a, Machine b) {
        int at = java.util.Arrays.mismatch(a.bus.ram, b.bus.ram);
        if (at < 0) {
            return null;
        }
        return String.format("RAM at physical 0x%08x: 0x%02x vs 0x%02x", a.bus.ramBase + at, a.bus.ram[at] & 0xFF,
                b.bus.ram[at] & 0xFF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchitecturalState s && differences(s).isEmpty();
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(x) * 31 + pc;
    }
}
