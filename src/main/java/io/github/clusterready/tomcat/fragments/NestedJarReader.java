package io.github.clusterready.tomcat.fragments;

import io.github.clusterready.tomcat.war.WarException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

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
        boolean first = true;
        while (true) {
            in.mark(MAX_HEADER);
            byte[] header = new byte[HEADER_SIZE];
            int n = readUpTo(in, header);
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
            if (readUpTo(in, nameAndExtra) < nameAndExtra.length) {
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
            skipFully(in, compressedSize);
        }
    }

    private static byte[] viaZipInputStream(InputStream in, String name, int limit, String location)
            throws IOException, WarException {
        ZipInputStream zip = new ZipInputStream(in);
        byte[] buffer = new byte[1 << 16];
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().equals(name)) {
                return readBounded(zip, limit, location + "!/" + name);
            }
            // Read past the entry here rather than in getNextEntry(), which would inflate it without bound.
            long inflated = 0;
            int n;
            while ((n = zip.read(buffer)) > 0) {
                inflated += n;
                if (inflated > JarDirectory.ENTRY_LIMIT) {
                    throw tooLarge(location, entry.getName(), "more than " + JarDirectory.ENTRY_LIMIT);
                }
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > limit) {
                throw new WarException(location + " is larger than " + limit + " bytes; that is no web fragment "
                        + "descriptor");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static int readUpTo(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        while (n < buffer.length) {
            int read = in.read(buffer, n, buffer.length - n);
            if (read < 0) {
                break;
            }
            n += read;
        }
        return n;
    }

    /** Reads past {@code count} bytes (an inflating stream's own skip() works in 512-byte steps). */
    private static void skipFully(InputStream in, long count) throws IOException {
        byte[] buffer = new byte[(int) Math.min(count, 1 << 16)];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(left, buffer.length));
            if (read < 0) {
                throw new EOFException("the jar ends inside an entry");
            }
            left -= read;
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFFFFFFL;
    }
}
