package vmlab.evaluation;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of cell classes so that calls to {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} call {@link SystemExitRefused#exit} instead.
 * <p>
 * Why bytecode and not a SecurityManager: the SecurityManager is deprecated for removal (it prints a warning on Java 17
 * and is refused from Java 18 on), it would act on the whole JVM, including the in-process runner, and every permission
 * check slows every cell. The rewrite touches only the code a user typed into a cell. The stack shape of each replaced
 * call is unchanged, so frames and maximum stack sizes need no recomputation.
 */
final class ExitCallRewriter {

    private static final String REFUSED = SystemExitRefused.class.getName().replace('.', '/');

    private ExitCallRewriter() {
    }

    static byte[] rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && method.equals("exit")) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, REFUSED, "exit", "(I)V", false);
                        } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                                && (method.equals("exit") || method.equals("halt"))) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, REFUSED, "exit", "(Ljava/lang/Runtime;I)V", false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        }
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : classFile;
    }
}
