package io.github.clusterready.tomcat.war;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Constants and little-endian field access for the ZIP format (PKWARE APPNOTE 6.3). */
final class ZipFormat {
    static final int LOCAL_HEADER = 0x04034b50;
    static final int CENTRAL_HEADER = 0x02014b50;
    static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    static final int ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
    static final int ZIP64_LOCATOR = 0x07064b50;
    static final int ZIP64_EXTRA = 0x0001;
    static final int EXTENDED_TIMESTAMP_EXTRA = 0x5455;

    static final int LOCAL_HEADER_SIZE = 30;
    static final int CENTRAL_HEADER_SIZE = 46;
    static final int END_OF_CENTRAL_DIRECTORY_SIZE = 22;
    static final int ZIP64_LOCATOR_SIZE = 20;
    static final int ZIP64_END_SIZE = 56;

    static final int FLAG_DATA_DESCRIPTOR = 1 << 3;
    static final int FLAG_UTF8 = 1 << 11;

    static final long MAX_16 = 0xFFFFL;
    static final long MAX_32 = 0xFFFFFFFFL;

    private ZipFormat() {
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & MAX_32;
    }

    static long u64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }

    static void put16(byte[] b, int at, long value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
    }

    static void put32(byte[] b, int at, long value) {
        put16(b, at, value);
        put16(b, at + 2, value >>> 16);
    }

    static void put64(byte[] b, int at, long value) {
        put32(b, at, value);
        put32(b, at + 4, value >>> 32);
    }

    /** Where the data of the extra field {@code id} starts inside {@code extra[from, to)}, or -1. */
    static int findExtra(byte[] extra, int from, int to, int id) {
        int at = from;
        while (at + 4 <= to) {
            int headerId = u16(extra, at);
            int size = u16(extra, at + 2);
            if (headerId == id) {
                return at + 4 + size <= to ? at + 4 : -1;
            }
            at += 4 + size;
        }
        return -1;
    }

    /** {@code extra[from, to)} without the field {@code id}. */
    static byte[] withoutExtra(byte[] extra, int from, int to, int id) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(to - from);
        int at = from;
        while (at + 4 <= to) {
            int size = u16(extra, at + 2);
            int end = Math.min(to, at + 4 + size);
            if (u16(extra, at) != id) {
                kept.write(extra, at, end - at);
            }
            at = end;
        }
        if (at < to) {
            kept.write(extra, at, to - at);
        }
        return kept.toByteArray();
    }

    /** MS-DOS date (high 16 bits) and time (low 16 bits) of an instant, read in UTC, as reproducible archivers do. */
    static long dosDateTime(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (t.getYear() < 1980 || t.getYear() > 2107) {
            throw new IllegalArgumentException(instant + " is outside the years 1980 to 2107 of an MS-DOS date");
        }
        long date = (t.getYear() - 1980) << 9 | t.getMonthValue() << 5 | t.getDayOfMonth();
        long time = t.getHour() << 11 | t.getMinute() << 5 | t.getSecond() >> 1;
        return date << 16 | time;
    }
}
