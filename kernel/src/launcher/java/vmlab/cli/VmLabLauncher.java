package vmlab.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's entry point. It is compiled for Java 8 (its own source folder and compiler run, see kernel/pom.xml) while
 * everything else is compiled for Java 17: so a Java 8 to 16 JVM can still load this one class and say in one line what
 * it needs, instead of failing to load {@link VmLab} with an {@code UnsupportedClassVersionError}.
 * Only Java 8 API here, and {@code VmLab} is reached through a method handle, so nothing compiled for 17 loads first.
 */
public final class VmLabLauncher {

    static final int OLDEST_JAVA = 17;

    private VmLabLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        String problem = tooOld(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName("vmlab.cli.VmLab"), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }

    /** The one-line message for a Java older than 17 ("1.8", "11", "16"), or null when this Java will do. */
    static String tooOld(String specificationVersion, String javaHome) {
        int feature;
        try {
            String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
            feature = Integer.parseInt(v);
        } catch (RuntimeException e) {
            return null; // an unknown scheme is a newer Java than this launcher knows: let it try
        }
        if (feature >= OLDEST_JAVA) {
            return null;
        }
        return "vmlab needs Java 17 or later (17, 21 and 25 are supported), but this is Java " + feature + " at "
                + javaHome + "; put a newer JDK first on the PATH or set JAVA_HOME to it.";
    }
}
