package vmlab.evaluation;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Makes cell code interruptible without {@code Thread.stop} (which throws since Java 20): it inserts an interrupt check
 * at the entry of every method and before every backward jump of a cell's classes. Every loop passes a backward jump on
 * each turn and every recursion enters a method, so a pending interrupt is seen within one loop turn or one call,
 * whatever the cell does, as long as it runs its own code.
 * <p>
 * The check is an {@code invokedynamic} bound to the JShell's {@link InterruptSwitch}: while no interrupt is pending
 * the JIT can inline it away (measured within about 2 % of unwoven code), and turning the switch on deoptimizes the
 * code and makes the check throw {@link CellStopped}. (The first version read a volatile flag instead; that cost 8 to
 * 12 % on a sieve's inner loop, measured with {@code vmlab bench --interrupt-checks}; docs/benchmarks.md has both.)
 * <p>
 * The switch lives in a class of its own, {@value #CHECK_CLASS}, generated once per JShell (see {@link #checkClass()})
 * and defined by the same class loader as the cells, so two kernels in one JVM (the headless runner, the grader) never
 * stop each other's cells.
 * <p>
 * Inserting an instruction with no arguments and no result changes neither the operand stack nor the stack map frames,
 * so the class is rewritten in one pass without recomputing frames (which would need to load the cell's other classes).
 */
final class InterruptCheckWeaver {

    /** Binary name of the generated class; "REPL" is the package JShell puts every snippet in. */
    static final String CHECK_CLASS = "REPL.$VmlabInterruptCheck$";
    static final String SITE_FIELD = "SITE";

    private static final String CHECK_OWNER = CHECK_CLASS.replace('.', '/');
    private static final String SWITCH = InterruptSwitch.class.getName().replace('.', '/');
    private static final String MUTABLE_SITE = "Ljava/lang/invoke/MutableCallSite;";
    private static final String BOOTSTRAP_TYPE = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;";
    private static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, CHECK_OWNER, "bootstrap", BOOTSTRAP_TYPE,
            false);

    private InterruptCheckWeaver() {
    }

    static byte[] weave(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new CheckInserter(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the check at method entry and before each jump to a label already seen, i.e. backwards. */
    private static final class CheckInserter extends MethodVisitor {
        private final Set<Label> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        CheckInserter(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                check();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (seen.contains(dflt) || anySeen(labels)) {
                check();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (seen.contains(dflt) || anySeen(labels)) {
                check();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anySeen(Label[] labels) {
            for (Label l : labels) {
                if (seen.contains(l)) {
                    return true;
                }
            }
            return false;
        }

        private void check() {
            super.visitInvokeDynamicInsn("check", "()V", BOOTSTRAP);
        }
    }

    /**
     * The class holding this JShell's switch, which every woven check is linked to:
     * <pre>
     * public final class $VmlabInterruptCheck$ {
     *     public static final MutableCallSite SITE = InterruptSwitch.newSite();
     *     public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type) { return SITE; }
     * }
     * </pre>
     */
    static byte[] checkClass() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, CHECK_OWNER, null,
                "java/lang/Object", null);
        FieldVisitor field = writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL,
                SITE_FIELD, MUTABLE_SITE, null, null);
        field.visitEnd();
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        init.visitMethodInsn(Opcodes.INVOKESTATIC, SWITCH, "newSite", "()" + MUTABLE_SITE, false);
        init.visitFieldInsn(Opcodes.PUTSTATIC, CHECK_OWNER, SITE_FIELD, MUTABLE_SITE);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor bootstrap = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "bootstrap",
                BOOTSTRAP_TYPE, null, null);
        bootstrap.visitCode();
        bootstrap.visitFieldInsn(Opcodes.GETSTATIC, CHECK_OWNER, SITE_FIELD, MUTABLE_SITE);
        bootstrap.visitInsn(Opcodes.ARETURN);
        bootstrap.visitMaxs(0, 0);
        bootstrap.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
