package io.github.clusterready.tomcat.war;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;
import org.apache.commons.io.IOUtils;

/**
 * Reads the wanted entries of a jar that can be read at any position (a file, a stored entry of the WAR, or a jar
 * inflated into memory) through the jar's central directory, the way Tomcat's {@code JarFile} does, and only those:
 * the other entries are never inflated, however large they claim to be. Every record's size is checked against
 * {@link #ENTRY_LIMIT} before any entry is read, and a wanted entry is inflated to exactly the size its record
 * gives (more or fewer bytes: the jar is damaged).
 *
 * <p>Hand-written rather than Commons Compress's {@code ZipFile}, which builds an entry object (name, extra fields,
 * a map entry) for every entry of the jar and by default reads every local header, where the fragment scan wants
 * one entry of each of a WAR's hundred jars; and the JDK's {@code ZipFile} reads only files. This walks the central
 * directory records in place, asks for each name as bytes whether it is wanted, and checks each record's recorded
 * size against {@link #ENTRY_LIMIT}.
 */
final class JarDirectory {
    /** An entry of a library jar recorded as inflating to more than this makes the jar a zip bomb or damaged. */
    static final long ENTRY_LIMIT = NestedJar.ENTRY_LIMIT;
    /** A central directory larger than this (a jar of about a million entries) is refused, not read into memory. */
    private static final int DIRECTORY_LIMIT = 64 * 1024 * 1024;

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int ZIP64_END_SIZE = 56;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIZE = 30;
    private static final long MAX_32 = 0xFFFFFFFFL;

    private JarDirectory() {
    }

    /**
     * Hands the content of each entry of {@code jar} that {@code wanted} names to {@code handler}, in the central
     * directory's order, until it returns false.
     *
     * @param limit the largest content accepted; a wanted entry recorded as larger goes to
     *        {@link NestedJar.EntryHandler#tooLarge}, unread
     * @param location the jar as the user knows it ({@code target/app.war!/WEB-INF/lib/foo.jar}), for messages
     * @throws ZipException when the jar is not a readable ZIP archive (the caller says so, naming the jar)
     * @throws WarException when the jar records an entry above {@link #ENTRY_LIMIT}, or the handler throws it
     */
    static void scan(SeekableByteChannel jar, NestedJar.Wanted wanted, int limit, String location,
            NestedJar.EntryHandler handler) throws IOException, WarException {
        long size = jar.size();
        if (size < END_SIZE) {
            throw new ZipException("it has no end of central directory record");
        }
        int tailLength = (int) Math.min(size, END_SIZE + 0xFFFF);
        byte[] tail = read(jar, size - tailLength, tailLength);
        int end = -1;
        for (int at = tailLength - END_SIZE; at >= 0; at--) {
            if (u32(tail, at) == END && at + END_SIZE + u16(tail, at + 20) <= tailLength) {
                end = at;
                break;
            }
        }
        if (end < 0) {
            throw new ZipException("it has no end of central directory record");
        }
        long endPosition = size - tailLength + end;
        long count = u16(tail, end + 10);
        long directorySize = u32(tail, end + 12);
        long directoryOffset = u32(tail, end + 16);
        long directoryEnd = endPosition;
        if (endPosition >= ZIP64_LOCATOR_SIZE) {
            byte[] locator = read(jar, endPosition - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
            if (u32(locator, 0) == ZIP64_LOCATOR) {
                long zip64Position = u64(locator, 8);
                if (zip64Position < 0 || zip64Position > endPosition - ZIP64_LOCATOR_SIZE - ZIP64_END_SIZE) {
                    throw new ZipException("its Zip64 end record is outside the jar");
                }
                byte[] zip64 = read(jar, zip64Position, ZIP64_END_SIZE);
                if (u32(zip64, 0) != ZIP64_END) {
                    throw new ZipException("its Zip64 end record is missing");
                }
                count = u64(zip64, 32);
                directorySize = u64(zip64, 40);
                directoryOffset = u64(zip64, 48);
                directoryEnd = zip64Position;
            }
        }
        // Bytes put before the archive (a launcher stub) shift every offset it records; the JDK's ZipFile, which
        // Tomcat reads jars with, accepts that, so this does too.
        long base = directoryEnd - directorySize - directoryOffset;
        if (directorySize < 0 || directoryOffset < 0 || base < 0 || directorySize > directoryEnd) {
            throw new ZipException("its end record puts the central directory outside the jar");
        }
        if (directorySize > DIRECTORY_LIMIT) {
            throw new WarException(location + " has a central directory of " + directorySize + " bytes, more than the "
                    + DIRECTORY_LIMIT + " this plugin reads for a library jar");
        }
        byte[] directory = read(jar, directoryEnd - directorySize, (int) directorySize);
        List<Record> found = new ArrayList<>();
        long records = 0;
        for (int at = 0; at < directory.length; records++) {
            if (at + CENTRAL_SIZE > directory.length || u32(directory, at) != CENTRAL_HEADER) {
                throw new ZipException("its central directory is damaged after " + records + " entries");
            }
            int nameLength = u16(directory, at + 28);
            int extraLength = u16(directory, at + 30);
            int next = at + CENTRAL_SIZE + nameLength + extraLength + u16(directory, at + 32);
            if (next > directory.length) {
                throw new ZipException("its central directory is damaged after " + records + " entries");
            }
            long compressed = u32(directory, at + 20);
            long inflated = u32(directory, at + 24);
            long offset = u32(directory, at + 42);
            if (compressed == MAX_32 || inflated == MAX_32 || offset == MAX_32) {
                int extra = at + CENTRAL_SIZE + nameLength;
                long[] values = zip64(directory, extra, extra + extraLength, inflated, compressed, offset);
                inflated = values[0];
                compressed = values[1];
                offset = values[2];
            }
            if (inflated < 0 || inflated > ENTRY_LIMIT) {
                throw new WarException(location + " holds " + new String(directory, at + CENTRAL_SIZE, nameLength,
                        StandardCharsets.UTF_8) + ", recorded as inflating to " + Long.toUnsignedString(inflated)
                        + " bytes, more than the " + ENTRY_LIMIT + " bytes (1 GiB) this plugin accepts for an entry "
                        + "of a library jar: the jar is damaged or a zip bomb. Replace the library and rebuild the "
                        + "WAR");
            }
            if (wanted.wants(directory, at + CENTRAL_SIZE, nameLength)) {
                found.add(new Record(new String(directory, at + CENTRAL_SIZE, nameLength, StandardCharsets.UTF_8),
                        offset, compressed, inflated, u32(directory, at + 16), u16(directory, at + 10),
                        u16(directory, at + 8)));
            }
            at = next;
        }
        if (records != count && count != 0xFFFF) {
            throw new ZipException("its central directory lists " + records + " entries, its end record " + count);
        }
        for (Record record : found) {
            if (record.size > limit) {
                handler.tooLarge(record.name, record.size);
            } else if (!handler.accept(record.name, content(jar, base, size, record))) {
                return;
            }
        }
    }

    /** One wanted entry as the central directory records it. */
    private static final class Record {
        final String name;
        final long offset;
        final long compressed;
        final long size;
        final long crc;
        final int method;
        final int flags;

        Record(String name, long offset, long compressed, long size, long crc, int method, int flags) {
            this.name = name;
            this.offset = offset;
            this.compressed = compressed;
            this.size = size;
            this.crc = crc;
            this.method = method;
            this.flags = flags;
        }
    }

    private static byte[] content(SeekableByteChannel jar, long base, long size, Record record) throws IOException {
        String name = record.name;
        if ((record.flags & 1) != 0) {
            throw new ZipException(name + " is encrypted");
        }
        byte[] local = read(jar, base + record.offset, LOCAL_SIZE);
        if (u32(local, 0) != LOCAL_HEADER) {
            throw new ZipException(name + " has no local header where the central directory says");
        }
        long dataStart = base + record.offset + LOCAL_SIZE + u16(local, 26) + u16(local, 28);
        if (record.compressed < 0 || dataStart + record.compressed > size) {
            throw new ZipException(name + " extends past the end of the jar");
        }
        // Deflate adds at most 5 bytes per 16 KiB block to what it cannot compress: more is a damaged record.
        if (record.compressed > record.size + record.size / 1024 + 64) {
            throw new ZipException(name + " records " + record.compressed + " compressed bytes for " + record.size);
        }
        byte[] content = contentOf(read(jar, dataStart, (int) record.compressed), record.method, (int) record.size,
                name);
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length);
        if (crc.getValue() != record.crc) {
            throw new ZipException(name + " does not match its checksum");
        }
        return content;
    }

