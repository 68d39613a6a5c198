package vmlab.engine;

import static org.objectweb.asm.Opcodes.*;
import static vmlab.engine.Predecoder.*;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the JVM bytecode of one {@link Region}: a class extending {@link Translation} whose {@code run} method holds
 * every block of the region, entered at the region's entry, with guest registers in JVM locals (loaded at entry,
 * stored back at the one exit), direct branches and jumps as {@code goto}, and returns into the region as a
 * {@code lookupswitch}.
 *
 * <p>How it stays exact without ever raising a trap itself:
 * <ul>
 * <li>every block starts by taking its length from the budget; if the budget is short it exits before the block, so
 *     the dispatcher's instruction counts (and so mcycle, mtime, timer interrupts) are those of the interpreter;</li>
 * <li>a load or store that misses the TLB (first touch of a page, fault, device, watched page, crossing a page) exits
 *     <em>before</em> that instruction, and the interpreter executes it (filling the TLB). The method calls nothing on
 *     that path: a call there would make HotSpot keep every guest register on the JVM stack, even in the hot loop;</li>
 * <li>a jump to a misaligned target exits before the jump, for the same reason.</li>
 * </ul>
 * HotSpot does not compile methods above 8000 bytes of bytecode, so the caller retries with a smaller region when
 * {@link #codeSize} says the method came out too big.
 */
final class RegionCompiler {
    static final String CLASS_NAME = "vmlab/engine/TranslatedRegion";
    private static final String TRANSLATION = "vmlab/engine/Translation";
    private static final String CONTEXT = "vmlab/engine/BlockContext";
    private static final String ARITHMETIC = "vmlab/engine/Arithmetic";
    private static final String MEMORY = "vmlab/engine/TranslatedMemory";

    // JVM locals of run(context, pc)
    private static final int CTX = 1, PC = 2, X = 3, RAM = 4, RTAG = 5, RDELTA = 6, WTAG = 7, WDELTA = 8, LEFT = 9,
            TARGET = 11, REG0 = 11, // guest register r (1..31) lives in local REG0 + r
            PAGE_AT = REG0 + 32; // a long: where a group of accesses' page is in RAM (see SamePageAccesses)

    private final Region region;
    private final int[] ops, imms;
    private MethodVisitor mv;
    private final Map<Integer, Label> blockLabels = new HashMap<>();
    private final Label exit = new Label();
    /** Where every bail stub goes with its encoded (word, unexecuted) pair on the stack: see {@link #bailBefore}. */
    private final Label bail = new Label();
    /** Block starts a {@code ret} may come back to: the words after the region's calls. */
    private final java.util.SortedSet<Integer> returnSites = new java.util.TreeSet<>();
    private final List<Runnable> outOfLine = new ArrayList<>();
    private final BitSet used = new BitSet(32), written = new BitSet(32);
    private SamePageAccesses groups;
    private int codeSize;

    RegionCompiler(Region region) {
        this.region = region;
        this.ops = new int[CodePage.WORDS + 1];
        this.imms = new int[CodePage.WORDS + 1];
        for (int k = 0; k < CodePage.WORDS; k++) {
            ops[k] = (int) region.page.code[k];
            imms[k] = region.page.imm(k);
        }
    }

    /** Bytecode size of the {@code run} method written by the last {@link #generate}. */
    int codeSize() {
        return codeSize;
    }

    byte[] generate() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, CLASS_NAME, null, TRANSLATION, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, TRANSLATION, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", "(L" + CONTEXT + ";I)I", null, null);
        mv.visitCode();
        findRegisters();
        prologue();
        for (Region.Block block : region.blocks.values()) {
            block(block);
        }
        epilogue();
        for (Runnable stub : outOfLine) {
            stub.run();
        }
        sharedBail();
        Label end = new Label();
        mv.visitLabel(end);
        codeSize = end.getOffset();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private void findRegisters() {
        for (Region.Block b : region.blocks.values()) {
            for (int k = b.start(); k <= b.last(); k++) {
                int op = ops[k], kind = kind(op);
                if (kind == Predecoder.NOP || kind == J) {
                    continue;
                }
                if (kind != LUI && kind != AUIPC && kind != JAL) {
                    used.set(rs1(op));
                }
                if (isBranch(kind) || isStore(kind) || kind >= ADD) {
                    used.set(rs2(op));
                }
                if (!isBranch(kind) && !isStore(kind) && kind != JR) {
                    written.set(rd(op));
                }
            }
        }
        used.or(written);
        used.clear(0);
        written.clear(0);
    }

    private void prologue() {
        loadField("x", "[I", X);
        loadField("ram", "[B", RAM);
        loadField("readTag", "[I", RTAG);
        loadField("readDelta", "[I", RDELTA);
        loadField("writeTag", "[I", WTAG);
        loadField("writeDelta", "[I", WDELTA);
        mv.visitVarInsn(ALOAD, CTX);
        mv.visitFieldInsn(GETFIELD, CONTEXT, "left", "I");
        mv.visitVarInsn(ISTORE, LEFT);
        for (int local : new int[] {TARGET}) {
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, local);
        }
        for (int r = used.nextSetBit(1); r >= 0; r = used.nextSetBit(r + 1)) {
            mv.visitVarInsn(ALOAD, X);
            push(r);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(ISTORE, REG0 + r);
        }
        for (int start : region.blocks.keySet()) {
            blockLabels.put(start, new Label());
        }
        for (Region.Block b : region.blocks.values()) {
            if (kind(ops[b.last()]) == JAL && region.blocks.containsKey(b.last() + 1)) {
                returnSites.add(b.last() + 1);
            }
        }
        // One entry only. Entries into the middle of the region's loops would make those loops irreducible (more than
        // one way in), and HotSpot gives up on irreducible loops: guest registers then live on the JVM stack, not in
        // host registers, and each instruction costs a load and a store more.
        mv.visitJumpInsn(GOTO, blockLabels.get(region.entry));
    }

    /** A lookupswitch on the pc on the stack over these block starts (the return sites of the region's calls). */
    private void dispatch(Label otherwise, java.util.Collection<Integer> starts) {
        int[] keys = starts.stream().mapToInt(region::pc).sorted().toArray();
        Label[] labels = new Label[keys.length];
        for (int k = 0; k < keys.length; k++) {
            labels[k] = blockLabels.get((keys[k] - region.virtualPage) >>> 2);
        }
        mv.visitLookupSwitchInsn(otherwise, keys, labels);
    }

    private void loadField(String name, String descriptor, int local) {
        mv.visitVarInsn(ALOAD, CTX);
        mv.visitFieldInsn(GETFIELD, CONTEXT, name, descriptor);
        mv.visitVarInsn(ASTORE, local);
    }

    private void epilogue() {
        mv.visitLabel(exit);
        for (int r = written.nextSetBit(1); r >= 0; r = written.nextSetBit(r + 1)) {
            mv.visitVarInsn(ALOAD, X);
            push(r);
            mv.visitVarInsn(ILOAD, REG0 + r);
            mv.visitInsn(IASTORE);
        }
        mv.visitVarInsn(ALOAD, CTX);
        mv.visitVarInsn(ILOAD, LEFT);
        mv.visitFieldInsn(PUTFIELD, CONTEXT, "left", "I");
        mv.visitVarInsn(ILOAD, PC);
        mv.visitInsn(IRETURN);
    }

    private void block(Region.Block block) {
        mv.visitLabel(blockLabels.get(block.start()));
        // Pay for the whole block up front; if the budget cannot, stop before it.
        mv.visitIincInsn(LEFT, -block.length());
        mv.visitVarInsn(ILOAD, LEFT);
        mv.visitJumpInsn(IFLT, bailBefore(block.start(), block.length()));
        groups = new SamePageAccesses(ops, imms, block.start(), block.last());
        for (int k = block.start(); k <= block.last(); k++) {
            instruction(k, block.last() - k + 1);
        }
        int kind = kind(ops[block.last()]);
        if (!(isBranch(kind) || kind == JAL || kind == J || kind == JALR || kind == JR)) {
            jumpTo(block.last() + 1); // fell out of the block: next block, or the interpreter's instruction
        }
    }

    /** Continue at word {@code index}: a goto if it starts a block of the region, else leave with that pc. */
    private void jumpTo(int index) {
        Label label = blockLabels.get(index);
        if (label != null) {
            mv.visitJumpInsn(GOTO, label);
        } else {
            exitTo(region.pc(index));
        }
    }

    private void exitTo(int pc) {
        push(pc);
        mv.visitVarInsn(ISTORE, PC);
        mv.visitJumpInsn(GOTO, exit);
    }

    /**
     * An out-of-line exit before word {@code index}, giving back the {@code unexecuted} instructions paid for. Every
     * such stub is just "push the pair, go to the shared bail": six bytes, so regions of load/store-heavy code stay
     * small enough to hold a whole function. The pair is packed as {@code index * 64 + unexecuted - 32768}, which
     * fits a {@code sipush} (index < 1024, unexecuted <= {@link Region#MAX_BLOCK} < 64).
     */
    private Label bailBefore(int index, int unexecuted) {
        Label stub = new Label();
        outOfLine.add(() -> {
            mv.visitLabel(stub);
            push(index * 64 + unexecuted - 32768);
            mv.visitJumpInsn(GOTO, bail);
        });
        return stub;
    }

    /** Unpacks a bail stub's pair: the budget gets back what was paid for, pc = the word's address; then the exit. */
    private void sharedBail() {
        mv.visitLabel(bail);
        mv.visitLdcInsn(32768);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, TARGET);
        mv.visitVarInsn(ILOAD, LEFT);
        mv.visitVarInsn(ILOAD, TARGET);
        mv.visitIntInsn(BIPUSH, 63);
        mv.visitInsn(IAND);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, LEFT);
        push(region.virtualPage);
        mv.visitVarInsn(ILOAD, TARGET);
        mv.visitIntInsn(BIPUSH, 6);
        mv.visitInsn(IUSHR);
        mv.visitInsn(ICONST_2);
        mv.visitInsn(ISHL);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, PC);
        mv.visitJumpInsn(GOTO, exit);
    }

    private void read(int r) {
        if (r == 0) {
            mv.visitInsn(ICONST_0);
        } else {
            mv.visitVarInsn(ILOAD, REG0 + r);
        }
    }

    private void write(int r) {
        mv.visitVarInsn(ISTORE, REG0 + r);
    }

    private void push(int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, value);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    /** Word {@code k}; {@code remaining} counts it and the rest of its block (what a bail gives back). */
    private void instruction(int k, int remaining) {
        int op = ops[k], imm = imms[k], kind = kind(op);
        int rd = rd(op), rs1 = rs1(op), rs2 = rs2(op);
        int pc = region.pc(k);
        switch (kind) {
            case Predecoder.NOP -> { }
            case LUI -> { push(imm); write(rd); }
            case AUIPC -> { push(pc + imm); write(rd); }
            case ADDI -> immediateOp(rs1, imm, IADD, rd);
            case XORI -> immediateOp(rs1, imm, IXOR, rd);
            case ORI -> immediateOp(rs1, imm, IOR, rd);
            case ANDI -> immediateOp(rs1, imm, IAND, rd);
            case SLLI -> immediateOp(rs1, imm, ISHL, rd);
            case SRLI -> immediateOp(rs1, imm, IUSHR, rd);
            case SRAI -> immediateOp(rs1, imm, ISHR, rd);
            case SLTI -> { read(rs1); push(imm); lessThan(false); write(rd); }
            case SLTIU -> { read(rs1); push(imm); lessThan(true); write(rd); }
            case ADD -> registerOp(rs1, rs2, IADD, rd);
            case SUB -> registerOp(rs1, rs2, ISUB, rd);
            case SLL -> registerOp(rs1, rs2, ISHL, rd);
            case SRL -> registerOp(rs1, rs2, IUSHR, rd);
            case SRA -> registerOp(rs1, rs2, ISHR, rd);
            case XOR -> registerOp(rs1, rs2, IXOR, rd);
            case OR -> registerOp(rs1, rs2, IOR, rd);
            case AND -> registerOp(rs1, rs2, IAND, rd);
            case MUL -> registerOp(rs1, rs2, IMUL, rd);
            case SLT -> { read(rs1); read(rs2); lessThan(false); write(rd); }
            case SLTU -> { read(rs1); read(rs2); lessThan(true); write(rd); }
            case MULH -> arithmetic("mulh", rs1, rs2, rd);
            case MULHSU -> arithmetic("mulhsu", rs1, rs2, rd);
            case MULHU -> arithmetic("mulhu", rs1, rs2, rd);
            case DIV -> arithmetic("div", rs1, rs2, rd);
            case DIVU -> arithmetic("divu", rs1, rs2, rd);
            case REM -> arithmetic("rem", rs1, rs2, rd);
            case REMU -> arithmetic("remu", rs1, rs2, rd);
            case LB, LBU, LH, LHU, LW -> load(kind, rs1, imm, rd, k, remaining);
            case SB, SH, SW -> store(kind, rs1, rs2, imm, k, remaining);
            case BEQ, BNE, BLT, BGE, BLTU, BGEU -> branch(kind, rs1, rs2, k, imm);
            case JAL, J -> {
                if (kind == JAL) {
                    push(pc + 4);
                    write(rd);
                }
                jumpTo(k + imm);
            }
            case JALR, JR -> {
                read(rs1);
                push(imm);
                mv.visitInsn(IADD);
                push(-2);
                mv.visitInsn(IAND);
                mv.visitVarInsn(ISTORE, TARGET);
                mv.visitVarInsn(ILOAD, TARGET);
                mv.visitInsn(ICONST_2);
                mv.visitInsn(IAND);
                mv.visitJumpInsn(IFNE, bailBefore(k, remaining)); // misaligned: the interpreter raises it
                if (kind == JALR) {
                    push(pc + 4);
                    write(rd);
                }
                // A return to one of the region's call sites stays inside; any other target leaves (the dispatcher
                // finds it). Switching over return sites only keeps the switch, and the method, small.
                if (!returnSites.isEmpty()) {
                    Label elsewhere = new Label();
                    mv.visitVarInsn(ILOAD, TARGET);
                    dispatch(elsewhere, returnSites);
                    mv.visitLabel(elsewhere);
                }
                mv.visitVarInsn(ILOAD, TARGET);
                mv.visitVarInsn(ISTORE, PC);
                mv.visitJumpInsn(GOTO, exit);
            }
            default -> throw new IllegalStateException("not translatable: kind " + kind + " at " + Integer.toHexString(pc));
        }
    }

    private void immediateOp(int rs1, int imm, int opcode, int rd) {
        read(rs1);
        push(imm);
        mv.visitInsn(opcode);
        write(rd);
    }

    private void registerOp(int rs1, int rs2, int opcode, int rd) {
        read(rs1);
        read(rs2);
        mv.visitInsn(opcode);
        write(rd);
    }

    private void arithmetic(String method, int rs1, int rs2, int rd) {
        read(rs1);
        read(rs2);
        mv.visitMethodInsn(INVOKESTATIC, ARITHMETIC, method, "(II)I", false);
        write(rd);
    }

    /** a, b on the stack -> 1 if a < b else 0, without a branch: the sign of the 64-bit difference. */
    private void lessThan(boolean unsigned) {
        mv.visitVarInsn(ISTORE, TARGET);
        mv.visitInsn(I2L);
        if (unsigned) {
            mv.visitLdcInsn(0xFFFF_FFFFL);
            mv.visitInsn(LAND);
        }
        mv.visitVarInsn(ILOAD, TARGET);
        mv.visitInsn(I2L);
        if (unsigned) {
            mv.visitLdcInsn(0xFFFF_FFFFL);
            mv.visitInsn(LAND);
        }
        mv.visitInsn(LSUB);
        mv.visitIntInsn(BIPUSH, 63);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I);
    }

    private void branch(int kind, int rs1, int rs2, int k, int imm) {
        Label taken = new Label();
        read(rs1);
        if (kind == BLTU || kind == BGEU) {
            push(Integer.MIN_VALUE);
            mv.visitInsn(IXOR);
        }
        read(rs2);
        if (kind == BLTU || kind == BGEU) {
            push(Integer.MIN_VALUE);
            mv.visitInsn(IXOR);
        }
        int opcode = switch (kind) {
            case BEQ -> IF_ICMPEQ;
            case BNE -> IF_ICMPNE;
            case BLT, BLTU -> IF_ICMPLT;
            default -> IF_ICMPGE;
        };
        mv.visitJumpInsn(opcode, taken);
        jumpTo(k + 1);
        mv.visitLabel(taken);
        jumpTo(k + imm);
    }

    /**
     * A load or store through {@link TranslatedMemory}: first the TLB test, and on a miss leave before the instruction
     * (the interpreter then fills the TLB, or raises the fault, or talks to the device); then the access itself, at the
     * RAM position the test found. Accesses grouped by {@link SamePageAccesses} share their first one's test.
     */
    private void load(int kind, int rs1, int imm, int rd, int k, int remaining) {
        String method = switch (kind) { case LW -> "lw"; case LH -> "lh"; case LHU -> "lhu"; case LB -> "lb"; default -> "lbu"; };
        locate(RTAG, RDELTA, rs1, imm, k, remaining);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, method, "([BJ)I", false);
        write(rd);
    }

    private void store(int kind, int rs1, int rs2, int imm, int k, int remaining) {
        locate(WTAG, WDELTA, rs1, imm, k, remaining);
        read(rs2);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, kind == SW ? "sw" : kind == SH ? "sh" : "sb", "([BJI)V", false);
    }

    /**
     * Pushes {@code ram} and the position in it of the access at word {@code k}. The first access of a group tests the
     * TLB for the group's whole span and keeps the page's position in {@link #PAGE_AT}; the others only add their
     * offset to it.
     */
    private void locate(int tags, int deltas, int rs1, int imm, int k, int remaining) {
        if (!groups.leads(k)) {
            mv.visitVarInsn(ALOAD, RAM);
            mv.visitVarInsn(LLOAD, PAGE_AT);
            mv.visitLdcInsn((long) groups.offsetInGroup(k));
            mv.visitInsn(LADD);
            return;
        }
        int low = groups.lowestOffset(k);
        address(rs1, low);
        mv.visitVarInsn(ISTORE, TARGET);
        mv.visitVarInsn(ALOAD, tags);
        mv.visitVarInsn(ILOAD, TARGET);
        push(groups.span(k));
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "hits", "([III)Z", false);
        mv.visitJumpInsn(IFEQ, bailBefore(k, remaining));
        mv.visitVarInsn(ALOAD, RAM);
        mv.visitVarInsn(ALOAD, deltas);
        mv.visitVarInsn(ILOAD, TARGET);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "at", "([II)J", false);
        if (groups.hasFollowers(k)) {
            mv.visitInsn(DUP2);
            mv.visitVarInsn(LSTORE, PAGE_AT);
        }
        if (imm != low) {
            mv.visitLdcInsn((long) (imm - low));
            mv.visitInsn(LADD);
        }
    }

    /** rs1 + imm on the stack. */
    private void address(int rs1, int imm) {
        read(rs1);
        if (imm != 0) {
            push(imm);
            mv.visitInsn(IADD);
        }
    }
}
