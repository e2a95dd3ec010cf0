package io.github.clusterready.tomcat.war;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds real WAR files with the JDK's own ZIP writer, which streams deflated entries with data descriptors. */
final class TestWar {
    private final ZipOutputStream zip;

    private TestWar(OutputStream out) {
        zip = new ZipOutputStream(out);
    }

    static Path write(Path file, Content content) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            TestWar war = new TestWar(out);
            content.fill(war);
            war.zip.finish();
        }
        return file;
    }

    interface Content {
        void fill(TestWar war) throws IOException;
    }

    TestWar deflated(String name, String text) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FileTime.fromMillis(1_700_000_000_000L));
        zip.putNextEntry(entry);
        zip.write(text.getBytes(UTF_8));
        zip.closeEntry();
        return this;
    }

    TestWar stored(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(UTF_8);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setLastModifiedTime(FileTime.fromMillis(1_600_000_000_000L));
        entry.setComment("stored entry");
        entry.setExtra(new byte[] {(byte) 0xCA, (byte) 0xFE, 2, 0, 1, 2});
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
        return this;
    }

    TestWar comment(String comment) {
        zip.setComment(comment);
        return this;
    }

    static final String WEB_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
            + "  <display-name>shop</display-name>\n"
            + "  <servlet-mapping><servlet-name>a</servlet-name><url-pattern>/a</url-pattern></servlet-mapping>\n"
            + "</web-app>\n";
}
