package io.github.clusterready.tomcat.war;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesALongerFileWithExactlyTheNewContent() throws Exception {
        Path target = dir.resolve("app.war");
        Files.write(target, "a much longer old content than the new one".getBytes(UTF_8));

        AtomicFile.write(target, target, (out, temporary) -> {
            assertEquals(0, out.size(), "the temporary file starts empty");
            ZipWriter.writeFully(out, ByteBuffer.wrap("new".getBytes(UTF_8)));
        });

        assertArrayEquals("new".getBytes(UTF_8), Files.readAllBytes(target));
        assertEquals(1, fileCount(), "no temporary file is left");
    }

    @Test
    void aFailureLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("app.war");
        Files.write(target, "old".getBytes(UTF_8));

        assertThrows(WarException.class, () -> AtomicFile.write(target, target, (out, temporary) -> {
            ZipWriter.writeFully(out, ByteBuffer.wrap("half of the new".getBytes(UTF_8)));
            throw new WarException("failed");
        }));

        assertArrayEquals("old".getBytes(UTF_8), Files.readAllBytes(target));
        assertEquals(1, fileCount());
    }

    @Test
    void copiesAFile() throws Exception {
        Path source = dir.resolve("source.war");
        Path target = dir.resolve("target.war");
        Files.write(source, "content".getBytes(UTF_8));
        Files.write(target, "older and longer content".getBytes(UTF_8));

        AtomicFile.copy(source, target);

        assertArrayEquals("content".getBytes(UTF_8), Files.readAllBytes(target));
    }

    @Test
    void writesThroughASymbolicLinkWhichStaysALink() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path target = Files.write(elsewhere.resolve("real.war"), "old".getBytes(UTF_8));
        Path link = Files.createSymbolicLink(dir.resolve("app.war"), Path.of("elsewhere/real.war"));
        Path linkToLink = Files.createSymbolicLink(dir.resolve("latest.war"), Path.of("app.war"));

        AtomicFile.write(linkToLink, "new".getBytes(UTF_8));

        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(linkToLink), "a link was replaced by a file");
        assertEquals(Path.of("elsewhere/real.war"), Files.readSymbolicLink(link));
        assertArrayEquals("new".getBytes(UTF_8), Files.readAllBytes(target));
        assertEquals(3, fileCount(), "no temporary file is left beside the links");
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(1, files.count(), "no temporary file is left beside the target");
        }
    }

    @Test
    void aLoopOfLinksIsAnError() throws Exception {
        Path a = Files.createSymbolicLink(dir.resolve("a.war"), Path.of("b.war"));
        Files.createSymbolicLink(dir.resolve("b.war"), Path.of("a.war"));
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(a, "new".getBytes(UTF_8)));
        assertTrue(e.getMessage().contains("symbolic links in a row"), e.getMessage());
        assertEquals(2, fileCount());
    }

    private long fileCount() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
