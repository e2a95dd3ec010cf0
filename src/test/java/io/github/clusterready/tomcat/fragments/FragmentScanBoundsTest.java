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
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
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

    /**
     * A jar whose second entry, {@code data/bomb.bin}, inflates to {@code inflated} zero bytes, written the way the
     * JDK's jar tool writes deflated entries: sizes in a data descriptor after the data, so that a reader walking
     * the local headers has to inflate the entry to find its end.
     */
    static byte[] bombJar(long inflated) throws Exception {
        // Deflate blocks of zeros, each ended with a sync flush, can be repeated: the stream stays valid.
        byte[] zeros = new byte[1 << 20];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(zeros);
        byte[] buffer = new byte[1 << 16];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        deflater.end();
        byte[] block = java.util.Arrays.copyOf(buffer, n);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        for (long i = 0; i < inflated / zeros.length; i++) {
            data.write(block);
            crc.update(zeros);
        }
        data.write(new byte[] {3, 0}); // an empty final block
        byte[] compressed = data.toByteArray();

        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        List<byte[]> central = new ArrayList<>();
        byte[] manifest = "Manifest-Version: 1.0\r\n\r\n".getBytes(UTF_8);
        CRC32 manifestCrc = new CRC32();
        manifestCrc.update(manifest);
        central.add(entry(jar, "META-INF/MANIFEST.MF", 0, 0, manifestCrc.getValue(), manifest, manifest.length));
        central.add(entry(jar, "data/bomb.bin", 8, 8, crc.getValue(), compressed, inflated));
        int directoryOffset = jar.size();
        for (byte[] record : central) {
            jar.write(record);
        }
        ByteBuffer end = le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) central.size()).putShort((short) central.size())
                .putInt(jar.size() - directoryOffset).putInt(directoryOffset).putShort((short) 0);
        jar.write(end.array());
        return jar.toByteArray();
    }

    /** Writes one entry (with a data descriptor when {@code flags} has bit 3); returns its central record. */
    private static byte[] entry(ByteArrayOutputStream jar, String name, int flags, int method, long crc, byte[] data,
            long inflated) throws Exception {
        byte[] nameBytes = name.getBytes(UTF_8);
        boolean descriptor = (flags & 8) != 0;
        int offset = jar.size();
        jar.write(le(30).putInt(0x04034b50).putShort((short) 20).putShort((short) flags).putShort((short) method)
                .putInt(0).putInt(descriptor ? 0 : (int) crc).putInt(descriptor ? 0 : data.length)
                .putInt(descriptor ? 0 : (int) inflated).putShort((short) nameBytes.length).putShort((short) 0)
                .array());
        jar.write(nameBytes);
        jar.write(data);
        if (descriptor) {
            jar.write(le(16).putInt(0x08074b50).putInt((int) crc).putInt(data.length).putInt((int) inflated).array());
        }
        ByteBuffer record = le(46 + nameBytes.length).putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                .putShort((short) flags).putShort((short) method).putInt(0).putInt((int) crc).putInt(data.length)
                .putInt((int) inflated).putShort((short) nameBytes.length).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset);
        record.put(nameBytes);
        return record.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
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
