package io.github.clusterready.tomcat.fragments;

import io.github.clusterready.tomcat.war.WarException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.commons.io.IOUtils;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.output.NullOutputStream;

/**
 * Finds one entry in a jar that can only be read front to back (a deflated jar inside a WAR, too large to inflate
 * into memory). Entries whose local header gives their compressed size are skipped without decompressing them; from
 * the first entry that does not (it is followed by a data descriptor), the JDK's {@link ZipInputStream} reads on,
 * which has to inflate to find the end: at most {@link JarDirectory#ENTRY_LIMIT} bytes an entry.
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
     * The content of the entry {@code name} of the jar in {@code jar}, or null when the jar has none.
     *
     * @param limit the largest content accepted
     * @param location the jar, for messages
     * @throws ZipException when the stream is not a jar
     */
    static byte[] find(InputStream jar, String name, int limit, String location) throws IOException, WarException {
        BufferedInputStream in = new BufferedInputStream(jar, 1 << 16);
        byte[] skipBuffer = new byte[1 << 16];
        boolean first = true;
        while (true) {
            in.mark(MAX_HEADER);
            byte[] header = new byte[HEADER_SIZE];
            int n = IOUtils.read(in, header);
            int signature = n >= 4 ? (int) u32(header, 0) : -1;
            if (signature == CENTRAL_HEADER || (signature == END_OF_CENTRAL_DIRECTORY && first)) {
                return null;
            }
            if (signature != LOCAL_HEADER || n < HEADER_SIZE) {
                throw new ZipException(first ? "it does not start like a jar" : "an entry header is damaged");
            }
            first = false;
            int flags = u16(header, 6);
            long compressedSize = u32(header, 18);
            byte[] nameAndExtra = new byte[u16(header, 26) + u16(header, 28)];
            if (IOUtils.read(in, nameAndExtra) < nameAndExtra.length) {
                throw new EOFException("the jar ends inside an entry header");
            }
            String entryName = new String(nameAndExtra, 0, u16(header, 26), StandardCharsets.UTF_8);
            long size = u32(header, 22);
            if (size > JarDirectory.ENTRY_LIMIT && size != 0xFFFFFFFFL) {
                throw tooLarge(location, entryName, Long.toString(size));
            }
            if (entryName.equals(name) || (flags & 8) != 0 || compressedSize == 0xFFFFFFFFL) {
                in.reset();
                return viaZipInputStream(in, name, limit, location);
            }
            skipFully(in, compressedSize, skipBuffer);
        }
    }

    private static byte[] viaZipInputStream(InputStream in, String name, int limit, String location)
            throws IOException, WarException {
        ZipInputStream zip = new ZipInputStream(in);
        byte[] buffer = new byte[1 << 16]; // IOUtils.consume's own is 8 KiB: 8 times the calls into the inflater
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().equals(name)) {
                return readBounded(zip, limit, location + "!/" + name);
            }
            // Read past the entry here rather than in getNextEntry(), which would inflate it without bound.
            long inflated = IOUtils.copyLarge(bounded(zip, JarDirectory.ENTRY_LIMIT + 1L), NullOutputStream.INSTANCE,
                    buffer);
            if (inflated > JarDirectory.ENTRY_LIMIT) {
                throw tooLarge(location, entry.getName(), "more than " + JarDirectory.ENTRY_LIMIT);
            }
        }
        return null;
    }

    private static WarException tooLarge(String location, String entry, String size) {
        return new WarException(location + " holds " + entry + ", which inflates to " + size + " bytes, more than the "
                + JarDirectory.ENTRY_LIMIT + " bytes (1 GiB) this plugin accepts for an entry of a library jar: the "
                + "jar is damaged or a zip bomb. Replace the library and rebuild the WAR");
    }

    static byte[] readBounded(InputStream in, int limit, String location) throws IOException, WarException {
        byte[] bytes = IOUtils.toByteArray(bounded(in, limit + 1L));
        if (bytes.length > limit) {
            throw new WarException(location + " is larger than " + limit + " bytes; that is no web fragment "
                    + "descriptor");
        }
        return bytes;
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
