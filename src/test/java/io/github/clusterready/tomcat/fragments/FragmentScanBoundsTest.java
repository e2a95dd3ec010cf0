package io.github.clusterready.tomcat.fragments;

import static io.github.clusterready.tomcat.fragments.Archives.fragmentJar;
import static io.github.clusterready.tomcat.fragments.Archives.plainJar;
import static io.github.clusterready.tomcat.fragments.Archives.webXml;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.distributable.DistributableInjector;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarException;
import io.github.clusterready.tomcat.war.ZipBombs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fragment scan stays bounded on hostile input (a nested zip bomb) and reads jars every way a WAR holds them:
 * stored, deflated, on several threads, in central-directory order.
 */
class FragmentScanBoundsTest {
    /** The bomb entry: 2 GiB of zeros, deflated to about 2 MB, in a jar the WAR deflates again to a few KB. */
    private static final long BOMB = 2L << 30;

    @TempDir
    Path dir;

    static byte[] bombJar(long inflated) throws Exception {
        return ZipBombs.bombJar("data/bomb.bin", inflated);
    }

    private Path bombWar() throws Exception {
        return new Archives()
                .with("WEB-INF/web.xml", webXml("", "<distributable/>"))
                .with("WEB-INF/lib/good-1.0.jar", fragmentJar("good", true))
                .with("WEB-INF/lib/bomb-1.0.jar", bombJar(BOMB))
                .writeTo(dir.resolve("app.war"));
    }

    private static final String BOMB_ERROR = "target/app.war!/WEB-INF/lib/bomb-1.0.jar holds data/bomb.bin";

    @Test
    void aNestedZipBombIsOneErrorNamingTheWarAndTheEntryNotTwoGibibytesInflated() throws Exception {
        Path war = bombWar();
        assertTrue(Files.size(war) < 64 * 1024, "the WAR is small: " + Files.size(war) + " bytes");
        WarException e;
        try (WarArchive archive = WarArchive.open(war)) {
            e = assertThrows(WarException.class, () -> new DistributabilityCheck().check(archive, "target/app.war"));
        }
        assertEquals(BOMB_ERROR + ", recorded as inflating to " + BOMB + " bytes, more than the 1073741824 bytes "
                + "(1 GiB) this plugin accepts for an entry of a library jar: the jar is damaged or a zip bomb. "
                + "Replace the library and rebuild the WAR", e.getMessage());
    }

    @Test
    void streamedLargeJarsStopAtTheLimitToo() throws Exception {
        // A deflated jar above the in-memory limit is read front to back: the bomb entry is inflated up to 1 GiB.
        Path war = bombWar();
        WarException e;
        try (WarArchive archive = WarArchive.open(war)) {
            e = assertThrows(WarException.class, () -> new FragmentScanner(2, 0).scan(archive, "target/app.war",
                    null));
        }
        assertTrue(e.getMessage().startsWith(BOMB_ERROR + ", which inflates to more than 1073741824 bytes"),
                e.getMessage());
    }

    @Test
    void theDistributableGoalWarnsAndStillMakesTheWarDistributable() throws Exception {
        Path war = new Archives()
                .with("WEB-INF/web.xml", webXml("", ""))
                .with("WEB-INF/lib/bomb-1.0.jar", bombJar(BOMB))
                .writeTo(dir.resolve("app.war"));
        DistributableInjector.Result result = new DistributableInjector()
                .inject(new DistributableInjector.Request(war, dir));
        assertEquals(DistributableInjector.Outcome.ADDED, result.outcome());
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        assertTrue(result.warnings().get(0).startsWith("Could not check the web fragments of app.war, so it may "
                + "still not replicate sessions: app.war!/WEB-INF/lib/bomb-1.0.jar holds data/bomb.bin"),
                result.warnings().get(0));
    }

    @Test
    void storedAndDeflatedJarsOnManyThreadsGiveTheFragmentsInCentralDirectoryOrder() throws Exception {
        Archives archives = new Archives().with("WEB-INF/web.xml", webXml("", "<distributable/>"));
        for (int i = 0; i < 24; i++) {
            String name = "WEB-INF/lib/lib" + i + ".jar";
            byte[] jar = i % 3 == 0 ? plainJar() : fragmentJar("f" + i, i % 5 != 0);
            if (i % 2 == 0) {
                archives.withStored(name, jar);
            } else {
                archives.with(name, jar);
            }
        }
        Path war = archives.writeTo(dir.resolve("app.war"));
        try (WarArchive archive = WarArchive.open(war)) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                if (i % 3 != 0) {
                    expected.add("f" + i + (i % 5 != 0));
                }
            }
            for (int threads : new int[] {1, 4}) {
                List<String> found = new ArrayList<>();
                for (Fragment fragment : new FragmentScanner(threads, FragmentScanner.IN_MEMORY_LIMIT)
                        .scan(archive, "app.war", null)) {
                    found.add(fragment.name().get() + fragment.isDistributable());
                }
                assertEquals(expected, found, threads + " threads");
            }
        }
    }

    @Test
    void theFirstBrokenJarInCentralDirectoryOrderIsTheOneReported() throws Exception {
        Archives archives = new Archives().with("WEB-INF/web.xml", webXml("", "<distributable/>"));
        for (int i = 0; i < 10; i++) {
            archives.with("WEB-INF/lib/ok" + i + ".jar", fragmentJar("ok" + i, true));
        }
        archives.withStored("WEB-INF/lib/broken-a.jar", "not a jar at all".getBytes(UTF_8));
        archives.with("WEB-INF/lib/broken-b.jar", "not a jar either".getBytes(UTF_8));
        Path war = archives.writeTo(dir.resolve("app.war"));
        try (WarArchive archive = WarArchive.open(war)) {
            WarException e = assertThrows(WarException.class,
                    () -> new FragmentScanner(4, FragmentScanner.IN_MEMORY_LIMIT).scan(archive, "app.war", null));
            assertTrue(e.getMessage().startsWith("app.war!/WEB-INF/lib/broken-a.jar is not a readable jar"),
                    e.getMessage());
        }
    }

    @Test
    void aJarWithoutFragmentGivesNoneWhicheverWayItIsRead() throws Exception {
        Path war = new Archives()
                .with("WEB-INF/web.xml", webXml("", "<distributable/>"))
                .withStored("WEB-INF/lib/a.jar", plainJar())
                .with("WEB-INF/lib/b.jar", plainJar())
                .writeTo(dir.resolve("app.war"));
        for (long inMemory : new long[] {0, FragmentScanner.IN_MEMORY_LIMIT}) {
            try (WarArchive archive = WarArchive.open(war)) {
                assertEquals(List.of(), new FragmentScanner(2, inMemory).scan(archive, "app.war", null));
            }
        }
    }
}
