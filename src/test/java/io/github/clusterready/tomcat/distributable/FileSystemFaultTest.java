package io.github.clusterready.tomcat.distributable;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.testing.SmallTmpfs;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A full disk and a read-only target directory, on a real file system: a small tmpfs this test mounts (Linux, as
 * root, as CI runs). Each gives an I/O error naming the cause and leaves the WAR as it was.
 */
class FileSystemFaultTest {
    @RegisterExtension
    final SmallTmpfs tmpfs = new SmallTmpfs("1m");
    private Path scratch;
    private Path mount;

    @BeforeEach
    void paths() {
        scratch = tmpfs.scratch();
        mount = tmpfs.path();
    }

    @Test
    void fullDiskFailsCleanly() throws Exception {
        Path war = incompressibleWar(mount.resolve("app.war"), 600 * 1024);
        byte[] before = Files.readAllBytes(war);
        IOException e = assertThrows(IOException.class,
                () -> new DistributableInjector().inject(new DistributableInjector.Request(war, mount)));
        assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), e.toString());
        assertArrayEquals(before, Files.readAllBytes(war));
        assertEquals(List.of("app.war"), files(mount));
    }

    @Test
    void readOnlyDirectoryFailsCleanly() throws Exception {
        Path war = incompressibleWar(mount.resolve("app.war"), 10 * 1024);
        byte[] before = Files.readAllBytes(war);
        assertTrue(tmpfs.remountReadOnly());
        WarException e = assertThrows(WarException.class,
                () -> new DistributableInjector().inject(new DistributableInjector.Request(war, scratch)));
        assertEquals("Cannot write tmpfs/app.war: its directory tmpfs is read-only (the new file is written there "
                + "first, then moved over the old one); nothing was changed. Make the directory writable",
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(war));
        assertEquals(List.of("app.war"), files(mount));
    }

    @Test
    void readOnlyExplodedWebappLeavesTheWarAsItWas() throws Exception {
        Path war = incompressibleWar(scratch.resolve("app.war"), 10 * 1024);
        byte[] before = Files.readAllBytes(war);
        Files.createDirectories(mount.resolve("WEB-INF"));
        Files.write(mount.resolve("WEB-INF/web.xml"), "<web-app>\n  <servlet/>\n</web-app>\n".getBytes(UTF_8));
        assertTrue(tmpfs.remountReadOnly());
        WarException e = assertThrows(WarException.class, () -> new DistributableInjector()
                .inject(new DistributableInjector.Request(war, scratch).explodedDirectory(mount)));
        assertEquals("Cannot write tmpfs/WEB-INF/web.xml: its directory tmpfs/WEB-INF is read-only (the new file is "
                + "written there first, then moved over the old one); nothing was changed. Make the directory "
                + "writable", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(war));
    }

    private static Path incompressibleWar(Path file, int size) throws IOException {
        byte[] noise = new byte[size];
        new Random(42).nextBytes(noise);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write("<web-app>\n  <servlet/>\n</web-app>\n".getBytes(UTF_8));
            zip.putNextEntry(new ZipEntry("WEB-INF/lib/noise.bin"));
            zip.write(noise);
        }
        return file;
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
