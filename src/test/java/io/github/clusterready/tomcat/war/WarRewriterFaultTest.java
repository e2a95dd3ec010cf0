package io.github.clusterready.tomcat.war;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An I/O failure at every step of a rewrite leaves the WAR byte-identical and no temporary file behind. */
class WarRewriterFaultTest {
    private static final String NAME = "WEB-INF/web.xml";
    private static final byte[] CONTENT = "<web-app><distributable/></web-app>".getBytes(UTF_8);

    @TempDir
    Path dir;

    @Test
    void failureAtEveryStepLeavesTheOriginal() throws Exception {
        Path war = TestWar.write(dir.resolve("app.war"), w -> w
                .deflated("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
                .deflated(NAME, TestWar.WEB_XML)
                .stored("index.html", "<html/>"));
        byte[] original = Files.readAllBytes(war);

        List<String> steps = new ArrayList<>();
        Path copy = dir.resolve("copy.war");
        rewrite(new WarRewriter(steps::add), war, copy);
        Files.delete(copy);
        assertTrue(steps.size() >= 7, "steps: " + steps);

        for (String failing : steps) {
            WarRewriter rewriter = new WarRewriter(step -> {
                if (step.equals(failing)) {
                    throw new IOException("injected failure: " + step);
                }
            });
            IOException e = assertThrows(IOException.class, () -> rewrite(rewriter, war, war), failing);
            assertEquals("injected failure: " + failing, e.getMessage());
            assertArrayEquals(original, Files.readAllBytes(war), "the WAR changed when failing at: " + failing);
            assertEquals(List.of("app.war"), files(), "left behind when failing at: " + failing);
        }
    }

    @Test
    void sourceThatCannotBeReadLeavesNoTemporaryFile() throws Exception {
        Path war = TestWar.write(dir.resolve("app.war"), w -> w.deflated(NAME, TestWar.WEB_XML));
        byte[] original = Files.readAllBytes(war);
        WarArchive archive = WarArchive.open(war);
        archive.close();
        assertThrows(IOException.class, () -> new WarRewriter().replaceEntry(archive, NAME, CONTENT, null, war));
        assertArrayEquals(original, Files.readAllBytes(war));
        assertEquals(List.of("app.war"), files());
    }

    private static void rewrite(WarRewriter rewriter, Path war, Path target) throws Exception {
        try (WarArchive archive = WarArchive.open(war)) {
            rewriter.replaceEntry(archive, NAME, CONTENT, null, target);
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
