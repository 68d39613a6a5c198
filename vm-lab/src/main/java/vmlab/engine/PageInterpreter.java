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
 * <p>The hot loop is shaped for HotSpot's C2 compiler; each point below was measured (docs/engines.md):
 * <ul>
 *   <li>It is a method of its own, {@link #fastPath}, that calls nothing it does not inline. C2 keeps no register
 *       across a call, so a single call anywhere in the loop (decoding a word, filling the TLB, delegating) made it keep
 *       the loop's variables on the stack for every instruction. Whatever needs a call returns to {@link #run}, which
 *       does it and enters the fast path again.</li>
 *   <li>It works on a private copy of the 32 registers, allocated in the method: C2 then knows the array's length and
 *       drops the bounds check of every register access. Copying 128 bytes in and out costs less than one check per
 *       access.</li>
 *   <li>Instructions are counted per straight line, not one by one. The loop keeps {@code end}, the word index at
 *       which the budget runs out if control goes straight on: an instruction costs one {@code i++} and one
 *       comparison, and only a taken control transfer moves {@code end}. The count is {@code budget - end + i}.</li>
 *   <li>Rare words (undecoded, delegated, page end, fence.i) share the switch's default: the switch has no case that
 *       needs a call.</li>
 *   <li>It keeps few values for the whole loop: C2 has about a dozen machine registers for them, and once the values
 *       outnumber the registers it stores and reloads several of them on every instruction. So the TLB is one array
 *       ({@link Tlb#data}, not four), and the page address, the exit index and the budget stay outside.</li>
 *   <li>Each machine that runs long gets its own copy of this class ({@link PrivateInterpreter}), so the profile C2
 *       compiles the loop from is its program's alone.</li>
 *   <li>It stays well under HotSpot's 8000-byte limit for compiled methods (above it a method is never compiled and
 *       runs 20 times slower).</li>
 * </ul>
 */
final class PageInterpreter implements PageRunner {
    /** Budgets are capped so that {@code budget + index} cannot overflow; the caller simply calls again. */
    private static final int MAX_BUDGET = 1 << 30;

    private final EngineCache cache;
    private final Hart hart;
    private final byte[] ram;
    private final Tlb tlb;
    /** Set by {@link #fastPath}: it stopped after a control transfer that leaves the page (or the block). */
    private boolean transferred;
    /**
     * The page's address, and the word index at or above which (unsigned) a control transfer leaves: the page's end, or
     * 0 to leave at every one. Fields, not parameters, for the same reason as the return value of {@link #fastPath}.
     */
    private int base, exitIndex;

    PageInterpreter(EngineCache cache) {
        this.cache = cache;
        this.hart = cache.machine.hart;
        this.ram = cache.machine.bus.ram;
        this.tlb = cache.tlb;
    }

    @Override
    public int run(CodePage page, int budget, boolean oneBlock) {
        final Hart hart = this.hart;
        final int base = hart.pc & ~0xFFF;
        // A control transfer to a word index at or above this (unsigned) leaves: the page's end, or every one.
        final int exitIndex = oneBlock ? 0 : CodePage.WORDS;
        this.base = base;
        this.exitIndex = exitIndex;
        int n = 0;
        while (n < budget) {
            int slice = Math.min(budget - n, MAX_BUDGET);
            int ran = slice + fastPath(page.code, slice);
            n += ran;
            hart.mcycle += ran;
            hart.minstret += ran;
            if (transferred || n == budget) {
                break;
            }
            // The instruction at hart.pc needs a call. Most of them come back to the fast path at once.
            int i = (hart.pc - base) >> 2;
            long word = page.code[i];
            int op = (int) word, kind = op & 0xFF;
            int[] x = hart.x;
            switch (kind) {
                case UNDECODED -> { page.decode(ram, i); continue; }
                case PAGE_END -> { return n; }
                case FENCE_I -> {
                    n++;
                    hart.mcycle++;
                    hart.minstret++;
                    hart.pc += 4;
                    cache.fenceI(); // drops this page's decoding too: leave and come back fresh
                    return n;
                }
                case LB, LBU, LH, LHU, LW -> {
                    if (tlb.fillRead(x[rs1(op)] + (int) (word >> 32), accessSize(kind))) continue;
                }
                case SB, SH, SW -> {
                    if (tlb.fillWrite(x[rs1(op)] + (int) (word >> 32), accessSize(kind))) continue;
                }
                default -> { } // DELEGATE, a jump to a misaligned target: below
            }
            // Delegated: a DELEGATE word, or a load or store the TLB cannot serve (fault, device, watched page).
            SlicedEngine.delegate(cache);
            n++;
            if (hart.recheck | oneBlock | (hart.pc & ~0xFFF) != base | cache.waitingForever) {
                break;
            }
        }
        return n;
    }

    /**
     * The hot loop: runs from {@code hart.pc} while instructions take their fast path, at most {@code budget} of them.
     * Leaves {@code hart.pc} at the next instruction and {@link #transferred} true if it stopped at a control transfer
     * that leaves (out of the page, or any with {@code exitIndex} 0); false if it stopped before an instruction that
     * needs the slow path, or because the budget is spent.
     *
     * <p>Returns the instructions it ran less {@code budget}, a number at most 0; the caller adds the budget back and
     * counts them. Every value kept until the loop ends takes one of the few registers C2 has for the loop, so the loop
     * keeps only the ones it needs on every instruction; the budget, the page address and the exit index were
     * measurably worth taking out (docs/engines.md).
     */
    private int fastPath(long[] code, int budget) {
        final int[] x = new int[32];
        System.arraycopy(hart.x, 0, x, 0, 32);
        final byte[] ram = this.ram;
        final int[] tlb = this.tlb.data;
        int i = (hart.pc >>> 2) & 1023;
        int end = budget + i; // instructions run so far: budget - end + i
        transferred = false;
        run:
        while (i < end) {
            final long word = code[i];
            final int op = (int) word, imm = (int) (word >> 32);
            switch (op & 0xFF) {
                case ADDI -> { x[rd(op)] = x[rs1(op)] + imm; i++; continue; }
                case ADD -> { x[rd(op)] = x[rs1(op)] + x[rs2(op)]; i++; continue; }
                case LW -> {
                    int va = x[rs1(op)] + imm;
                    int s = Tlb.dataSlot(va);
                    if (tlb[s] != ((va + 3) & ~0xFFF)) break run;
                    x[rd(op)] = (int) Bus.INT.get(ram, va + tlb[s + Tlb.READ_DELTA]);
                    i++; continue;
                }
                case SW -> {
                    int va = x[rs1(op)] + imm;
                    int s = Tlb.dataSlot(va);
                    if (tlb[s + Tlb.WRITE_TAG] != ((va + 3) & ~0xFFF)) break run;
                    Bus.INT.set(ram, va + tlb[s + Tlb.WRITE_DELTA], x[rs2(op)]);
                    i++; continue;
                }
                // A taken branch moves end by as much as i moves, less the one instruction it counts.
                case BEQ -> { if (x[rs1(op)] == x[rs2(op)]) { i += imm; end += imm - 1; } else i++; }
                case BNE -> { if (x[rs1(op)] != x[rs2(op)]) { i += imm; end += imm - 1; } else i++; }
                case BLT -> { if (x[rs1(op)] < x[rs2(op)]) { i += imm; end += imm - 1; } else i++; }
                case BGE -> { if (x[rs1(op)] >= x[rs2(op)]) { i += imm; end += imm - 1; } else i++; }
                case BLTU -> { if (Integer.compareUnsigned(x[rs1(op)], x[rs2(op)]) < 0) { i += imm; end += imm - 1; } else i++; }
                case BGEU -> { if (Integer.compareUnsigned(x[rs1(op)], x[rs2(op)]) >= 0) { i += imm; end += imm - 1; } else i++; }
                case JAL -> { x[rd(op)] = base + (i << 2) + 4; i += imm; end += imm - 1; }
                case J -> { i += imm; end += imm - 1; }
                case JALR, JR -> {
                    int target = (x[rs1(op)] + imm) & ~1;
                    if ((target & 3) != 0) break run; // a misaligned target traps: the slow path delegates it
                    if ((op & 0xFF) == JALR) x[rd(op)] = base + (i << 2) + 4;
                    int next = (target - base) >> 2; // far outside the page if the target is: the loop is left
                    end += next - i - 1;
                    i = next;
                }
                case LUI -> { x[rd(op)] = imm; i++; continue; }
                case AUIPC -> { x[rd(op)] = base + (i << 2) + imm; i++; continue; }
                case NOP -> { i++; continue; }
                case LB, LBU -> {
                    int va = x[rs1(op)] + imm;
                    int s = Tlb.dataSlot(va);
                    if (tlb[s] != (va & ~0xFFF)) break run;
                    int b = ram[va + tlb[s + Tlb.READ_DELTA]];
                    x[rd(op)] = (op & 0xFF) == LB ? b : b & 0xFF;
                    i++; continue;
                }
                case LH, LHU -> {
                    int va = x[rs1(op)] + imm;
                    int s = Tlb.dataSlot(va);
                    if (tlb[s] != ((va + 1) & ~0xFFF)) break run;
                    int h = (short) Bus.SHORT.get(ram, va + tlb[s + Tlb.READ_DELTA]);
                    x[rd(op)] = (op & 0xFF) == LH ? h : h & 0xFFFF;
                    i++; continue;
                }
                case SB -> {
                    int va = x[rs1(op)] + imm;
                    int s = Tlb.dataSlot(va);
                    if (tlb[s + Tlb.WRITE_TAG] != (va & ~0xFFF)) break run;
                    ram[va + tlb[s + Tlb.WRITE_DELTA]] = (byte) x[rs2(op)];
                    i++; continue;
                }
                case SH -> {
                    int va = x[rs1(op)] + imm;
                    int s = Tlb.dataSlot(va);
                    if (tlb[s + Tlb.WRITE_TAG] != ((va + 1) & ~0xFFF)) break run;
                    Bus.SHORT.set(ram, va + tlb[s + Tlb.WRITE_DELTA], (short) x[rs2(op)]);
                    i++; continue;
                }
                case SLTI -> { x[rd(op)] = x[rs1(op)] < imm ? 1 : 0; i++; continue; }
                case SLTIU -> { x[rd(op)] = Integer.compareUnsigned(x[rs1(op)], imm) < 0 ? 1 : 0; i++; continue; }
                case XORI -> { x[rd(op)] = x[rs1(op)] ^ imm; i++; continue; }
                case ORI -> { x[rd(op)] = x[rs1(op)] | imm; i++; continue; }
                case ANDI -> { x[rd(op)] = x[rs1(op)] & imm; i++; continue; }
                case SLLI -> { x[rd(op)] = x[rs1(op)] << imm; i++; continue; }
                case SRLI -> { x[rd(op)] = x[rs1(op)] >>> imm; i++; continue; }
                case SRAI -> { x[rd(op)] = x[rs1(op)] >> imm; i++; continue; }
                case SUB -> { x[rd(op)] = x[rs1(op)] - x[rs2(op)]; i++; continue; }
                case SLL -> { x[rd(op)] = x[rs1(op)] << x[rs2(op)]; i++; continue; }
                case SLT -> { x[rd(op)] = x[rs1(op)] < x[rs2(op)] ? 1 : 0; i++; continue; }
                case SLTU -> { x[rd(op)] = Integer.compareUnsigned(x[rs1(op)], x[rs2(op)]) < 0 ? 1 : 0; i++; continue; }
                case XOR -> { x[rd(op)] = x[rs1(op)] ^ x[rs2(op)]; i++; continue; }
                case SRL -> { x[rd(op)] = x[rs1(op)] >>> x[rs2(op)]; i++; continue; }
                case SRA -> { x[rd(op)] = x[rs1(op)] >> x[rs2(op)]; i++; continue; }
                case OR -> { x[rd(op)] = x[rs1(op)] | x[rs2(op)]; i++; continue; }
                case AND -> { x[rd(op)] = x[rs1(op)] & x[rs2(op)]; i++; continue; }
                case MUL -> { x[rd(op)] = x[rs1(op)] * x[rs2(op)]; i++; continue; }
                case MULH -> { x[rd(op)] = Arithmetic.mulh(x[rs1(op)], x[rs2(op)]); i++; continue; }
                case MULHSU -> { x[rd(op)] = Arithmetic.mulhsu(x[rs1(op)], x[rs2(op)]); i++; continue; }
                case MULHU -> { x[rd(op)] = Arithmetic.mulhu(x[rs1(op)], x[rs2(op)]); i++; continue; }
                case DIV -> { x[rd(op)] = Arithmetic.div(x[rs1(op)], x[rs2(op)]); i++; continue; }
                case DIVU -> { x[rd(op)] = Arithmetic.divu(x[rs1(op)], x[rs2(op)]); i++; continue; }
                case REM -> { x[rd(op)] = Arithmetic.rem(x[rs1(op)], x[rs2(op)]); i++; continue; }
                case REMU -> { x[rd(op)] = Arithmetic.remu(x[rs1(op)], x[rs2(op)]); i++; continue; }
                default -> { break run; } // UNDECODED, DELEGATE, PAGE_END, FENCE_I: the slow path
            }
            // Only control transfers get here: leave at the page's end, or after the first one if oneBlock.
            if (Integer.compareUnsigned(i, exitIndex) >= 0) {
                transferred = true;
                break;
            }
        }
        System.arraycopy(x, 0, hart.x, 0, 32);
        hart.pc = base + (i << 2);
        return i - end; // the caller adds the budget, which is not kept in a register for this

    }
}
