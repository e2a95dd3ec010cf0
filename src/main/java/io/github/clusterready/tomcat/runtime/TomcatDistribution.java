package io.github.clusterready.tomcat.runtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * A Tomcat distribution ({@code org.apache.tomcat:tomcat:<version>:tar.gz}) unpacked once into a directory of its
 * own, which then serves as {@code CATALINA_HOME} for every node. Its {@code webapps/} is left out (the nodes deploy
 * only the project's WAR), and so are links. Unpacking goes to a temporary directory that is renamed when complete,
 * so a directory that exists is whole.
 */
public final class TomcatDistribution {
    /** More than any Tomcat distribution holds (about 16 MB unpacked): a bound against a hostile archive. */
    static final long MAX_BYTES = 256L * 1024 * 1024;
    static final int MAX_ENTRIES = 10_000;

    private TomcatDistribution() {
    }

    /**
     * {@code CATALINA_HOME} for the distribution {@code archive}, unpacked under {@code directory} if it is not yet.
     *
     * @param version the release, which names the directory
     */
    public static Path unpack(Path archive, Path directory, String version)
            throws IOException, RuntimeClusterException {
        Path home = directory.resolve("apache-tomcat-" + version);
        if (Files.isRegularFile(home.resolve("bin/bootstrap.jar"))) {
            return home;
        }
        Files.createDirectories(directory);
        Path partial = Files.createTempDirectory(directory, ".unpacking-");
        try {
            long total = 0;
            int entries = 0;
            try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                    TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    if (++entries > MAX_ENTRIES) {
                        throw new RuntimeClusterException(archive + " has more than " + MAX_ENTRIES
                                + " entries: not a Tomcat distribution");
                    }
                    String name = withoutTopDirectory(entry.getName());
                    if (name.isEmpty() || name.equals("webapps") || name.startsWith("webapps/")
                            || entry.isSymbolicLink() || entry.isLink() || !(entry.isFile() || entry.isDirectory())) {
                        continue;
                    }
                    Path target = partial.resolve(name).normalize();
                    if (!target.startsWith(partial) || name.startsWith("/")) {
                        throw new RuntimeClusterException(archive + ": entry " + entry.getName()
                                + " points outside the distribution");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    total += entry.getSize();
                    if (total > MAX_BYTES) {
                        throw new RuntimeClusterException(archive + " unpacks to more than " + MAX_BYTES
                                + " bytes: not a Tomcat distribution");
                    }
                    Files.copy(BoundedInputStream.builder().setInputStream(tar).setMaxCount(entry.getSize())
                            .setPropagateClose(false).get(), target);
                }
            }
            if (!Files.isRegularFile(partial.resolve("bin/bootstrap.jar"))) {
                throw new RuntimeClusterException(archive
                        + " is not a Tomcat distribution: it has no bin/bootstrap.jar");
            }
            try {
                Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // another build unpacked the same release meanwhile: use its copy
                if (!Files.isRegularFile(home.resolve("bin/bootstrap.jar"))) {
                    throw e;
                }
            }
            return home;
        } finally {
            deleteTree(partial);
        }
    }

    /** {@code conf/server.xml} from {@code apache-tomcat-10.1.59/conf/server.xml}. */
    private static String withoutTopDirectory(String name) {
        String path = name.replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        int slash = path.indexOf('/');
        return slash < 0 ? "" : path.substring(slash + 1).replaceAll("/+$", "");
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
