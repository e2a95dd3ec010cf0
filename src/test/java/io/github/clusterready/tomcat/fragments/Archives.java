package io.github.clusterready.tomcat.fragments;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real jars and WARs for the tests: an ordered map of entry names to contents. */
final class Archives {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final java.util.Set<String> stored = new java.util.HashSet<>();
    private String comment;

    /** The archive comment: a way to give two archives the same size. */
    Archives comment(String text) {
        this.comment = text;
        return this;
    }

    Archives with(String name, String text) {
        return with(name, text.getBytes(UTF_8));
    }

    Archives with(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    /** An entry stored without compression, as jars in a WAR often are. */
    Archives withStored(String name, byte[] content) {
        stored.add(name);
        return with(name, content);
    }

    byte[] bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTo(out);
        return out.toByteArray();
    }

    Path writeTo(Path file) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeTo(out);
        }
        return file;
    }

    private void writeTo(OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setComment(comment);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                if (stored.contains(entry.getKey())) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(entry.getValue());
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(entry.getValue().length);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }

    static String webXml(String attributes, String body) {
        return "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\" " + attributes + ">\n"
                + body + "\n</web-app>\n";
    }

    static byte[] fragmentJar(String name, boolean distributable) throws IOException {
        return new Archives()
                .with("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
                .with("META-INF/web-fragment.xml", "<web-fragment xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"6.0\">" + (name == null ? "" : "<name>" + name + "</name>")
                        + (distributable ? "<distributable/>" : "") + "</web-fragment>")
                .with("lib/Library.class", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE})
                .bytes();
    }

    static byte[] plainJar() throws IOException {
        return new Archives().with("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n").bytes();
    }
}