    /** Inflates (or takes) exactly {@code size} bytes: more or fewer means the jar is damaged. */
    static byte[] contentOf(byte[] data, int method, int size, String name) throws ZipException {
        if (method == 0) {
            if (data.length != size) {
                throw new ZipException(name + " is stored with " + data.length + " bytes but records " + size);
            }
            return data;
        }
        if (method != 8) {
            throw new ZipException(name + " uses compression method " + method);
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data);
            byte[] content = new byte[size];
            int filled = 0;
            while (filled < size) {
                int n = inflater.inflate(content, filled, size - filled);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                filled += n;
            }
            byte[] probe = new byte[1];
            if (filled != size || !inflater.finished() && inflater.inflate(probe) > 0) {
                throw new ZipException(name + " does not inflate to the " + size + " bytes it records");
            }
            return content;
        } catch (DataFormatException e) {
            throw new ZipException(name + " cannot be inflated: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** The Zip64 values of a central record: inflated size, compressed size, local header offset. */
    private static long[] zip64(byte[] b, int from, int to, long inflated, long compressed, long offset)
            throws ZipException {
        for (int at = from; at + 4 <= to; at += 4 + u16(b, at + 2)) {
            if (u16(b, at) == 1) {
                int next = at + 4;
                int end = Math.min(to, next + u16(b, at + 2));
                long[] values = {inflated, compressed, offset};
                for (int i = 0; i < 3; i++) {
                    if (values[i] == MAX_32) {
                        if (next + 8 > end) {
                            throw new ZipException("an entry's Zip64 extra field is too short");
                        }
                        values[i] = u64(b, next);
                        next += 8;
                    }
                }
                return values;
            }
        }
        throw new ZipException("an entry lacks its Zip64 extra field");
    }

    private static byte[] read(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(position);
        if (IOUtils.read(channel, buffer) < length) {
            throw new EOFException("the jar ends early"); // not readFully's "Length to read: …": users read this one
        }
        return buffer.array();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & MAX_32;
    }

    private static long u64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
