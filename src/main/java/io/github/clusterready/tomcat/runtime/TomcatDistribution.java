package io.github.clusterready.tomcat.runtime;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
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
                    TarArchiveInputStream tar = gunzipped(file)) {
                InputStream content = new ReadingArchive(tar);
                for (TarArchiveEntry entry = next(tar); entry != null; entry = next(tar)) {
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
                    Files.copy(BoundedInputStream.builder().setInputStream(content).setMaxCount(entry.getSize())
                            .setPropagateClose(false).get(), target);
                }
            } catch (ArchiveReadException e) {
                throw new RuntimeClusterException("the Tomcat distribution in the local repository is damaged: "
                        + "delete " + archive + " (the next build downloads it again); reading it failed: "
                        + e.getCause(), e.getCause());
            }
            if (!Files.isRegularFile(partial.resolve("bin/bootstrap.jar"))) {
                throw new RuntimeClusterException(archive + " is not a Tomcat distribution: it has no "
                        + "bin/bootstrap.jar");
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

    private static TarArchiveInputStream gunzipped(InputStream file) throws ArchiveReadException {
        try {
            return new TarArchiveInputStream(new GzipCompressorInputStream(file));
        } catch (IOException e) {
            throw new ArchiveReadException(e);
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar) throws ArchiveReadException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw new ArchiveReadException(e);
        }
    }

    /**
     * A failure to read the archive (truncated, not gzip, not tar), told apart from a failure to write what it
     * holds (a full disk), which says nothing about the archive.
     */
    private static final class ArchiveReadException extends IOException {
        private static final long serialVersionUID = 1L;

        ArchiveReadException(IOException cause) {
            super(cause);
        }
    }

    /** The archive's entry content; its read failures are {@link ArchiveReadException}s. */
    private static final class ReadingArchive extends FilterInputStream {
        ReadingArchive(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new ArchiveReadException(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw new ArchiveReadException(e);
            }
        }
    }

    /**
     * The message for a release Maven cannot resolve.
     *
     * @param detail the resolver's own message
     */
    public static String unresolved(String release, String detail) {
        return "Cannot resolve the Tomcat distribution org.apache.tomcat:tomcat:" + release + ":tar.gz (set "
                + "<tomcatVersion> to a release Maven Central has, e.g. 10.1.59): " + detail;
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
