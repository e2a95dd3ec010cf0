package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking a distribution: the real one from Maven Central, and hostile archives that must not get out. */
class TomcatDistributionTest {
    @TempDir
    Path temp;

    private Path tarGz(Map<String, byte[]> entries, String linkName, String linkTarget) throws IOException {
        Path file = temp.resolve("tomcat.tar.gz");
        try (OutputStream out = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
                tarEntry.setSize(entry.getValue().length);
                tar.putArchiveEntry(tarEntry);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
            if (linkName != null) {
                TarArchiveEntry link = new TarArchiveEntry(linkName, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName(linkTarget);
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private static Map<String, byte[]> minimal() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("apache-tomcat-1.0.0/bin/bootstrap.jar", new byte[] {1, 2, 3});
        entries.put("apache-tomcat-1.0.0/conf/server.xml", "<Server/>".getBytes(StandardCharsets.UTF_8));
        entries.put("apache-tomcat-1.0.0/webapps/ROOT/index.jsp", "hello".getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    @Test
    void theRealDistributionUnpacksOnceWithoutItsWebapps() throws Exception {
        Path archive = Paths.get(System.getProperty("user.home"),
                ".m2/repository/org/apache/tomcat/tomcat/10.1.59/tomcat-10.1.59.tar.gz");
        if (!Files.isRegularFile(archive)) {
            archive = Paths.get(System.getProperty("maven.repo.local", ""),
                    "org/apache/tomcat/tomcat/10.1.59/tomcat-10.1.59.tar.gz");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(archive), "no " + archive);
        Path home = TomcatDistribution.unpack(archive, temp.resolve("tomcat"), "10.1.59");
        assertTrue(Files.isRegularFile(home.resolve("bin/bootstrap.jar")));
        assertTrue(Files.isRegularFile(home.resolve("lib/catalina-ha.jar")));
        assertFalse(Files.exists(home.resolve("webapps")));
        Files.writeString(home.resolve("marker"), "kept");
        assertEquals(home, TomcatDistribution.unpack(archive, temp.resolve("tomcat"), "10.1.59"));
        assertTrue(Files.exists(home.resolve("marker")), "a second unpack reuses the first");
    }

    @Test
    void aTruncatedDistributionIsCalledDamagedAndNamesTheFileToDelete() throws Exception {
        Map<String, byte[]> entries = minimal();
        byte[] large = new byte[200_000];
        new Random(1).nextBytes(large);
        entries.put("apache-tomcat-1.0.0/lib/catalina.jar", large);
        Path whole = tarGz(entries, null, null);
        // as a download cut off half way leaves it in the local repository
        Path archive = temp.resolve("tomcat-1.0.0.tar.gz");
        Files.write(archive, Arrays.copyOf(Files.readAllBytes(whole), (int) Files.size(whole) / 2));
        RuntimeClusterException e = assertThrows(RuntimeClusterException.class,
                () -> TomcatDistribution.unpack(archive, temp.resolve("tomcat"), "1.0.0"));
        assertTrue(e.getMessage().startsWith("the Tomcat distribution in the local repository is damaged: delete "
                + archive + " (the next build downloads it again); reading it failed: java.io.EOFException"),
                e.getMessage());
        try (Stream<Path> left = Files.list(temp.resolve("tomcat"))) {
            assertEquals(0, left.count(), "no partial distribution is left");
        }
    }

    @Test
    void aFileThatIsNotGzipIsCalledDamaged() throws Exception {
        Path archive = temp.resolve("tomcat-1.0.0.tar.gz");
        Files.writeString(archive, "<html>a proxy's error page</html>");
        RuntimeClusterException e = assertThrows(RuntimeClusterException.class,
                () -> TomcatDistribution.unpack(archive, temp.resolve("tomcat"), "1.0.0"));
        assertTrue(e.getMessage().startsWith("the Tomcat distribution in the local repository is damaged: delete "
                + archive), e.getMessage());
    }

    @Test
    void anEntryOutsideTheDistributionIsRefusedAndNothingIsLeft() throws Exception {
        Map<String, byte[]> entries = minimal();
        entries.put("apache-tomcat-1.0.0/../../escaped.txt", "x".getBytes(StandardCharsets.UTF_8));
        Path archive = tarGz(entries, null, null);
        RuntimeClusterException e = assertThrows(RuntimeClusterException.class,
                () -> TomcatDistribution.unpack(archive, temp.resolve("tomcat"), "1.0.0"));
        assertTrue(e.getMessage().contains("entry apache-tomcat-1.0.0/../../escaped.txt points outside the "
                + "distribution"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("escaped.txt")));
        try (Stream<Path> left = Files.list(temp.resolve("tomcat"))) {
            assertEquals(0, left.count(), "no partial distribution is left");
        }
    }

    @Test
    void linksAndWebappsAreLeftOut() throws Exception {
        Path archive = tarGz(minimal(), "apache-tomcat-1.0.0/lib/evil.jar", "/etc/passwd");
        Path home = TomcatDistribution.unpack(archive, temp.resolve("tomcat"), "1.0.0");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(home.resolve("bin/bootstrap.jar")));
        assertFalse(Files.exists(home.resolve("lib/evil.jar"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(home.resolve("webapps")));
    }

    @Test
    void anArchiveWithoutBootstrapIsNotADistribution() throws Exception {
        Map<String, byte[]> entries = minimal();
        entries.remove("apache-tomcat-1.0.0/bin/bootstrap.jar");
        Path archive = tarGz(entries, null, null);
        RuntimeClusterException e = assertThrows(RuntimeClusterException.class,
                () -> TomcatDistribution.unpack(archive, temp.resolve("tomcat"), "1.0.0"));
        assertTrue(e.getMessage().endsWith("is not a Tomcat distribution: it has no bin/bootstrap.jar"),
                e.getMessage());
    }
}
