package io.github.clusterready.tomcat.war;

import java.nio.charset.StandardCharsets;

/**
 * One entry of a WAR as its central directory records it. The record's bytes are kept as they are, so that
 * a rewrite can copy them unchanged.
 */
public final class WarEntry {
    static final int METHOD_STORED = 0;
    static final int METHOD_DEFLATED = 8;

    private final String name;
    final byte[] centralRecord;
    final int method;
    final int flags;
    final long crc;
    final long compressedSize;
    final long size;
    final long localHeaderOffset;
    /** Where the local-header offset is stored inside {@link #centralRecord}: 42, or inside the Zip64 extra field. */
    final int offsetFieldPosition;
    final boolean offsetIsZip64;

    WarEntry(String name, byte[] centralRecord, int method, int flags, long crc, long compressedSize, long size,
            long localHeaderOffset, int offsetFieldPosition, boolean offsetIsZip64) {
        this.name = name;
        this.centralRecord = centralRecord;
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
