package io.github.clusterready.tomcat.war;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One entry of a WAR as its central directory records it. The record's bytes are kept as they are, so that
 * a rewrite can copy them unchanged.
 */
public final class WarEntry {
    static final int METHOD_STORED = 0;
    static final int METHOD_DEFLATED = 8;

    private final String name;
    private final boolean plainName;
    /** The central directory the entry's record is in, where, and how long the record is. */
    private final byte[] directory;
    private final int recordOffset;
    final int recordLength;
    final int method;
    final int flags;
    final long crc;
    final long compressedSize;
    final long size;
    final long localHeaderOffset;
    /** Where the local-header offset is stored inside {@link #centralRecord()}: 42, or inside the Zip64 extra field. */
    final int offsetFieldPosition;
    final boolean offsetIsZip64;

    WarEntry(String name, boolean plainName, byte[] directory, int recordOffset, int recordLength, int method,
            int flags, long crc, long compressedSize, long size, long localHeaderOffset, int offsetFieldPosition,
            boolean offsetIsZip64) {
        this.name = name;
        this.plainName = plainName;
        this.directory = directory;
        this.recordOffset = recordOffset;
        this.recordLength = recordLength;
        this.method = method;
        this.flags = flags;
        this.crc = crc;
        this.compressedSize = compressedSize;
        this.size = size;
        this.localHeaderOffset = localHeaderOffset;
        this.offsetFieldPosition = offsetFieldPosition;
        this.offsetIsZip64 = offsetIsZip64;
    }

    /** The entry's name as stored, e.g. {@code WEB-INF/web.xml}. */
    public String name() {
        return name;
    }

    /** The length of the name as stored, in bytes; as long as the name in characters when they are all one byte. */
    int nameByteLength() {
        return recordU16(28);
    }

    /** A copy of the entry's central-directory record, as the WAR has it. */
    byte[] centralRecord() {
        return Arrays.copyOfRange(directory, recordOffset, recordOffset + recordLength);
    }

    /** Writes the record as the WAR has it; the entries share one copy of the directory, not one each. */
    void writeCentralRecord(ByteArrayOutputStream out) {
        out.write(directory, recordOffset, recordLength);
    }

    int recordU16(int at) {
        return ZipFormat.u16(directory, recordOffset + at);
    }

    long recordU32(int at) {
        return ZipFormat.u32(directory, recordOffset + at);
    }

    /**
     * Whether the name unpacks as it is: it is not empty, has no backslash, and no empty (but a trailing), {@code .}
     * or {@code ..} segment, so neither a leading slash nor {@code //}.
     */
    boolean hasPlainName() {
        return plainName;
    }

    /** The uncompressed size the central directory gives. */
    public long size() {
        return size;
    }

    /** The size of the entry's data in the WAR, compressed or not. */
    public long compressedSize() {
        return compressedSize;
    }

    /** Whether the entry is stored without compression, so that its bytes can be read in place. */
    public boolean isStored() {
        return method == METHOD_STORED && !isEncrypted();
    }

    /** Whether this is a directory entry. */
    public boolean isDirectory() {
        return name.endsWith("/");
    }

    boolean isEncrypted() {
        return (flags & 1) != 0;
    }

    /** Entry names as UTF-8: bit 11 says so, and without it Maven's archivers still write ASCII or UTF-8. */
    static String decodeName(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name;
    }
}
