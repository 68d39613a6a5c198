package vmlab.evaluation;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Makes cell code interruptible without {@code Thread.stop} (which throws since Java 20): it inserts a call to a tiny
 * static {@code check()} at the entry of every method and before every backward jump of a cell's classes. Every loop
 * passes a backward jump on each turn and every recursion enters a method, so a pending interrupt is seen within one
 * loop turn or one call, whatever the cell does, as long as it runs its own code.
 * <p>
 * The check lives in a class of its own, {@value #CHECK_CLASS}, generated once per JShell (see {@link #checkClass()})
 * and defined by the same class loader as the cells, so two kernels in one JVM (the headless runner, the grader) never
 * stop each other's cells. It reads one volatile boolean; the JIT inlines it into the loop, where it costs a load and a
 * branch that is never taken (measured: {@code vmlab bench --interrupt-checks}).
 * <p>
 * Inserting a call with no arguments and no result changes neither the operand stack nor the stack map frames, so the
 * class is rewritten in one pass without recomputing frames (which would need to load the cell's other classes).
 */
final class InterruptCheckWeaver {

    /** Binary name of the generated class; "REPL" is the package JShell puts every snippet in. */
    static final String CHECK_CLASS = "REPL.$VmlabInterruptCheck$";
    static final String PENDING_FIELD = "pending";

    private static final String CHECK_OWNER = CHECK_CLASS.replace('.', '/');
    private static final String STOPPED = CellStopped.class.getName().replace('.', '/');

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
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CHECK_OWNER, "check", "()V", false);
        }
    }

    /**
     * The class holding the check:
     * <pre>
     * public final class $VmlabInterruptCheck$ {
     *     public static volatile boolean pending;
     *     public static void check() { if (pending) CellStopped.raise(); }
     * }
     * </pre>
     */
    static byte[] checkClass() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, CHECK_OWNER, null,
                "java/lang/Object", null);
        FieldVisitor field = writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE,
                PENDING_FIELD, "Z", null, null);
        field.visitEnd();
        MethodVisitor check = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "check", "()V", null, null);
        check.visitCode();
        Label carryOn = new Label();
        check.visitFieldInsn(Opcodes.GETSTATIC, CHECK_OWNER, PENDING_FIELD, "Z");
        check.visitJumpInsn(Opcodes.IFEQ, carryOn);
        check.visitMethodInsn(Opcodes.INVOKESTATIC, STOPPED, "raise", "()V", false);
        check.visitLabel(carryOn);
        check.visitInsn(Opcodes.RETURN);
        check.visitMaxs(0, 0);
        check.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
