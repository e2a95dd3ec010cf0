package io.github.clusterready.tomcat.war;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Nested zip bombs for the tests of every reader of library jars: small jars whose one entry inflates hugely. */
public final class ZipBombs {
    private ZipBombs() {
    }

    /**
     * A jar whose second entry, {@code name}, inflates to {@code inflated} zero bytes, written the way the
     * JDK's jar tool writes deflated entries: sizes in a data descriptor after the data, so that a reader walking
     * the local headers has to inflate the entry to find its end.
     */
    public static byte[] bombJar(String name, long inflated) throws Exception {
        return bombJar(name, inflated, new LinkedHashMap<>());
    }

    /** {@link #bombJar(String, long)} with {@code others} stored before the bomb entry. */
    public static byte[] bombJar(String name, long inflated, Map<String, byte[]> others) throws Exception {
        // Deflate blocks of zeros, each ended with a sync flush, can be repeated: the stream stays valid.
        byte[] zeros = new byte[1 << 20];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(zeros);
        byte[] buffer = new byte[1 << 16];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        deflater.end();
        byte[] block = Arrays.copyOf(buffer, n);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        for (long i = 0; i < inflated / zeros.length; i++) {
            data.write(block);
            crc.update(zeros);
        }
        data.write(new byte[] {3, 0}); // an empty final block
        byte[] compressed = data.toByteArray();

        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        List<byte[]> central = new ArrayList<>();
        byte[] manifest = "Manifest-Version: 1.0\r\n\r\n".getBytes(UTF_8);
        CRC32 manifestCrc = new CRC32();
        manifestCrc.update(manifest);
        central.add(entry(jar, "META-INF/MANIFEST.MF", 0, 0, manifestCrc.getValue(), manifest, manifest.length));
        for (Map.Entry<String, byte[]> other : others.entrySet()) {
            CRC32 otherCrc = new CRC32();
            otherCrc.update(other.getValue());
            central.add(entry(jar, other.getKey(), 0, 0, otherCrc.getValue(), other.getValue(),
                    other.getValue().length));
        }
        central.add(entry(jar, name, 8, 8, crc.getValue(), compressed, inflated));
        int directoryOffset = jar.size();
        for (byte[] record : central) {
            jar.write(record);
        }
        ByteBuffer end = le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) central.size()).putShort((short) central.size())
                .putInt(jar.size() - directoryOffset).putInt(directoryOffset).putShort((short) 0);
        jar.write(end.array());
        return jar.toByteArray();
    }

    /** Writes one entry (with a data descriptor when {@code flags} has bit 3); returns its central record. */
    private static byte[] entry(ByteArrayOutputStream jar, String name, int flags, int method, long crc, byte[] data,
            long inflated) throws Exception {
        byte[] nameBytes = name.getBytes(UTF_8);
        boolean descriptor = (flags & 8) != 0;
        int offset = jar.size();
        jar.write(le(30).putInt(0x04034b50).putShort((short) 20).putShort((short) flags).putShort((short) method)
                .putInt(0).putInt(descriptor ? 0 : (int) crc).putInt(descriptor ? 0 : data.length)
                .putInt(descriptor ? 0 : (int) inflated).putShort((short) nameBytes.length).putShort((short) 0)
                .array());
        jar.write(nameBytes);
        jar.write(data);
        if (descriptor) {
            jar.write(le(16).putInt(0x08074b50).putInt((int) crc).putInt(data.length).putInt((int) inflated).array());
        }
        ByteBuffer record = le(46 + nameBytes.length).putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                .putShort((short) flags).putShort((short) method).putInt(0).putInt((int) crc).putInt(data.length)
                .putInt((int) inflated).putShort((short) nameBytes.length).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset);
        record.put(nameBytes);
        return record.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
