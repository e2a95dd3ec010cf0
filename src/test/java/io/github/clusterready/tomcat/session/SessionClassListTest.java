package io.github.clusterready.tomcat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.war.WarArchive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file between the session analysis and {@code cluster-config}: written, read back, and refused when bad. */
class SessionClassListTest {
    @TempDir
    Path dir;

    @Test
    void whatTheAnalysisFoundIsReadBackAsItWasWritten() throws Exception {
        byte[] jar = Webapp.jar(Webapp.tree(new Webapp(dir.resolve("lib")).source("lib/Tool.java",
                "package lib; public class Tool { }").compile(), ""));
        Webapp app = new Webapp(dir.resolve("app")).source("shop/Store.java", SessionAttributeAnalyzerTest.STORE)
                .entry("index.jsp", "<%= 1 %>".getBytes(StandardCharsets.UTF_8))
                .entry("WEB-INF/lib/tool-1.0.jar", jar);
        Files.createDirectories(dir.resolve("app"));
        SessionAnalysis analysis;
        try (WarArchive archive = WarArchive.open(app.war("shop.war"))) {
            analysis = new SessionAttributeAnalyzer(Webapp.servletApiJars(), false).analyze(archive, "shop.war");
        }
        Path file = dir.resolve("out/session-classes.txt");

        SessionClassList.of("target/shop.war", analysis, false).write(file);
        SessionClassList read = SessionClassList.read(file, "target/tomcat-cluster/session-classes.txt");

        assertEquals("target/shop.war", read.war());
        assertEquals(List.copyOf(analysis.valueClasses()), List.copyOf(read.classes()));
        assertEquals(analysis.unlistedValues(), read.unlistedValues());
        assertEquals(1, analysis.unlistedValues().size());
        assertTrue(read.librariesSkipped());
        assertEquals(1, read.pageCount());
        // one class name a line, for people and scripts
        assertTrue(Files.readAllLines(file).containsAll(analysis.valueClasses()));

        SessionClassList.of("target/shop.war", analysis, true).write(file);
        assertFalse(SessionClassList.read(file, "x").librariesSkipped());
        assertEquals(List.of(), List.copyOf(Files.list(file.getParent()).filter(p -> !p.equals(file))
                .map(Path::getFileName).map(Path::toString).toList()), "no temporary file is left");
    }

    @Test
    void aLineThatIsNoClassNameIsReportedWithItsNumber() throws Exception {
        Path file = Files.writeString(dir.resolve("session-classes.txt"), "# war: target/shop.war\nshop.Cart\n"
                + "\nshop.Cart Item\n");

        SessionClassesException e = assertThrows(SessionClassesException.class,
                () -> SessionClassList.read(file, "target/tomcat-cluster/session-classes.txt"));
        assertEquals("target/tomcat-cluster/session-classes.txt:4: \"shop.Cart Item\" is not a class name "
                + "(com.example.Cart$Item); fix or delete the line, or run tomcat-cluster:session-check again to "
                + "write the file anew", e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Path file = Files.write(dir.resolve("session-classes.txt"), new byte[] {'s', (byte) 0xff, '\n'});

        SessionClassesException e = assertThrows(SessionClassesException.class,
                () -> SessionClassList.read(file, "classes.txt"));
        assertTrue(e.getMessage().startsWith("classes.txt is not UTF-8 text"), e.getMessage());
    }
}
