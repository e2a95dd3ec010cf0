package io.github.clusterready.tomcat.war;

import static io.github.clusterready.tomcat.war.ZipFormat.CENTRAL_HEADER_SIZE;
import static io.github.clusterready.tomcat.war.ZipFormat.CENTRAL_HEADER;
import static io.github.clusterready.tomcat.war.ZipFormat.EXTENDED_TIMESTAMP_EXTRA;
import static io.github.clusterready.tomcat.war.ZipFormat.FLAG_DATA_DESCRIPTOR;
import static io.github.clusterready.tomcat.war.ZipFormat.FLAG_UTF8;
import static io.github.clusterready.tomcat.war.ZipFormat.LOCAL_HEADER;
import static io.github.clusterready.tomcat.war.ZipFormat.LOCAL_HEADER_SIZE;
import static io.github.clusterready.tomcat.war.ZipFormat.MAX_16;
import static io.github.clusterready.tomcat.war.ZipFormat.MAX_32;
import static io.github.clusterready.tomcat.war.ZipFormat.ZIP64_END_OF_CENTRAL_DIRECTORY;
import static io.github.clusterready.tomcat.war.ZipFormat.ZIP64_END_SIZE;
import static io.github.clusterready.tomcat.war.ZipFormat.ZIP64_EXTRA;
import static io.github.clusterready.tomcat.war.ZipFormat.ZIP64_LOCATOR;
import static io.github.clusterready.tomcat.war.ZipFormat.ZIP64_LOCATOR_SIZE;
import static io.github.clusterready.tomcat.war.ZipFormat.put16;
import static io.github.clusterready.tomcat.war.ZipFormat.put32;
import static io.github.clusterready.tomcat.war.ZipFormat.put64;
import static io.github.clusterready.tomcat.war.ZipFormat.u16;
import static io.github.clusterready.tomcat.war.ZipFormat.u32;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a copy of a WAR in which one entry has new content, or is added when the WAR lacks it. Every other
 * entry is copied as raw bytes (local header, compressed data, data descriptor), in the same order, and the
 * central directory keeps each record as it was but for the shifted offsets. The copy is checked, then moved
 * over the target atomically.
 */
public final class WarRewriter {
    /** The earliest time a ZIP entry can hold: MS-DOS dates count years from 1980. */
    public static final Instant EARLIEST_ENTRY_TIME = Instant.ofEpochSecond(315_532_800L); // 1980-01-01T00:00:00Z
    /** The latest: seven bits of years after 1980 (and two-second steps, so :59 is written as :58). */
    public static final Instant LATEST_ENTRY_TIME = Instant.ofEpochSecond(4_354_819_199L); // 2107-12-31T23:59:59Z

    private final RewriteSteps steps;

    public WarRewriter() {
        this(RewriteSteps.NONE);
    }

    WarRewriter(RewriteSteps steps) {
        this.steps = steps;
    }

    /**
     * Writes {@code war} to {@code target} with the entry {@code name} holding {@code content}.
     *
     * @param timestamp the new entry's modification time; null keeps the replaced entry's (or, for an added
     *     entry, uses the current time)
     * @param target may be the archive's own path: it is replaced only once the new archive is complete
     */
    public void replaceEntry(WarArchive war, String name, byte[] content, Instant timestamp, Path target)
            throws IOException, WarException {
        try (AtomicFile.Pending pending = prepareReplaceEntry(war, name, content, timestamp, target)) {
            pending.commit();
        }
    }

