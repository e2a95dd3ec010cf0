package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.war.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The probe's classes (package {@code io.github.clusterready.tomcat.probe}) as a jar of their own for a node's
 * {@code lib/}: taken from where the plugin's classes are (its jar, or {@code target/classes} in the plugin's own
 * tests), never loaded here, since they link against Tomcat.
 */
public final class ProbeJar {
    /** The package directory of the probe's classes. */
    static final String PACKAGE = "io/github/clusterready/tomcat/probe/";
    /** The probe's classes the node configuration names. */
    public static final String VALVE = "io.github.clusterready.tomcat.probe.ProbeValve";
    public static final String NODE_WATCH = "io.github.clusterready.tomcat.probe.NodeWatch";
    public static final String DELTA_MANAGER = "io.github.clusterready.tomcat.probe.ProbeDeltaManager";
    public static final String BACKUP_MANAGER = "io.github.clusterready.tomcat.probe.ProbeBackupManager";

    private ProbeJar() {
    }

    /** Writes the jar to {@code target}, with fixed entry times so that it is the same every time. */
    public static void write(Path target) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
            for (String name : classNames()) {
                ZipEntry entry = new ZipEntry(name);
                entry.setTime(0);
                jar.putNextEntry(entry);
                try (InputStream in = ProbeJar.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("the plugin has no " + name);
                    }
                    byte[] buffer = new byte[8192];
                    for (int n; (n = in.read(buffer)) > 0;) {
                        jar.write(buffer, 0, n);
                    }
                }
                jar.closeEntry();
            }
        }
        Files.createDirectories(target.getParent());
        AtomicFile.write(target, bytes.toByteArray());
    }

    /** The class files of the probe package, from the plugin's jar or classes directory. */
    static List<String> classNames() throws IOException {
        Path location;
        try {
            location = Paths.get(ProbeJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the plugin's classes: " + e, e);
        }
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(PACKAGE))) {
                files.map(file -> PACKAGE + file.getFileName()).filter(name -> name.endsWith(".class"))
                        .forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(PACKAGE) && name.endsWith(".class")
                            && name.indexOf('/', PACKAGE.length()) < 0) {
                        names.add(name);
                    }
                }
            }
        }
        if (names.isEmpty()) {
            throw new IOException("the plugin at " + location + " has no probe classes in " + PACKAGE);
        }
        Collections.sort(names);
        return names;
    }
}
