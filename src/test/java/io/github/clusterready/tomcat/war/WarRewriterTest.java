package io.github.clusterready.tomcat.war;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarRewriterTest {
    private static final String NAME = "WEB-INF/web.xml";
    private static final byte[] NEW_WEB_XML = TestWar.WEB_XML.replace("</display-name>\n",
            "</display-name>\n  <distributable/>\n").getBytes(UTF_8);

    @TempDir
    Path dir;

    private final WarRewriter rewriter = new WarRewriter();

    private Path typicalWar() throws IOException {
        return TestWar.write(dir.resolve("app.war"), war -> war
                .stored("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n")
                .deflated("WEB-INF/", "")
                .deflated("WEB-INF/classes/A.class", "class bytes ".repeat(100))
                .deflated(NAME, TestWar.WEB_XML)
                .deflated("WEB-INF/lib/x.jar", "jar bytes ".repeat(1000))
                .stored("index.html", "<html/>")
                .comment("built by the test"));
    }

    private void rewrite(Path war, Path target, Instant timestamp) throws Exception {
        try (WarArchive archive = WarArchive.open(war)) {
            rewriter.replaceEntry(archive, NAME, NEW_WEB_XML, timestamp, target);
        }
    }

    @Test
    void replacesOneEntryAndCopiesEveryOtherAsItWas() throws Exception {
        Path war = typicalWar();
        byte[] before = Files.readAllBytes(war);
        Path copy = dir.resolve("out.war");
        rewrite(war, copy, null);

        assertArrayEquals(before, Files.readAllBytes(war), "the source was changed");
        assertArrayEquals(NEW_WEB_XML, read(copy, NAME));
        assertSameEntriesBut(war, copy, NAME);
        assertStreamsCleanly(copy);
        // The bytes before the replaced entry are the same bytes, and so are those of the entries after it.
        byte[] after = Files.readAllBytes(copy);
        int start = indexOf(before, localHeaderName(NAME)) - 30;
        assertEquals(start, indexOf(after, localHeaderName(NAME)) - 30);
        assertArrayEquals(Arrays.copyOf(before, start), Arrays.copyOf(after, start));
        int nextBefore = indexOf(before, localHeaderName("WEB-INF/lib/x.jar"));
        int nextAfter = indexOf(after, localHeaderName("WEB-INF/lib/x.jar"));
        int endBefore = indexOf(before, new byte[] {'P', 'K', 1, 2});
        int endAfter = indexOf(after, new byte[] {'P', 'K', 1, 2});
        assertArrayEquals(Arrays.copyOfRange(before, nextBefore, endBefore),
                Arrays.copyOfRange(after, nextAfter, endAfter));
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            assertEquals("built by the test", zip.getComment());
            assertEquals("stored entry", zip.getEntry("index.html").getComment());
        }
    }

    @Test
    void replacesInPlaceKeepingTheEntryTimeUnlessGivenOne() throws Exception {
        Path war = typicalWar();
        Path reference = Files.copy(war, dir.resolve("reference.war"));
        rewrite(war, war, null);
        assertArrayEquals(NEW_WEB_XML, read(war, NAME));
        assertSameEntriesBut(reference, war, NAME);
        try (ZipFile original = new ZipFile(reference.toFile()); ZipFile rewritten = new ZipFile(war.toFile())) {
            assertEquals(original.getEntry(NAME).getTime(), rewritten.getEntry(NAME).getTime());
        }

        Instant timestamp = Instant.parse("2030-01-02T03:04:06Z");
        rewrite(reference, war, timestamp);
        try (ZipFile rewritten = new ZipFile(war.toFile())) {
            assertEquals(java.time.LocalDateTime.of(2030, 1, 2, 3, 4, 6),
                    rewritten.getEntry(NAME).getTimeLocal());
        }
        assertOnlyFiles("app.war", "reference.war");
    }

    @Test
    void aWarThatIsASymbolicLinkIsRewrittenThroughItAtomically() throws Exception {
        Path real = Files.move(typicalWar(), Files.createDirectories(dir.resolve("build")).resolve("app-1.0.war"));
        Path reference = Files.copy(real, dir.resolve("reference.war"));
        Path link = Files.createSymbolicLink(dir.resolve("app.war"), Path.of("build/app-1.0.war"));
        List<String> besideTheTarget = new ArrayList<>();
        WarRewriter watched = new WarRewriter(step -> {
            if (step.equals("move the copy over the target")) {
                try (Stream<Path> files = Files.list(real.getParent())) {
                    files.forEach(f -> besideTheTarget.add(f.getFileName().toString()));
                }
            }
        });
        try (WarArchive archive = WarArchive.open(link)) {
            watched.replaceEntry(archive, NAME, NEW_WEB_XML, null, link);
        }

        assertTrue(Files.isSymbolicLink(link), "the link was replaced by a regular file");
        assertEquals(Path.of("build/app-1.0.war"), Files.readSymbolicLink(link));
        assertArrayEquals(NEW_WEB_XML, read(real, NAME));
        assertSameEntriesBut(reference, real, NAME);
        assertEquals(2, besideTheTarget.size(), "the copy is written beside the link's target: " + besideTheTarget);
        assertOnlyFiles("app.war", "build", "reference.war");
    }

    @Test
    void storedEntryStaysStored() throws Exception {
        Path war = TestWar.write(dir.resolve("stored.war"), w -> w
                .stored(NAME, TestWar.WEB_XML).stored("a.txt", "a"));
        Path copy = dir.resolve("copy.war");
        rewrite(war, copy, null);
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            assertEquals(ZipEntry.STORED, zip.getEntry(NAME).getMethod());
            assertEquals("stored entry", zip.getEntry(NAME).getComment());
        }
        assertArrayEquals(NEW_WEB_XML, read(copy, NAME));
        assertSameEntriesBut(war, copy, NAME);
        assertStreamsCleanly(copy);
    }

    @Test
    void addsTheEntryAfterAllOthersWhenMissing() throws Exception {
        Path war = TestWar.write(dir.resolve("plain.war"), w -> w
                .deflated("WEB-INF/classes/A.class", "a").stored("index.html", "i"));
        Path copy = dir.resolve("copy.war");
        rewrite(war, copy, Instant.parse("2026-11-25T00:00:00Z"));
        assertEquals(List.of("WEB-INF/classes/A.class", "index.html", NAME), names(copy));
        assertArrayEquals(NEW_WEB_XML, read(copy, NAME));
        assertSameEntriesBut(war, copy, NAME);
        assertStreamsCleanly(copy);
    }

    @Test
    void zip64ArchiveWithMoreThan65535EntriesStaysValid() throws Exception {
        Path war = TestWar.write(dir.resolve("big.war"), w -> {
            w.deflated(NAME, TestWar.WEB_XML);
            for (int i = 0; i < 70_000; i++) {
                w.deflated("WEB-INF/classes/C" + i + ".class", "");
            }
        });
        Path copy = dir.resolve("copy.war");
        rewrite(war, copy, null);
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            assertEquals(70_001, zip.size());
        }
        assertArrayEquals(NEW_WEB_XML, read(copy, NAME));
    }

    @Test
    void entryNamesThatClimbOutAreCopiedAsTheyAreAndNeverExtracted() throws Exception {
        Path war = TestWar.write(dir.resolve("odd.war"), w -> w
                .deflated("../../evil.txt", "outside").deflated(NAME, TestWar.WEB_XML)
                .deflated("WEB-INF/../../x.jsp", "up"));
        Path copy = dir.resolve("copy.war");
        rewrite(war, copy, null);
        assertEquals(List.of("../../evil.txt", NAME, "WEB-INF/../../x.jsp"), names(copy));
        assertSameEntriesBut(war, copy, NAME);
        assertOnlyFiles("odd.war", "copy.war");
        assertTrue(Files.notExists(dir.getParent().getParent().resolve("evil.txt")));
    }

    @Test
    void aDirectoryListedInAnotherOrderThanTheDataIsRewrittenAsWell() throws Exception {
        Path war = typicalWar();
        reverseCentralDirectory(war);
        List<String> reversed = names(war);
        assertEquals("index.html", reversed.get(0)); // the archive really lists its entries backwards now
        Path copy = dir.resolve("out.war");
        rewrite(war, copy, null);

        assertArrayEquals(NEW_WEB_XML, read(copy, NAME));
        assertSameEntriesBut(war, copy, NAME);
        assertEquals(reversed, names(copy));
    }

    @Test
    void sharedBytesAreFoundWhateverOrderTheDirectoryListsTheEntriesIn() throws Exception {
        Path war = TestWar.write(dir.resolve("overlap.war"), w -> w
                .stored("a.txt", "a").deflated(NAME, TestWar.WEB_XML).stored("b.txt", "b"));
        long webXml = localHeaderOffset(war, NAME);
        patchCentralRecord(war, "a.txt", 20, webXml); // a.txt's data runs over web.xml's local header
        reverseCentralDirectory(war);
        byte[] before = Files.readAllBytes(war);
        WarException e = assertThrows(WarException.class, () -> rewrite(war, war, null));
        assertTrue(e.getMessage().contains("its entries a.txt and WEB-INF/web.xml share bytes (WEB-INF/web.xml "
                + "starts at byte " + webXml + ", inside a.txt (bytes 0 to "), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(war));
    }

    @Test
    void duplicateEntryIsRefused() throws Exception {
        Path war = TestWar.write(dir.resolve("dup.war"), w -> w
                .deflated(NAME, TestWar.WEB_XML).deflated("WEB-INF/web.xmX", TestWar.WEB_XML));
        byte[] bytes = Files.readAllBytes(war);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("web.xmX", "web.xml");
        Files.write(war, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        byte[] before = Files.readAllBytes(war);
        WarException e = assertThrows(WarException.class, () -> rewrite(war, war, null));
        assertTrue(e.getMessage().contains("holds WEB-INF/web.xml more than once"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(war));
    }

    @Test
    void twoRecordsForOneLocalHeaderAreRefusedNamingBoth() throws Exception {
        Path war = TestWar.write(dir.resolve("shared.war"), w -> w
                .stored("a.txt", "a").deflated(NAME, TestWar.WEB_XML).stored("b.txt", "b"));
        // b.txt's central record points at web.xml's local header: after a rewrite it would read the new web.xml.
        patchCentralRecord(war, "b.txt", 42, localHeaderOffset(war, NAME));
        byte[] before = Files.readAllBytes(war);
        WarException e = assertThrows(WarException.class, () -> rewrite(war, war, null));
        assertEquals("shared.war is not a well-formed WAR (ZIP) file: its entries WEB-INF/web.xml and b.txt share bytes "
                + "(both start at byte " + localHeaderOffset(war, NAME) + "), which only a damaged or crafted "
                + "archive does, and rewriting one would change the other; rebuild the WAR with maven-war-plugin or "
                + "jar", e.getMessage().replace(dir + "/", ""));
        assertArrayEquals(before, Files.readAllBytes(war));
    }

    @Test
    void dataRunningIntoTheNextEntryIsRefusedNamingBoth() throws Exception {
        Path war = TestWar.write(dir.resolve("overlap.war"), w -> w
                .stored("a.txt", "a").deflated(NAME, TestWar.WEB_XML).stored("b.txt", "b"));
        long webXml = localHeaderOffset(war, NAME);
        // a.txt's data now runs over web.xml's local header, as in an overlapping "zip bomb".
        patchCentralRecord(war, "a.txt", 20, webXml);
        byte[] before = Files.readAllBytes(war);
        WarException e = assertThrows(WarException.class, () -> rewrite(war, war, null));
        assertTrue(e.getMessage().contains("its entries a.txt and WEB-INF/web.xml share bytes (WEB-INF/web.xml "
                + "starts at byte " + webXml + ", inside a.txt (bytes 0 to "), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(war));
    }

    @Test
    void aLocalHeaderLongerThanItsCentralRecordThatRunsIntoTheNextEntryIsRefused() throws Exception {
        Path war = TestWar.write(dir.resolve("long.war"), w -> w
                .stored(NAME, TestWar.WEB_XML).stored("b.txt", "b"));
        // web.xml's local header claims 4 bytes more of extra field than it has: its data, so read, ends 4 bytes
        // into b.txt.
        byte[] bytes = Files.readAllBytes(war);
        bytes[28] += 4;
        Files.write(war, bytes);
        WarException e = assertThrows(WarException.class, () -> rewrite(war, war, null));
        assertTrue(e.getMessage().contains("its entries WEB-INF/web.xml and b.txt share bytes"), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(war));
        assertOnlyFiles("long.war");
    }

    @Test
    void fileThatIsNotAZipIsAClearError() throws Exception {
        Path war = Files.write(dir.resolve("broken.war"), "not a zip at all".getBytes(UTF_8));
        WarException e = assertThrows(WarException.class, () -> WarArchive.open(war));
        assertTrue(e.getMessage().contains("broken.war is not a readable WAR (ZIP) file"), e.getMessage());
        Path truncated = dir.resolve("truncated.war");
        byte[] whole = Files.readAllBytes(typicalWar());
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 30));
        assertThrows(WarException.class, () -> WarArchive.open(truncated));
    }

    @Test
    void failedMoveLeavesTheOriginalAndNoTemporaryFile() throws Exception {
        Path war = typicalWar();
        byte[] before = Files.readAllBytes(war);
        Path occupied = Files.createDirectories(dir.resolve("occupied.war"));
        Files.write(occupied.resolve("keep"), new byte[] {1});
        assertThrows(IOException.class, () -> rewrite(war, occupied, null));
        assertArrayEquals(before, Files.readAllBytes(war));
        assertOnlyFiles("app.war", "occupied.war");
    }

    private void assertOnlyFiles(String... names) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Arrays.stream(names).sorted().collect(Collectors.toList()),
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }

    private static byte[] read(Path war, String name) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile()); InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    private static List<String> names(Path war) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            zip.stream().forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    /** Same entries in the same order with the same metadata and content, but for {@code except}. */
    private static void assertSameEntriesBut(Path expected, Path actual, String except) throws IOException {
        try (ZipFile a = new ZipFile(expected.toFile()); ZipFile b = new ZipFile(actual.toFile())) {
            List<ZipEntry> left = new ArrayList<>();
            List<ZipEntry> right = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = a.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (!entry.getName().equals(except)) {
                    left.add(entry);
                }
            }
            for (Enumeration<? extends ZipEntry> e = b.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (!entry.getName().equals(except)) {
                    right.add(entry);
                }
            }
            assertEquals(left.size(), right.size());
            for (int i = 0; i < left.size(); i++) {
                ZipEntry x = left.get(i);
                ZipEntry y = right.get(i);
                assertEquals(x.getName(), y.getName());
                assertEquals(x.getCrc(), y.getCrc(), x.getName());
                assertEquals(x.getCompressedSize(), y.getCompressedSize(), x.getName());
                assertEquals(x.getMethod(), y.getMethod(), x.getName());
                assertEquals(x.getTime(), y.getTime(), x.getName());
                assertEquals(x.getComment(), y.getComment(), x.getName());
                assertArrayEquals(x.getExtra(), y.getExtra(), x.getName());
                try (InputStream in1 = a.getInputStream(x); InputStream in2 = b.getInputStream(y)) {
                    assertArrayEquals(in1.readAllBytes(), in2.readAllBytes(), x.getName());
                }
            }
        }
    }

    /** Reads the archive front to back through the local headers, as streaming readers do. */
    private static void assertStreamsCleanly(Path war) throws IOException {
        int count = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertNotNull(in.readAllBytes());
                count++;
            }
        }
        assertEquals(names(war).size(), count);
    }

    /** Overwrites 4 bytes at {@code field} of the central-directory record of {@code name}. */
    private static void patchCentralRecord(Path war, String name, int field, long value) throws IOException {
        byte[] bytes = Files.readAllBytes(war);
        int at = centralRecord(bytes, name);
        for (int i = 0; i < 4; i++) {
            bytes[at + field + i] = (byte) (value >>> 8 * i);
        }
        Files.write(war, bytes);
    }

    /** Lists the records of the central directory in reverse order; the data stays where it is. */
    private static void reverseCentralDirectory(Path war) throws IOException {
        byte[] bytes = Files.readAllBytes(war);
        int end = bytes.length - 22;
        while (ZipFormat.u32(bytes, end) != ZipFormat.END_OF_CENTRAL_DIRECTORY) {
            end--;
        }
        int start = (int) ZipFormat.u32(bytes, end + 16);
        List<byte[]> records = new ArrayList<>();
        for (int at = start; at < end;) {
            int length = 46 + ZipFormat.u16(bytes, at + 28) + ZipFormat.u16(bytes, at + 30) + ZipFormat.u16(bytes, at + 32);
            records.add(Arrays.copyOfRange(bytes, at, at + length));
            at += length;
        }
        Collections.reverse(records);
        int at = start;
        for (byte[] record : records) {
            System.arraycopy(record, 0, bytes, at, record.length);
            at += record.length;
        }
        Files.write(war, bytes);
    }

    private static long localHeaderOffset(Path war, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(war);
        int at = centralRecord(bytes, name);
        return (bytes[at + 42] & 0xFF) | (bytes[at + 43] & 0xFF) << 8 | (bytes[at + 44] & 0xFF) << 16
                | (long) (bytes[at + 45] & 0xFF) << 24;
    }

    private static int centralRecord(byte[] bytes, String name) {
        byte[] signature = {'P', 'K', 1, 2};
        for (int at = indexOf(bytes, signature); at >= 0; ) {
            int nameLength = (bytes[at + 28] & 0xFF) | (bytes[at + 29] & 0xFF) << 8;
            if (new String(bytes, at + 46, nameLength, UTF_8).equals(name)) {
                return at;
            }
            int next = indexOf(Arrays.copyOfRange(bytes, at + 4, bytes.length), signature);
            at = next < 0 ? -1 : at + 4 + next;
        }
        throw new AssertionError("no central record for " + name);
    }

    private static byte[] localHeaderName(String name) {
        return name.getBytes(UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
