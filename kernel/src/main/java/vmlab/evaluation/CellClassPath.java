package vmlab.evaluation;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path JShell compiles cells against: this JVM's class path, the jars a manifest-only launcher jar names
 * (surefire and some IDEs start the JVM that way), and the locations of the lab, chart and display classes.
 * At run time cells load classes through the application class loader, so they share the kernel's classes.
 */
final class CellClassPath {

    private CellClassPath() {
    }

    static Set<String> entries(Class<?>... anchors) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
                entries.addAll(manifestClassPath(Path.of(entry)));
            }
        }
        for (Class<?> anchor : anchors) {
            try {
                var source = anchor.getProtectionDomain().getCodeSource();
                if (source != null) {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                }
            } catch (URISyntaxException | SecurityException | IllegalArgumentException ignored) {
                // An anchor from an unusual class loader: the JVM class path above has to do.
            }
        }
        return entries;
    }

    private static Set<String> manifestClassPath(Path jar) {
        Set<String> entries = new LinkedHashSet<>();
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return entries;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath != null) {
                for (String url : classPath.trim().split("\\s+")) {
                    try {
                        entries.add(Path.of(jar.toUri().resolve(url)).toString());
                    } catch (IllegalArgumentException ignored) {
                        // Not a file URL: not something javac could read either.
                    }
                }
            }
        } catch (IOException ignored) {
            // Unreadable jar: javac will say so if a cell needs it.
        }
        return entries;
    }
}
