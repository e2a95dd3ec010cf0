package io.github.clusterready.tomcat.war;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.commons.io.IOUtils;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.output.NullOutputStream;

/**
 * Reads the wanted entries of a jar that can only be read front to back (a deflated jar inside a WAR, too large to
 * inflate into memory). Entries whose local header gives their compressed size are skipped without decompressing
 * them, or (when wanted) read and inflated to exactly the size the header gives; from the first entry that does not
 * (it is followed by a data descriptor), the JDK's {@link ZipInputStream} reads on, which has to inflate every entry
 * to find its end: at most {@link JarDirectory#ENTRY_LIMIT} bytes an entry, and a wanted one is read only up to the
 * caller's limit, the rest of it inflated into nothing (within the same bound).
 */
final class NestedJarReader {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int HEADER_SIZE = 30;
    private static final int MAX_HEADER = HEADER_SIZE + 2 * 0xFFFF;

    private NestedJarReader() {
    }

    /**
     * Hands the content of each entry of the jar in {@code jar} that {@code wanted} names to {@code handler}, in
     * the jar's order, until it returns false.
     *
     * @param limit the largest content accepted; a larger wanted entry goes to
     *        {@link NestedJar.EntryHandler#tooLarge} (with its size, or -1 when only inflating it tells)
     * @param location the jar, for messages
     * @throws ZipException when the stream is not a jar
     */
    static void scan(InputStream jar, NestedJar.Wanted wanted, int limit, String location,
            NestedJar.EntryHandler handler) throws IOException, WarException {
        BufferedInputStream in = new BufferedInputStream(jar, 1 << 16);
        byte[] skipBuffer = new byte[1 << 16];
        boolean first = true;
        while (true) {
            in.mark(MAX_HEADER);
            byte[] header = new byte[HEADER_SIZE];
            int n = IOUtils.read(in, header);
            int signature = n >= 4 ? (int) u32(header, 0) : -1;
            if (signature == CENTRAL_HEADER || (signature == END_OF_CENTRAL_DIRECTORY && first)) {
                return;
            }
            if (signature != LOCAL_HEADER || n < HEADER_SIZE) {
                throw new ZipException(first ? "it does not start like a jar" : "an entry header is damaged");
            }
            first = false;
            int flags = u16(header, 6);
            long compressedSize = u32(header, 18);
            int nameLength = u16(header, 26);
            byte[] nameAndExtra = new byte[nameLength + u16(header, 28)];
            if (IOUtils.read(in, nameAndExtra) < nameAndExtra.length) {
                throw new EOFException("the jar ends inside an entry header");
            }
            String entryName = new String(nameAndExtra, 0, nameLength, StandardCharsets.UTF_8);
            long size = u32(header, 22);
            if (size > JarDirectory.ENTRY_LIMIT && size != 0xFFFFFFFFL) {
                throw NestedJar.tooLarge(location, entryName, Long.toString(size));
            }
            if ((flags & 8) != 0 || compressedSize == 0xFFFFFFFFL || size == 0xFFFFFFFFL) {
                in.reset();
                viaZipInputStream(in, wanted, limit, location, handler);
                return;
            }
            if (!wanted.wants(nameAndExtra, 0, nameLength)) {
                skipFully(in, compressedSize, skipBuffer);
            } else if (size > limit) {
                handler.tooLarge(entryName, size);
                skipFully(in, compressedSize, skipBuffer);
            } else if (!handler.accept(entryName, content(in, header, entryName, compressedSize, (int) size))) {
                return;
            }
        }
    }

    /** The content of an entry whose local header gives its sizes: exactly that many bytes, or the jar is damaged. */
    private static byte[] content(InputStream in, byte[] header, String name, long compressedSize, int size)
            throws IOException {
        // Deflate adds at most 5 bytes per 16 KiB block to what it cannot compress: more is a damaged header.
        if (compressedSize > size + size / 1024 + 64) {
            throw new ZipException(name + " records " + compressedSize + " compressed bytes for " + size);
        }
        byte[] data = new byte[(int) compressedSize];
        if (IOUtils.read(in, data) < data.length) {
            throw new EOFException("the jar ends inside an entry");
        }
        byte[] content = JarDirectory.contentOf(data, u16(header, 8), size, name);
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length);
        if (crc.getValue() != u32(header, 14)) {
            throw new ZipException(name + " does not match its checksum");
        }
        return content;
    }

    private static void viaZipInputStream(InputStream in, NestedJar.Wanted wanted, int limit, String location,
            NestedJar.EntryHandler handler) throws IOException, WarException {
        ZipInputStream zip = new ZipInputStream(in);
        byte[] buffer = new byte[1 << 16]; // IOUtils.consume's own is 8 KiB: 8 times the calls into the inflater
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getSize() > JarDirectory.ENTRY_LIMIT) {
                throw NestedJar.tooLarge(location, entry.getName(), Long.toString(entry.getSize()));
            }
            byte[] name = entry.getName().getBytes(StandardCharsets.UTF_8);
            long read = 0;
            if (wanted.wants(name, 0, name.length)) {
                byte[] content = IOUtils.toByteArray(bounded(zip, limit + 1L));
                if (content.length <= limit) {
                    if (!handler.accept(entry.getName(), content)) {
                        return;
                    }
                    continue;
                }
                handler.tooLarge(entry.getName(), -1);
                read = content.length;
            }
            // Read past the entry here rather than in getNextEntry(), which would inflate it without bound.
            long inflated = read + IOUtils.copyLarge(bounded(zip, JarDirectory.ENTRY_LIMIT + 1L - read),
                    NullOutputStream.INSTANCE, buffer);
            if (inflated > JarDirectory.ENTRY_LIMIT) {
                throw NestedJar.tooLarge(location, entry.getName(), "more than " + JarDirectory.ENTRY_LIMIT);
            }
        }
    }

    /** At most {@code max} bytes of {@code in}, which stays open: the caller reads on. */
    private static InputStream bounded(InputStream in, long max) throws IOException {
        return BoundedInputStream.builder().setInputStream(in).setMaxCount(max).setPropagateClose(false).get();
    }

    /**
     * Reads past {@code count} bytes with {@link IOUtils#skipFully}, which reads rather than calling the stream's
     * skip() (an inflating stream's own works in 512-byte steps), through a 64 KiB buffer (its own is 8 KiB).
     */
    private static void skipFully(InputStream in, long count, byte[] buffer) throws IOException {
        try {
            IOUtils.skipFully(in, count, () -> buffer);
        } catch (EOFException e) {
            // commons-io says "Bytes to skip: …"; users read this in "… is not a readable jar (…)"
            throw new EOFException("the jar ends inside an entry");
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFFFFFFL;
    }
}