    /**
     * Like {@link #replaceEntry}, but the checked copy replaces {@code target} only on
     * {@link AtomicFile.Pending#commit()}.
     */
    public AtomicFile.Pending prepareReplaceEntry(WarArchive war, String name, byte[] content, Instant timestamp,
            Path target) throws IOException, WarException {
        if (timestamp != null && (timestamp.isBefore(EARLIEST_ENTRY_TIME) || timestamp.isAfter(LATEST_ENTRY_TIME))) {
            throw new WarException("The time " + timestamp + " for " + war.displayName() + "!/" + name + " is outside "
                    + "the times a ZIP entry can hold, " + EARLIEST_ENTRY_TIME + " to " + LATEST_ENTRY_TIME);
        }
        WarEntry old = war.findUnambiguous(name);
        if (old != null && old.isEncrypted()) {
            throw new WarException(war.displayName() + "!/" + name + " is encrypted, which a WAR must not be");
        }
        int method = old == null ? WarEntry.METHOD_DEFLATED : old.method;
        if (method != WarEntry.METHOD_STORED && method != WarEntry.METHOD_DEFLATED) {
            throw new WarException(war.displayName() + "!/" + name + " uses compression method " + method
                    + "; servlet containers read only stored and deflated entries");
        }
        NewEntry entry = new NewEntry(content, method);
        return AtomicFile.prepare(target, war.path(), (out, temporary) -> {
            write(war, old, name, entry, timestamp, out);
            steps.reached("check the copy");
            check(temporary, war, name, content);
            steps.reached("move the copy over the target");
        });
    }

    private void write(WarArchive war, WarEntry old, String name, NewEntry entry, Instant timestamp,
            FileChannel out) throws IOException, WarException {
        FileChannel in = war.channel;
        long oldStart = old == null ? war.centralDirectoryOffset : old.localHeaderOffset;
        long oldEnd = old == null ? war.centralDirectoryOffset : war.endOf(old);
        if (old != null && war.dataStart(old) + old.compressedSize > oldEnd) {
            // The local header's name or extra field is longer than the central directory's, and the data with it
            // runs into the next entry, which WarArchive's check (central-directory lengths only) could not see.
            long dataEnd = war.dataStart(old) + old.compressedSize;
            for (WarEntry next : war.entries()) {
                if (next.localHeaderOffset == oldEnd) {
                    throw war.sharedBytes(old, next, dataEnd);
                }
            }
            throw war.corrupt("entry " + name + " extends into the central directory");
        }
        long dosDateTime = timestamp != null ? ZipFormat.dosDateTime(timestamp)
                : old != null ? old.recordU16(14) << 16 | old.recordU16(12)
                : ZipFormat.dosDateTime(Instant.now());
        Long unixTime = timestamp == null ? null : timestamp.getEpochSecond();

        byte[] localHeader = old == null ? newLocalHeader(name, entry, dosDateTime)
                : replacedLocalHeader(war.localHeader(old), entry, dosDateTime, unixTime);
        steps.reached("copy the entries before " + name);
        ZipWriter.copyRange(in, 0, oldStart, out);
        steps.reached("write " + name);
        ZipWriter.writeFully(out, ByteBuffer.wrap(localHeader));
        ZipWriter.writeFully(out, ByteBuffer.wrap(entry.data));
        steps.reached("copy the entries after " + name);
        ZipWriter.copyRange(in, oldEnd, war.centralDirectoryOffset - oldEnd, out);
        long shift = localHeader.length + entry.data.length - (oldEnd - oldStart);

        ByteArrayOutputStream directory = new ByteArrayOutputStream((int) war.centralDirectorySize + 256);
        for (WarEntry other : war.entries()) {
            if (other == old) {
                directory.write(replacedCentralRecord(old, entry, dosDateTime, unixTime, oldStart));
            } else if (old != null && other.localHeaderOffset > oldStart) {
                directory.write(shifted(war, other, shift));
            } else {
                other.writeCentralRecord(directory);
            }
        }
        if (old == null) {
            directory.write(newCentralRecord(war, name, entry, dosDateTime, oldStart));
        }
        long directoryOffset = war.centralDirectoryOffset + shift;
        long count = war.entries().size() + (old == null ? 1 : 0);
        steps.reached("write the central directory");
        ZipWriter.writeFully(out, ByteBuffer.wrap(directory.toByteArray()));
        steps.reached("write the end records");
        ZipWriter.writeFully(out, ByteBuffer.wrap(endRecords(war, count, directoryOffset, directory.size())));
    }

    /** The new content, compressed the way the entry it replaces was. */
    private static final class NewEntry {
        final byte[] data;
        final int method;
        final long crc;
        final long size;

        NewEntry(byte[] content, int method) {
            CRC32 checksum = new CRC32();
            checksum.update(content, 0, content.length);
            this.crc = checksum.getValue();
            this.size = content.length;
            this.method = method;
            this.data = method == WarEntry.METHOD_STORED ? content : deflate(content);
        }

