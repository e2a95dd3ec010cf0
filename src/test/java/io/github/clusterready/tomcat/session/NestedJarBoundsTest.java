package io.github.clusterready.tomcat.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarException;
import io.github.clusterready.tomcat.war.ZipBombs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session analysis reads the jars of {@code WEB-INF/lib} through the plugin's bounded nested-jar reader: a nested
 * zip bomb is one error naming the jar and the entry, and a class file above the class bound is a warning naming it,
 * whether the jar's sizes are in local headers, data descriptors or only the central directory.
 */
class NestedJarBoundsTest {
    /** 2 GiB of zeros in a data-descriptor entry: a jar of about 2 MB, a WAR of a few KB. */
    private static final long BOMB = 2L << 30;

    @TempDir
    Path dir;

    private SessionAnalysis analyze(Path war) throws Exception {
        try (WarArchive archive = WarArchive.open(war)) {
            return new SessionAttributeAnalyzer(Webapp.servletApiJars(), true).analyze(archive, "target/app.war");
        }
    }

    private Path war(byte[] jar) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/web.xml", Webapp.DISTRIBUTABLE_WEB_XML.getBytes(UTF_8));
        entries.put("WEB-INF/lib/bomb-1.0.jar", jar);
        return Webapp.zip(dir.resolve("app.war"), entries);
    }

    @Test
    void aNestedZipBombIsOneErrorNamingTheJarAndTheEntry() throws Exception {
        Path war = war(ZipBombs.bombJar("data/bomb.bin", BOMB));
        assertTrue(Files.size(war) < 64 * 1024, "the WAR is small: " + Files.size(war) + " bytes");
        WarException e = assertThrows(WarException.class, () -> analyze(war));
        assertEquals("target/app.war!/WEB-INF/lib/bomb-1.0.jar holds data/bomb.bin, recorded as inflating to "
                + BOMB + " bytes, more than the 1073741824 bytes (1 GiB) this plugin accepts for an entry of a library "
                + "jar: the jar is damaged or a zip bomb. Replace the library and rebuild the WAR", e.getMessage());
    }

    @Test
    void aClassFileBombIsTheSameError() throws Exception {
        WarException e = assertThrows(WarException.class,
                () -> analyze(war(ZipBombs.bombJar("shop/Bomb.class", BOMB))));
        assertTrue(e.getMessage().startsWith("target/app.war!/WEB-INF/lib/bomb-1.0.jar holds shop/Bomb.class, "
                + "recorded as inflating to " + BOMB + " bytes"), e.getMessage());
    }

    @Test
    void aClassFileAboveTheClassBoundIsAWarningAndTheOtherClassesAreAnalysed() throws Exception {
        Path classes = new Webapp(dir.resolve("lib")).source("shop/Store.java", UnreadableAndLargeTest.STORE)
                .source("shop/Worker.java", "package shop;\npublic class Worker { }\n").compile();
        Map<String, byte[]> others = new LinkedHashMap<>();
        others.put("shop/Store.class", Files.readAllBytes(classes.resolve("shop/Store.class")));
        others.put("shop/Worker.class", Files.readAllBytes(classes.resolve("shop/Worker.class")));
        // 100 MiB: under the 1 GiB entry bound, over the 64 MiB the analysis reads for a class file.
        SessionAnalysis analysis = analyze(war(ZipBombs.bombJar("shop/Huge.class", 100L << 20, others)));

        List<SessionRisk> unreadable = analysis.unreadableClasses();
        assertEquals(1, unreadable.size(), analysis.risks().toString());
        assertEquals("target/app.war!/WEB-INF/lib/bomb-1.0.jar!/shop/Huge.class", unreadable.get(0).location());
        assertTrue(unreadable.get(0).message().startsWith("could not be read as a class file: it is larger than "
                + "67108864 bytes, the most the analysis reads for a class file"), unreadable.get(0).message());
        assertEquals(1, analysis.errors().size(), analysis.risks().toString());
        assertTrue(analysis.errors().get(0).message().startsWith("Store.store stores a new shop.Worker as \"worker\""),
                analysis.errors().get(0).message());
        assertEquals(3, analysis.classCount());
    }
}
