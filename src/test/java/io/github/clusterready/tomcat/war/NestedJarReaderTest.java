package io.github.clusterready.tomcat.war;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Reading one entry of a jar front to back, skipping or inflating what comes before it. */
class NestedJarReaderTest {
    private static final String NAME = "META-INF/web-fragment.xml";
    private static final byte[] FRAGMENT = "<web-fragment><distributable/></web-fragment>".getBytes(UTF_8);

    /** Stored entries carry their sizes in the local header: the reader skips them. */
    private static void stored(ZipOutputStream zip, String name, byte[] content) throws Exception {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
    }

    /** Deflated entries from the JDK's writer are followed by a data descriptor: the reader must inflate them. */
    private static void deflated(ZipOutputStream zip, String name, byte[] content) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
    }

    private static byte[] find(byte[] jar) throws Exception {
        return find(jar, 1 << 20);
    }

    /** The entry {@link #NAME}, or null; one larger than {@code limit} is a WarException naming it and its size. */
    private static byte[] find(byte[] jar, int limit) throws Exception {
        byte[][] found = new byte[1][];
        NestedJarReader.scan(new ByteArrayInputStream(jar), NestedJar.named(NAME), limit, "lib.jar",
                new NestedJar.EntryHandler() {
                    @Override
                    public boolean accept(String name, byte[] content) {
                        found[0] = content;
                        return false;
                    }

                    @Override
                    public void tooLarge(String name, long size) throws WarException {
                        throw new WarException(name + " is too large: " + size);
                    }
                });
        return found[0];
    }

    @Test
    void findsTheEntryAfterSkippedAndInflatedEntries() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 50; i++) {
                stored(zip, "a/S" + i + ".class", ("stored " + i).repeat(100).getBytes(UTF_8));
            }
            deflated(zip, "b/D.class", "deflated".repeat(1000).getBytes(UTF_8));
            stored(zip, "c/T.class", new byte[5000]);
            deflated(zip, NAME, FRAGMENT);
        }
        assertArrayEquals(FRAGMENT, find(bytes.toByteArray()));
    }

    @Test
    void findsAStoredEntryAmongStoredOnes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(UTF_8));
            stored(zip, "x/Big.bin", new byte[1 << 16]);
            stored(zip, NAME, FRAGMENT);
            stored(zip, "y/After.class", new byte[10]);
        }
        assertArrayEquals(FRAGMENT, find(bytes.toByteArray()));
    }

    @Test
    void jarWithoutTheEntryAndEmptyJarGiveNull() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "a.txt", new byte[100]);
            deflated(zip, "b.txt", new byte[100]);
        }
        assertNull(find(bytes.toByteArray()));
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new ZipOutputStream(empty).close();
        assertNull(find(empty.toByteArray()));
    }

    @Test
    void somethingElseIsNotAJar() {
        assertThrows(ZipException.class, () -> find("hello, not a jar at all".getBytes(UTF_8)));
        assertThrows(ZipException.class, () -> find(new byte[0]));
    }

    /** The messages commons-io would word otherwise ("Bytes to skip: …") stay the ones users read. */
    @Test
    void aJarCutInsideAStoredEntryEndsEarlyInPlainWords() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "a/S.class", new byte[100_000]);
            deflated(zip, NAME, FRAGMENT);
        }
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), 50_000);
        EOFException e = assertThrows(EOFException.class, () -> find(cut));
        assertEquals("the jar ends inside an entry", e.getMessage());
    }

    @Test
    void anEntryLargerThanTheLimitIsNamed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            deflated(zip, NAME, new byte[2000]);
        }
        WarException e = assertThrows(WarException.class, () -> find(bytes.toByteArray(), 1000));
        assertEquals(NAME + " is too large: -1", e.getMessage(), "a data descriptor's size is known only by inflating");
        assertArrayEquals(new byte[1000], find(exactly(1000), 1000), "exactly the limit is accepted");
    }

    /** Every wanted entry, front to back: too large ones are named and passed over, the read goes on after them. */
    @Test
    void everyWantedEntryIsHandedOverAndTheTooLargeOnesAreNamedUnread() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "a/Small.class", new byte[10]);
            stored(zip, "a/Big.class", new byte[5000]);
            stored(zip, "a/notes.txt", new byte[100]);
            deflated(zip, "b/Bigger.class", new byte[6000]);
            deflated(zip, "b/Last.class", new byte[20]);
        }
        StringBuilder seen = new StringBuilder();
        NestedJarReader.scan(new ByteArrayInputStream(bytes.toByteArray()),
                (name, at, length) -> new String(name, at, length, UTF_8).endsWith(".class"), 1000, "lib.jar",
                new NestedJar.EntryHandler() {
                    @Override
                    public boolean accept(String name, byte[] content) {
                        seen.append(name).append('=').append(content.length).append(' ');
                        return true;
                    }

                    @Override
                    public void tooLarge(String name, long size) {
                        seen.append(name).append(">limit:").append(size).append(' ');
                    }
                });
        assertEquals("a/Small.class=10 a/Big.class>limit:5000 b/Bigger.class>limit:-1 b/Last.class=20 ",
                seen.toString(), "a stored entry's size is in its header; a deflated one's known only by inflating");
    }

    private static byte[] exactly(int size) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            deflated(zip, NAME, new byte[size]);
        }
        return bytes.toByteArray();
    }
}