        private static byte[] deflate(byte[] content) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try {
                deflater.setInput(content);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 2 + 64);
                byte[] buffer = new byte[8192];
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
                return out.toByteArray();
            } finally {
                deflater.end();
            }
        }
    }

    private static byte[] replacedLocalHeader(byte[] old, NewEntry entry, long dosDateTime, Long unixTime) {
        int nameLength = u16(old, 26);
        int extraStart = LOCAL_HEADER_SIZE + nameLength;
        byte[] extra = extraFor(old, extraStart, old.length, unixTime);
        byte[] header = Arrays.copyOf(old, extraStart + extra.length);
        System.arraycopy(extra, 0, header, extraStart, extra.length);
        put16(header, 6, u16(old, 6) & ~FLAG_DATA_DESCRIPTOR);
        put32(header, 10, dosDateTime);
        put32(header, 14, entry.crc);
        put32(header, 18, entry.data.length);
        put32(header, 22, entry.size);
        put16(header, 28, extra.length);
        return header;
    }

    private static byte[] newLocalHeader(String name, NewEntry entry, long dosDateTime) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[LOCAL_HEADER_SIZE + nameBytes.length];
        put32(header, 0, LOCAL_HEADER);
        put16(header, 4, 20);
        put16(header, 6, FLAG_UTF8);
        put16(header, 8, entry.method);
        put32(header, 10, dosDateTime);
        put32(header, 14, entry.crc);
        put32(header, 18, entry.data.length);
        put32(header, 22, entry.size);
        put16(header, 26, nameBytes.length);
        System.arraycopy(nameBytes, 0, header, LOCAL_HEADER_SIZE, nameBytes.length);
        return header;
    }

    private static byte[] replacedCentralRecord(WarEntry old, NewEntry entry, long dosDateTime, Long unixTime,
            long offset) {
        byte[] record = old.centralRecord();
        int nameLength = u16(record, 28);
        int extraStart = CENTRAL_HEADER_SIZE + nameLength;
        int extraEnd = extraStart + u16(record, 30);
        byte[] extra = extraFor(record, extraStart, extraEnd, unixTime);
        if (offset >= MAX_32) {
            extra = concat(zip64OffsetField(offset), extra);
        }
        byte[] result = new byte[extraStart + extra.length + record.length - extraEnd];
        System.arraycopy(record, 0, result, 0, extraStart);
        System.arraycopy(extra, 0, result, extraStart, extra.length);
        System.arraycopy(record, extraEnd, result, extraStart + extra.length, record.length - extraEnd);
        put16(result, 8, u16(record, 8) & ~FLAG_DATA_DESCRIPTOR);
        fillCentralRecord(result, entry, dosDateTime, offset, extra.length);
        return result;
    }

    private static byte[] newCentralRecord(WarArchive war, String name, NewEntry entry, long dosDateTime,
            long offset) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] extra = offset >= MAX_32 ? zip64OffsetField(offset) : new byte[0];
        byte[] record = new byte[CENTRAL_HEADER_SIZE + nameBytes.length + extra.length];
        put32(record, 0, CENTRAL_HEADER);
        put16(record, 4, 20);
        put32(record, 38, 0);
        // Made-by and file attributes like the archive's other files, so the new entry unpacks like its siblings.
        for (WarEntry sibling : war.entries()) {
            if (!sibling.isDirectory()) {
                put16(record, 4, sibling.recordU16(4));
                put32(record, 38, sibling.recordU32(38));
                break;
            }
        }
        put16(record, 6, 20);
        put16(record, 8, FLAG_UTF8);
        put16(record, 10, entry.method);
        put16(record, 28, nameBytes.length);
        System.arraycopy(nameBytes, 0, record, CENTRAL_HEADER_SIZE, nameBytes.length);
        System.arraycopy(extra, 0, record, CENTRAL_HEADER_SIZE + nameBytes.length, extra.length);
        fillCentralRecord(record, entry, dosDateTime, offset, extra.length);
        return record;
    }

    private static void fillCentralRecord(byte[] record, NewEntry entry, long dosDateTime, long offset,
            int extraLength) {
        put32(record, 12, dosDateTime);
        put32(record, 16, entry.crc);
        put32(record, 20, entry.data.length);
        put32(record, 24, entry.size);
        put16(record, 30, extraLength);
        put32(record, 42, Math.min(offset, MAX_32));
    }

    private static byte[] zip64OffsetField(long offset) {
        byte[] field = new byte[12];
        put16(field, 0, ZIP64_EXTRA);
        put16(field, 2, 8);
        put64(field, 4, offset);
        return field;
    }

    /**
     * The extra field of a replaced entry: without its Zip64 field (the new sizes are small), and with the
     * extended timestamp's modification time set when a timestamp is given.
     */
    private static byte[] extraFor(byte[] header, int from, int to, Long unixTime) {
        byte[] extra = ZipFormat.withoutExtra(header, from, to, ZIP64_EXTRA);
        if (unixTime != null) {
            int field = ZipFormat.findExtra(extra, 0, extra.length, EXTENDED_TIMESTAMP_EXTRA);
            if (field >= 0 && u16(extra, field - 2) >= 5 && (extra[field] & 1) != 0) {
                put32(extra, field + 1, unixTime);
            }
        }
        return extra;
    }

    private static byte[] shifted(WarArchive war, WarEntry entry, long shift) throws WarException {
        long offset = entry.localHeaderOffset + shift;
        if (!entry.offsetIsZip64 && offset >= MAX_32) {
            throw new WarException(war.displayName() + ": rewriting it would move " + entry.name()
                    + " past the 4 GiB offset limit of a non-Zip64 archive; build the WAR with Zip64 enabled");
        }
        byte[] record = entry.centralRecord();
        if (entry.offsetIsZip64) {
            put64(record, entry.offsetFieldPosition, offset);
        } else {
            put32(record, entry.offsetFieldPosition, offset);
        }
        return record;
    }

    private static byte[] endRecords(WarArchive war, long count, long directoryOffset, long directorySize) {
        byte[] original = war.endOfCentralDirectory;
        byte[] zip64Original = war.zip64EndOfCentralDirectory;
        boolean zip64 = zip64Original != null || count >= MAX_16 || directorySize >= MAX_32
                || directoryOffset >= MAX_32;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (zip64) {
            byte[] record = zip64Original != null ? zip64Original.clone() : new byte[ZIP64_END_SIZE];
            if (zip64Original == null) {
                put32(record, 0, ZIP64_END_OF_CENTRAL_DIRECTORY);
                put64(record, 4, ZIP64_END_SIZE - 12);
                put16(record, 12, 45);
                put16(record, 14, 45);
            }
            put64(record, 24, count);
            put64(record, 32, count);
            put64(record, 40, directorySize);
            put64(record, 48, directoryOffset);
            out.write(record, 0, record.length);
            byte[] locator = new byte[ZIP64_LOCATOR_SIZE];
            put32(locator, 0, ZIP64_LOCATOR);
            put64(locator, 8, directoryOffset + directorySize);
            put32(locator, 16, 1);
            out.write(locator, 0, locator.length);
        }
        byte[] end = original.clone();
        put16(end, 8, field(zip64, u16(original, 8), count, MAX_16));
        put16(end, 10, field(zip64, u16(original, 10), count, MAX_16));
        put32(end, 12, field(zip64, u32(original, 12), directorySize, MAX_32));
        put32(end, 16, field(zip64, u32(original, 16), directoryOffset, MAX_32));
        out.write(end, 0, end.length);
        return out.toByteArray();
    }

    /** A field of the classic end record: the Zip64 marker where it was one or the value no longer fits. */
    private static long field(boolean zip64, long original, long value, long marker) {
        return zip64 && (original == marker || value >= marker) ? marker : value;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    /** Reads the written archive back: its directory must list every entry and the new entry must read back. */
    private static void check(Path written, WarArchive source, String name, byte[] content)
            throws IOException, WarException {
        try (WarArchive copy = WarArchive.open(written)) {
            WarEntry entry = copy.find(name);
            long expected = source.entries().size() + (source.find(name) == null ? 1 : 0);
            if (entry == null || copy.entries().size() != expected
                    || !Arrays.equals(copy.read(entry, content.length), content)) {
                throw new WarException("The rewritten copy of " + source.displayName()
                        + " did not read back as written; "
                        + "the WAR was left unchanged. Please report this with the WAR attached");
            }
        }
    }
}
