package io.github.clusterready.tomcat.war;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Builds ZIP archives byte by byte, stored entries only, so that a test can set any field to a value no archiver
 * writes: a Zip64 end record and locator, a Zip64 extra field with any local-header offset.
 */
final class RawZip {
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final ByteArrayOutputStream directory = new ByteArrayOutputStream();
    private int count;

    RawZip entry(String name, String content) {
        return entry(name, content, null);
    }

    /** An entry whose central record gives its offset as 0xFFFFFFFF and {@code zip64Offset} in a Zip64 extra field. */
    RawZip entry(String name, String content, Long zip64Offset) {
        byte[] nameBytes = name.getBytes(UTF_8);
        byte[] bytes = content.getBytes(UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        long offset = data.size();
        byte[] local = new byte[30 + nameBytes.length];
        ZipFormat.put32(local, 0, ZipFormat.LOCAL_HEADER);
        ZipFormat.put16(local, 4, 20);
        ZipFormat.put32(local, 14, crc.getValue());
        ZipFormat.put32(local, 18, bytes.length);
        ZipFormat.put32(local, 22, bytes.length);
        ZipFormat.put16(local, 26, nameBytes.length);
        System.arraycopy(nameBytes, 0, local, 30, nameBytes.length);
        data.write(local, 0, local.length);
        data.write(bytes, 0, bytes.length);

        int extra = zip64Offset == null ? 0 : 12;
        byte[] central = new byte[46 + nameBytes.length + extra];
        ZipFormat.put32(central, 0, ZipFormat.CENTRAL_HEADER);
        ZipFormat.put16(central, 4, 45);
        ZipFormat.put16(central, 6, 20);
        ZipFormat.put32(central, 16, crc.getValue());
        ZipFormat.put32(central, 20, bytes.length);
        ZipFormat.put32(central, 24, bytes.length);
        ZipFormat.put16(central, 28, nameBytes.length);
        ZipFormat.put16(central, 30, extra);
        ZipFormat.put32(central, 42, zip64Offset == null ? offset : ZipFormat.MAX_32);
        System.arraycopy(nameBytes, 0, central, 46, nameBytes.length);
        if (zip64Offset != null) {
            ZipFormat.put16(central, 46 + nameBytes.length, ZipFormat.ZIP64_EXTRA);
            ZipFormat.put16(central, 48 + nameBytes.length, 8);
            ZipFormat.put64(central, 50 + nameBytes.length, zip64Offset);
        }
        directory.write(central, 0, central.length);
        count++;
        return this;
    }

    /** The archive with a classic end record. */
    byte[] bytes() {
        return bytes(false, null, null);
    }

    /**
     * The archive with a Zip64 end record and locator.
     *
     * @param locatorOffset the Zip64 end record's offset the locator gives, null for the true one
     * @param directoryOffset the central directory's offset the Zip64 end record gives, null for the true one
     */
    byte[] zip64(Long locatorOffset, Long directoryOffset) {
        return bytes(true, locatorOffset, directoryOffset);
    }

    private byte[] bytes(boolean zip64, Long locatorOffset, Long directoryOffset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data.toByteArray(), 0, data.size());
        long cdOffset = out.size();
        out.write(directory.toByteArray(), 0, directory.size());
        List<byte[]> records = new ArrayList<>();
        if (zip64) {
            long zip64Offset = out.size();
            byte[] end = new byte[ZipFormat.ZIP64_END_SIZE];
            ZipFormat.put32(end, 0, ZipFormat.ZIP64_END_OF_CENTRAL_DIRECTORY);
            ZipFormat.put64(end, 4, ZipFormat.ZIP64_END_SIZE - 12);
            ZipFormat.put16(end, 12, 45);
            ZipFormat.put16(end, 14, 45);
            ZipFormat.put64(end, 24, count);
            ZipFormat.put64(end, 32, count);
            ZipFormat.put64(end, 40, directory.size());
            ZipFormat.put64(end, 48, directoryOffset == null ? cdOffset : directoryOffset);
            byte[] locator = new byte[ZipFormat.ZIP64_LOCATOR_SIZE];
            ZipFormat.put32(locator, 0, ZipFormat.ZIP64_LOCATOR);
            ZipFormat.put64(locator, 8, locatorOffset == null ? zip64Offset : locatorOffset);
            ZipFormat.put32(locator, 16, 1);
            records.add(end);
            records.add(locator);
        }
        byte[] eocd = new byte[ZipFormat.END_OF_CENTRAL_DIRECTORY_SIZE];
        ZipFormat.put32(eocd, 0, ZipFormat.END_OF_CENTRAL_DIRECTORY);
        ZipFormat.put16(eocd, 8, zip64 ? ZipFormat.MAX_16 : count);
        ZipFormat.put16(eocd, 10, zip64 ? ZipFormat.MAX_16 : count);
        ZipFormat.put32(eocd, 12, zip64 ? ZipFormat.MAX_32 : directory.size());
        ZipFormat.put32(eocd, 16, zip64 ? ZipFormat.MAX_32 : cdOffset);
        records.add(eocd);
        for (byte[] record : records) {
            out.write(record, 0, record.length);
        }
        return out.toByteArray();
    }
}
