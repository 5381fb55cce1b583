package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged jar is what `java -cp target/sockets.jar Script.java` needs: vavr on its Class-Path. */
class JarIT {
    @Test
    void jar_manifest_puts_vavr_on_the_class_path_and_names_the_module() throws Exception {
        Path jar = Path.of(System.getProperty("sockets.jar"));
        assertTrue(Files.isRegularFile(jar), "packaged jar at " + jar);
        try (var jf = new JarFile(jar.toFile())) {
            var attrs = jf.getManifest().getMainAttributes();
            assertEquals("dev.sockets", java.lang.module.ModuleDescriptor.read(jf.getInputStream(jf.getEntry("module-info.class"))).name());
            String cp = attrs.getValue("Class-Path");
            assertTrue(cp.contains("lib/vavr-1.0.0.jar"), cp);
            for (String entry : cp.split(" ")) {
                assertTrue(Files.isRegularFile(jar.resolveSibling(entry)), "class path entry " + entry + " exists");
            }
        }
    }
}
