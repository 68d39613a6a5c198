package vmlab.exercises;

import java.io.FilePermission;
import java.io.IOException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.Permission;
import java.security.PermissionCollection;
import java.security.Permissions;
import java.security.Policy;
import java.security.ProtectionDomain;
import java.util.PropertyPermission;

/**
 * The grading kernel's sandbox, for Java 17: a {@link SecurityManager} with a policy that trusts every class that came from a
 * jar or the JDK and restricts the code the student typed (JShell compiles it into classes without a code source, loaded by
 * JShell's own class loader). Student code may read and write inside its working directory and read the JDK; it may not write
 * or read elsewhere, exit the JVM, start processes, open sockets, load native code, bypass access checks with reflection, or
 * replace the security manager. Library code the student calls runs with the student's rights unless the library uses
 * {@code doPrivileged}, which is what the standard Java policy model guarantees.
 *
 * <p>How a kernel enters grading mode (the contract with the kernel): start its JVM with
 * <pre>-Djava.security.manager=vmlab.exercises.GradingSandbox -Dvmlab.grading.workdir=/the/submission/dir</pre>
 * and with that directory as its working directory. The JVM installs this class at startup, before any student code runs; the
 * kernel itself needs to do nothing. Without the property, the class refuses to start rather than sandbox nothing.
 *
 * <p>What it does not guarantee: CPU and memory (the harness uses a per-cell timeout and {@code -Xmx}); what student code does
 * inside its own JVM to the kernel's objects through public APIs (the harness never trusts output from this JVM beyond the
 * sealed {@link Verdict}). The security manager is deprecated for removal after Java 17; on later JVMs use an OS sandbox.
 */
public final class GradingSandbox extends SecurityManager {

    public static final String WORKDIR_PROPERTY = "vmlab.grading.workdir";

    public GradingSandbox() {
        String workdir = System.getProperty(WORKDIR_PROPERTY);
        if (workdir == null || workdir.isBlank()) {
            throw new IllegalStateException("grading mode needs -D" + WORKDIR_PROPERTY + "=DIR, the submission's working directory");
        }
        Policy.setPolicy(new StudentPolicy(realPath(Path.of(workdir))));
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** Trusts code with a code source; restricts code without one that a non-builtin loader defined (JShell's snippets). */
    static final class StudentPolicy extends Policy {

        private final Permissions student = new Permissions();
        private final ClassLoader app = ClassLoader.getSystemClassLoader();
        private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

        StudentPolicy(Path workdir) {
            String dir = workdir.toString();
            student.add(new FilePermission(dir, "read"));
            student.add(new FilePermission(dir + "/-", "read,write,delete"));
            if (workdir.equals(realPath(Path.of(System.getProperty("user.dir", "/"))))) {
                // Java 17 does not match a relative path against an absolute grant, so grant relative paths too, but only
                // when they really resolve inside the working directory (the kernel was started there).
                student.add(new FilePermission(".", "read"));
                student.add(new FilePermission("-", "read,write,delete"));
            }
            student.add(new FilePermission(System.getProperty("java.home") + "/-", "read"));
            student.add(new PropertyPermission("*", "read"));
            for (String name : new String[] {"modifyThread", "modifyThreadGroup", "getClassLoader", "accessDeclaredMembers",
                    "getProtectionDomain", "getenv.*", "setIO", "getStackTrace", "setDefaultUncaughtExceptionHandler",
                    "charsetProvider", "localeServiceProvider", "accessClassInPackage.sun.util.resources",
                    "stopThread", "enableContextClassLoaderOverride", "setContextClassLoader"}) {
                student.add(new RuntimePermission(name));
            }
            student.setReadOnly();
        }

        @Override
        public boolean implies(ProtectionDomain domain, Permission permission) {
            return !isStudentCode(domain) || student.implies(permission);
        }

        @Override
        public PermissionCollection getPermissions(CodeSource codesource) {
            Permissions all = new Permissions();
            all.add(new java.security.AllPermission());
            return all;
        }

        private boolean isStudentCode(ProtectionDomain domain) {
            if (domain == null) {
                return false;
            }
            CodeSource source = domain.getCodeSource();
            if (source != null && source.getLocation() != null) {
                return false;
            }
            ClassLoader loader = domain.getClassLoader();
            return loader != null && loader != app && loader != platform;
        }
    }

    /** Whether this JVM runs under the grading sandbox (a cell can ask; tests do). */
    public static boolean active() {
        return System.getSecurityManager() instanceof GradingSandbox;
    }

    /** The sandbox's working directory, for helpers that write files on the student's behalf. */
    public static Path workdir() {
        return Path.of(System.getProperty(WORKDIR_PROPERTY, "."));
    }

}
