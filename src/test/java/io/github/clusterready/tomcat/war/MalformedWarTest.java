package io.github.clusterready.tomcat.war;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out-of-range input: each gives one message naming the WAR (and the entry) and says what to change, never a
 * bare "Negative position"; the WAR keeps every byte and no temporary file is left.
 */
class MalformedWarTest {
    private static final String NAME = "WEB-INF/web.xml";
    private static final String WEB_XML = "<web-app version=\"6.0\">\n</web-app>\n";
    private static final String PREFIX = "app.war is not a readable WAR (ZIP) file: ";

    @TempDir
    Path dir;

    private String refused(byte[] bytes) throws Exception {
        return refused(bytes, null);
    }

    /** Rewrites the WAR in place, which must fail leaving it as it was; the message, with the path made relative. */
    private String refused(byte[] bytes, Instant timestamp) throws Exception {
        Path war = Files.write(dir.resolve("app.war"), bytes);
        WarException e = assertThrows(WarException.class, () -> {
            try (WarArchive archive = WarArchive.open(war, "app.war")) {
                new WarRewriter().replaceEntry(archive, NAME, "<web-app/>".getBytes(UTF_8), timestamp, war);
            }
        });
        assertArrayEquals(bytes, Files.readAllBytes(war), "the WAR was changed");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("app.war"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
        return e.getMessage();
    }

    @Test
    void theHandMadeZip64ArchiveIsValid() throws Exception {
        Path war = Files.write(dir.resolve("app.war"), new RawZip().entry("a.txt", "a").entry(NAME, WEB_XML, 36L)
                .zip64(null, null));
        try (ZipFile zip = new ZipFile(war.toFile()); InputStream in = zip.getInputStream(zip.getEntry(NAME))) {
            assertEquals(WEB_XML, new String(in.readAllBytes(), UTF_8));
        }
        try (WarArchive archive = WarArchive.open(war)) {
            new WarRewriter().replaceEntry(archive, NAME, "<web-app/>".getBytes(UTF_8), null, war);
        }
        try (ZipFile zip = new ZipFile(war.toFile()); InputStream in = zip.getInputStream(zip.getEntry(NAME))) {
            assertEquals("<web-app/>", new String(in.readAllBytes(), UTF_8));
        }
    }

    @Test
    void aZip64LocatorOffsetOutsideTheFile() throws Exception {
        assertEquals(PREFIX + "its Zip64 locator gives the Zip64 end record an offset (18446744073709551600) outside "
                + "the file", refused(new RawZip().entry(NAME, WEB_XML).zip64(-16L, null)));
        assertEquals(PREFIX + "its Zip64 locator gives the Zip64 end record an offset (4096) outside the file",
                refused(new RawZip().entry(NAME, WEB_XML).zip64(4096L, null)));
    }

    @Test
    void aZip64CentralDirectoryOffsetOutsideTheFile() throws Exception {
        byte[] war = new RawZip().entry(NAME, WEB_XML).zip64(null, Long.MIN_VALUE);
        assertEquals(PREFIX + "its end record puts the central directory (61 bytes at offset 9223372036854775808) "
                + "outside the file", refused(war));
    }

    @Test
    void aZip64LocalHeaderOffsetOutsideTheFile() throws Exception {
        byte[] war = new RawZip().entry("a.txt", "a").entry(NAME, WEB_XML, Long.MIN_VALUE + 5).zip64(null, null);
        assertEquals(PREFIX + "entry WEB-INF/web.xml records its local header at offset 9223372036854775813, "
                + "outside the entries' data (0 to 116)", refused(war));
    }

    @Test
    void aStubPrependedWithoutAdjustingTheOffsets() throws Exception {
        byte[] stub = "#!/bin/sh\nexec java -jar \"$0\"\n".getBytes(UTF_8);
        String advice = " bytes were put before the archive (a launcher or self-extracting stub?) without adjusting "
                + "the offsets it records; rebuild the WAR without them, or add them after this goal";
        assertEquals(PREFIX + stub.length + advice,
                refused(concat(stub, new RawZip().entry("a.txt", "a").entry(NAME, WEB_XML).bytes())));
        assertEquals(PREFIX + "its Zip64 end of central directory record is missing: " + stub.length + advice,
                refused(concat(stub, new RawZip().entry(NAME, WEB_XML).zip64(null, null))));
    }

    @Test
    void bytesAfterTheEndRecord() throws Exception {
        byte[] war = concat(new RawZip().entry(NAME, WEB_XML).bytes(), "-----BEGIN SIGNATURE-----".getBytes(UTF_8));
        assertEquals(PREFIX + "25 bytes follow its end of central directory record (were they appended to the WAR?); "
                + "rebuild the WAR, or append them after this goal", refused(war));
    }

    @Test
    void anEntryTimeOutsideWhatAZipEntryCanHold() throws Exception {
        byte[] war = new RawZip().entry(NAME, WEB_XML).bytes();
        for (String time : new String[] {"2108-01-01T00:00:00Z", "1979-12-31T23:59:59Z"}) {
            assertEquals("The time " + time + " for app.war!/WEB-INF/web.xml is outside the times a ZIP entry can "
                    + "hold, 1980-01-01T00:00:00Z to 2107-12-31T23:59:59Z", refused(war, Instant.parse(time)));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(a, 0, a.length);
        out.write(b, 0, b.length);
        return out.toByteArray();
    }
}
