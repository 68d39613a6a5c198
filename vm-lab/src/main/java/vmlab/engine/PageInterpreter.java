package vmlab.engine;

import static vmlab.engine.Predecoder.*;

import vmlab.machine.Bus;
import vmlab.machine.Hart;

/**
 * The fast interpreter's inner loop: runs predecoded instructions inside one code page. Compared with the reference
 * interpreter it skips fetching through the MMU (the page is known), decoding (done once per word), and the page walk
 * of loads and stores (the {@link Tlb} answers in one comparison); anything unusual is delegated, one instruction at a
 * time, to the reference interpreter.
 *
 * <p>The loop is one method with one {@code switch}, kept well under HotSpot's 8000-byte limit for compiled methods
 * (above it a method is never compiled and runs 20 times slower). The retired-instruction counters are kept in a local
 * and written back before anything that could read them (a delegated CSR read, a trap) and on the way out.
 */
final class PageInterpreter {
    private final EngineCache cache;
    private final Hart hart;
    private final byte[] ram;
    private final Tlb tlb;

    PageInterpreter(EngineCache cache) {
        this.cache = cache;
        this.hart = cache.machine.hart;
        this.ram = cache.machine.bus.ram;
        this.tlb = cache.tlb;
    }

    /**
     * Runs from {@code hart.pc}, which must lie in {@code page}, until the page is left, {@code budget} instructions
     * have been attempted, a delegated instruction sets {@code hart.recheck}, or (if {@code oneBlock}) the first
     * control transfer. Returns the instructions attempted.
     */
    int run(CodePage page, int budget, boolean oneBlock) {
        final Hart hart = this.hart;
        final int[] x = hart.x;
        if (x.length != 32) { // never: but it tells HotSpot that x[anything & 31] needs no bounds check
            throw new IllegalStateException("a hart has 32 registers");
        }
        final byte[] ram = this.ram;
        final long[] code = page.code;
        final int[] readTag = tlb.readTag, readDelta = tlb.readDelta, writeTag = tlb.writeTag, writeDelta = tlb.writeDelta;
        final int base = hart.pc & ~0xFFF;
        int i = (hart.pc >>> 2) & 1023;
        int n = 0, counted = 0;
        loop:
        while (n < budget) {
            final long word = code[i];
            final int op = (int) word, imm = (int) (word >> 32);
            switch (op & 0xFF) {
                case ADDI -> { x[rd(op)] = x[rs1(op)] + imm; i++; n++; continue; }
                case ADD -> { x[rd(op)] = x[rs1(op)] + x[rs2(op)]; i++; n++; continue; }
                case LW -> {
                    int va = x[rs1(op)] + imm;
                    int s = (va >>> 12) & Tlb.MASK;
                    if (readTag[s] == ((va + 3) & ~0xFFF)) {
                        x[rd(op)] = (int) Bus.INT.get(ram, va + readDelta[s]);
                        i++; n++; continue;
                    }
                    if (tlb.fillRead(va, 4)) continue;
                }
                case SW -> {
                    int va = x[rs1(op)] + imm;
                    int s = (va >>> 12) & Tlb.MASK;
                    if (writeTag[s] == ((va + 3) & ~0xFFF)) {
                        Bus.INT.set(ram, va + writeDelta[s], x[rs2(op)]);
                        i++; n++; continue;
                    }
                    if (tlb.fillWrite(va, 4)) continue;
                }
                case BEQ -> { n++; i = x[rs1(op)] == x[rs2(op)] ? i + imm : i + 1; if (oneBlock | (i & ~1023) != 0) break loop; continue; }
                case BNE -> { n++; i = x[rs1(op)] != x[rs2(op)] ? i + imm : i + 1; if (oneBlock | (i & ~1023) != 0) break loop; continue; }
                case BLT -> { n++; i = x[rs1(op)] < x[rs2(op)] ? i + imm : i + 1; if (oneBlock | (i & ~1023) != 0) break loop; continue; }
                case BGE -> { n++; i = x[rs1(op)] >= x[rs2(op)] ? i + imm : i + 1; if (oneBlock | (i & ~1023) != 0) break loop; continue; }
                case BLTU -> { n++; i = Integer.compareUnsigned(x[rs1(op)], x[rs2(op)]) < 0 ? i + imm : i + 1; if (oneBlock | (i & ~1023) != 0) break loop; continue; }
                case BGEU -> { n++; i = Integer.compareUnsigned(x[rs1(op)], x[rs2(op)]) >= 0 ? i + imm : i + 1; if (oneBlock | (i & ~1023) != 0) break loop; continue; }
                case JAL -> { x[rd(op)] = base + (i << 2) + 4; n++; i += imm; if (oneBlock | (i & ~1023) != 0) break loop; continue; }
                case J -> { n++; i += imm; if (oneBlock | (i & ~1023) != 0) break loop; continue; }
                case JALR, JR -> {
                    int target = (x[rs1(op)] + imm) & ~1;
                    if ((target & 3) == 0) { // a misaligned target traps: the reference interpreter raises it
                        if ((op & 0xFF) == JALR) x[rd(op)] = base + (i << 2) + 4;
                        n++; i = (target - base) >> 2;
                        if (oneBlock | (i & ~1023) != 0) break loop;
                        continue;
                    }
                }
                case LUI -> { x[rd(op)] = imm; i++; n++; continue; }
                case AUIPC -> { x[rd(op)] = base + (i << 2) + imm; i++; n++; continue; }
                case NOP -> { i++; n++; continue; }
                case LB, LBU -> {
                    int va = x[rs1(op)] + imm;
                    int s = (va >>> 12) & Tlb.MASK;
                    if (readTag[s] == (va & ~0xFFF)) {
                        int b = ram[va + readDelta[s]];
                        x[rd(op)] = (op & 0xFF) == LB ? b : b & 0xFF;
                        i++; n++; continue;
                    }
                    if (tlb.fillRead(va, 1)) continue;
                }
                case LH, LHU -> {
                    int va = x[rs1(op)] + imm;
                    int s = (va >>> 12) & Tlb.MASK;
                    if (readTag[s] == ((va + 1) & ~0xFFF)) {
                        int h = (short) Bus.SHORT.get(ram, va + readDelta[s]);
                        x[rd(op)] = (op & 0xFF) == LH ? h : h & 0xFFFF;
                        i++; n++; continue;
                    }
                    if (tlb.fillRead(va, 2)) continue;
                }
                case SB -> {
                    int va = x[rs1(op)] + imm;
                    int s = (va >>> 12) & Tlb.MASK;
                    if (writeTag[s] == (va & ~0xFFF)) {
                        ram[va + writeDelta[s]] = (byte) x[rs2(op)];
                        i++; n++; continue;
                    }
                    if (tlb.fillWrite(va, 1)) continue;
                }
                case SH -> {
                    int va = x[rs1(op)] + imm;
                    int s = (va >>> 12) & Tlb.MASK;
                    if (writeTag[s] == ((va + 1) & ~0xFFF)) {
                        Bus.SHORT.set(ram, va + writeDelta[s], (short) x[rs2(op)]);
                        i++; n++; continue;
                    }
                    if (tlb.fillWrite(va, 2)) continue;
                }
                case SLTI -> { x[rd(op)] = x[rs1(op)] < imm ? 1 : 0; i++; n++; continue; }
                case SLTIU -> { x[rd(op)] = Integer.compareUnsigned(x[rs1(op)], imm) < 0 ? 1 : 0; i++; n++; continue; }
                case XORI -> { x[rd(op)] = x[rs1(op)] ^ imm; i++; n++; continue; }
                case ORI -> { x[rd(op)] = x[rs1(op)] | imm; i++; n++; continue; }
                case ANDI -> { x[rd(op)] = x[rs1(op)] & imm; i++; n++; continue; }
                case SLLI -> { x[rd(op)] = x[rs1(op)] << imm; i++; n++; continue; }
                case SRLI -> { x[rd(op)] = x[rs1(op)] >>> imm; i++; n++; continue; }
                case SRAI -> { x[rd(op)] = x[rs1(op)] >> imm; i++; n++; continue; }
                case SUB -> { x[rd(op)] = x[rs1(op)] - x[rs2(op)]; i++; n++; continue; }
                case SLL -> { x[rd(op)] = x[rs1(op)] << x[rs2(op)]; i++; n++; continue; }
                case SLT -> { x[rd(op)] = x[rs1(op)] < x[rs2(op)] ? 1 : 0; i++; n++; continue; }
                case SLTU -> { x[rd(op)] = Integer.compareUnsigned(x[rs1(op)], x[rs2(op)]) < 0 ? 1 : 0; i++; n++; continue; }
                case XOR -> { x[rd(op)] = x[rs1(op)] ^ x[rs2(op)]; i++; n++; continue; }
                case SRL -> { x[rd(op)] = x[rs1(op)] >>> x[rs2(op)]; i++; n++; continue; }
                case SRA -> { x[rd(op)] = x[rs1(op)] >> x[rs2(op)]; i++; n++; continue; }
                case OR -> { x[rd(op)] = x[rs1(op)] | x[rs2(op)]; i++; n++; continue; }
                case AND -> { x[rd(op)] = x[rs1(op)] & x[rs2(op)]; i++; n++; continue; }
                case MUL -> { x[rd(op)] = x[rs1(op)] * x[rs2(op)]; i++; n++; continue; }
                case MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU -> {
                    x[rd(op)] = Arithmetic.mulDiv(op & 0xFF, x[rs1(op)], x[rs2(op)]); i++; n++; continue;
                }
                case UNDECODED -> { page.decode(ram, i); continue; }
                case PAGE_END -> { break loop; }
                case FENCE_I -> {
                    n++; i++;
                    cache.fenceI(); // drops this page's decoding too: leave the loop and come back fresh
                    break loop;
                }
                default -> { } // DELEGATE: below
            }
            // Delegated: a DELEGATE word, or a load or store the TLB cannot serve (fault, device, watched page).
            hart.pc = base + (i << 2);
            long own = n - counted;
            hart.mcycle += own;
            hart.minstret += own;
            SlicedEngine.delegate(cache);
            n++;
            counted = n;
            i = (hart.pc - base) >> 2;
            if (hart.recheck | oneBlock | (i & ~1023) != 0 | cache.waitingForever) {
                break;
            }
        }
        long own = n - counted;
        hart.mcycle += own;
        hart.minstret += own;
        hart.pc = base + (i << 2);
        return n;
    }
}
