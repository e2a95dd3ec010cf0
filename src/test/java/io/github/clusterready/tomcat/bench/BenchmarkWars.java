package io.github.clusterready.tomcat.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The WARs the benchmark rewrites, generated deterministically (fixed seeds, fixed entry times, no time zone
 * dependence) and cached: a WAR is generated only when its file is missing or does not open with the expected
 * number of entries. Bump {@link #GENERATOR_VERSION} whenever the generator changes, so stale caches are not used.
 *
 * <p>The layout follows what maven-war-plugin builds: directories, the manifest, many class files in packages,
 * {@code WEB-INF/web.xml} (Servlet 6.0, not distributable), static resources, the libraries under
 * {@code WEB-INF/lib}, and Maven's {@code pom.xml}/{@code pom.properties}. Class files and static resources are
 * pseudo-random bytes mixed with repeated identifiers, so they deflate about 2-4x, as class files do; jars are
 * nearly incompressible, as jars are, and are stored or deflated (half each, alternately).
 */
final class BenchmarkWars {
    static final int GENERATOR_VERSION = 2;
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 11, 25, 0, 0);
    private static final int FIXED_DIRECTORIES = 12;
    private static final int FIXED_FILES = 4;

    /** One benchmark WAR: its approximate size, exact entry count, and how many of the entries are jars. */
    record Spec(String id, String label, long targetBytes, int entries, int jars, int minJarKib, int maxJarKib,
            long seed) {
        String fileName() {
            return "bench-" + id + "-v" + GENERATOR_VERSION + ".war";
        }
    }

    static final List<Spec> ALL = List.of(
            new Spec("10m", "10 MB / 300 entries", 10L << 20, 300, 40, 20, 1024, 10),
            new Spec("200m", "200 MB / 20,000 entries", 200L << 20, 20_000, 400, 20, 4096, 200),
            new Spec("1g", "1 GB / 2,000 entries", 1L << 30, 2_000, 400, 200, 20 * 1024, 1000));

    private BenchmarkWars() {
    }

    /** The WAR of {@code spec} in {@code directory}, generated when missing. */
    static Path get(Spec spec, Path directory, java.io.PrintStream log) throws IOException {
        Files.createDirectories(directory);
        Path war = directory.resolve(spec.fileName());
        if (Files.isRegularFile(war) && entryCount(war) == spec.entries()) {
            log.printf("  %-24s cached   %s (%,d bytes)%n", spec.label(), war, Files.size(war));
            return war;
        }
        long started = System.nanoTime();
        Path temporary = directory.resolve(spec.fileName() + ".tmp");
        generate(spec, temporary);
        int count = entryCount(temporary);
        if (count != spec.entries()) {
            throw new IllegalStateException("generated " + count + " entries instead of " + spec.entries());
        }
        Files.move(temporary, war, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.printf("  %-24s generated %s (%,d bytes) in %.1f s%n", spec.label(), war, Files.size(war),
                (System.nanoTime() - started) / 1e9);
        return war;
    }

    private static int entryCount(Path war) {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            return zip.size();
        } catch (IOException e) {
            return -1;
        }
    }

    static void generate(Spec spec, Path file) throws IOException {
        Random random = new Random(spec.seed());
        Text text = new Text(random);
        int rest = spec.entries() - FIXED_DIRECTORIES - FIXED_FILES - spec.jars();
        int packages = Math.max(1, rest / 40);
        int classes = (int) ((rest - packages) * 0.85);
        int resources = rest - packages - classes;

        try (CountingStream counter = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file),
                1 << 16)); ZipOutputStream zip = new ZipOutputStream(counter, UTF_8)) {
            Writer w = new Writer(zip);
            w.directory("META-INF/");
            w.deflated("META-INF/MANIFEST.MF", ("Manifest-Version: 1.0\r\nCreated-By: Maven WAR Plugin 3.4.0\r\n"
                    + "Build-Jdk-Spec: 17\r\n\r\n").getBytes(UTF_8));
            w.directory("WEB-INF/");
            w.directory("WEB-INF/classes/");
            w.directory("WEB-INF/classes/com/");
            w.directory("WEB-INF/classes/com/acme/");
            for (int p = 0; p < packages; p++) {
                String dir = "WEB-INF/classes/com/acme/" + text.identifier(p) + p + "/";
                w.directory(dir);
                int from = (int) ((long) classes * p / packages);
                int to = (int) ((long) classes * (p + 1) / packages);
                for (int c = from; c < to; c++) {
                    byte[] content = new byte[size(random, 400, 40_000, 3_000)];
                    content[0] = (byte) 0xCA;
                    content[1] = (byte) 0xFE;
                    content[2] = (byte) 0xBA;
                    content[3] = (byte) 0xBE;
                    text.fill(content, 8);
                    w.deflated(dir + Character.toUpperCase(text.identifier(c).charAt(0))
                            + text.identifier(c).substring(1) + c + ".class", content);
                }
            }
            w.deflated("WEB-INF/web.xml", webXml(random, text));
            w.directory("static/");
            w.directory("static/js/");
            w.directory("static/css/");
            for (int r = 0; r < resources; r++) {
                byte[] content = new byte[size(random, 200, 100_000, 6_000)];
                text.fill(content, 0);
                String name = r % 3 == 0 ? "static/css/" + text.identifier(r) + r + ".css"
                        : r % 3 == 1 ? "static/js/" + text.identifier(r) + r + ".js"
                        : "static/" + text.identifier(r) + r + ".html";
                w.deflated(name, content);
            }

            w.directory("WEB-INF/lib/");
            double[] weights = new double[spec.jars()];
            double weightSum = 0;
            for (int j = 0; j < weights.length; j++) {
                weights[j] = Math.exp(Math.log(spec.minJarKib())
                        + random.nextDouble() * (Math.log(spec.maxJarKib()) - Math.log(spec.minJarKib())));
                weightSum += weights[j];
            }
            long tail = 4_096 + spec.entries() * 120L; // pom files and the central directory, roughly
            for (int j = 0; j < weights.length; j++) {
                long budget = Math.max(0, spec.targetBytes() - counter.count - tail);
                int size = (int) Math.max(1_024, budget * weights[j] / weightSum);
                weightSum -= weights[j];
                byte[] content = new byte[size];
                random.nextBytes(content);
                text.sprinkle(content, random);
                String name = "WEB-INF/lib/" + text.identifier(j) + "-" + j + "." + random.nextInt(10) + ".jar";
                if (j % 2 == 0) {
                    w.stored(name, content);
                } else {
                    w.deflated(name, content);
                }
            }
            w.directory("META-INF/maven/");
            w.directory("META-INF/maven/com.acme/");
            w.directory("META-INF/maven/com.acme/shop/");
            byte[] pom = new byte[2_000];
            text.fill(pom, 0);
            w.deflated("META-INF/maven/com.acme/shop/pom.xml", pom);
            w.deflated("META-INF/maven/com.acme/shop/pom.properties",
                    "artifactId=shop\ngroupId=com.acme\nversion=1.0.0\n".getBytes(UTF_8));
        }
    }

    /** A size around {@code typical}, between {@code min} and {@code max}, skewed to small like real files. */
    private static int size(Random random, int min, int max, int typical) {
        double g = random.nextGaussian();
        return (int) Math.max(min, Math.min(max, typical * Math.exp(0.9 * g)));
    }

    private static byte[] webXml(Random random, Text text) {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\"\n")
                .append("         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("         xsi:schemaLocation=\"https://jakarta.ee/xml/ns/jakartaee "
                        + "https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd\"\n")
                .append("         version=\"6.0\">\n\n")
                .append("    <display-name>Benchmark shop</display-name>\n\n");
        for (int i = 0; i < 30; i++) {
            String name = text.identifier(random.nextInt(1000)) + i;
            xml.append("    <servlet>\n        <servlet-name>").append(name).append("</servlet-name>\n")
                    .append("        <servlet-class>com.acme.").append(name).append("Servlet</servlet-class>\n")
                    .append("    </servlet>\n    <servlet-mapping>\n        <servlet-name>").append(name)
                    .append("</servlet-name>\n        <url-pattern>/").append(name)
                    .append("/*</url-pattern>\n    </servlet-mapping>\n");
        }
        xml.append("\n    <session-config>\n        <session-timeout>30</session-timeout>\n    </session-config>\n")
                .append("</web-app>\n");
        return xml.toString().getBytes(UTF_8);
    }

    /** Writes entries the way an archiver does, with fixed times so that the bytes depend only on the seed. */
    private static final class Writer {
        private final ZipOutputStream zip;

        Writer(ZipOutputStream zip) {
            this.zip = zip;
        }

        /** A directory entry: stored, empty (size 0, CRC 0). */
        void directory(String name) throws IOException {
            stored(name, new byte[0]);
        }

        void deflated(String name, byte[] content) throws IOException {
            ZipEntry entry = entry(name);
            entry.setMethod(ZipEntry.DEFLATED);
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }

        void stored(String name, byte[] content) throws IOException {
            ZipEntry entry = entry(name);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }

        private static ZipEntry entry(String name) {
            ZipEntry entry = new ZipEntry(name);
            entry.setTimeLocal(ENTRY_TIME);
            return entry;
        }
    }

    /**
     * Content that compresses like class files and web resources: identifiers drawn from a vocabulary with a
     * skewed frequency (a few very common, many rare), between short runs of random bytes.
     */
    private static final class Text {
        private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
        private final byte[][] words = new byte[256][];
        private final Random random;

        Text(Random random) {
            this.random = random;
            for (int i = 0; i < words.length; i++) {
                int length = 3 + random.nextInt(18);
                StringBuilder word = new StringBuilder();
                for (int k = 0; k < length; k++) {
                    word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
                }
                words[i] = word.toString().getBytes(UTF_8);
            }
        }

        String identifier(int i) {
            return new String(words[Math.floorMod(i * 31 + 7, words.length)], UTF_8);
        }

        void fill(byte[] out, int from) {
            int at = from;
            while (at < out.length) {
                if (random.nextInt(100) < 85) {
                    byte[] word = words[(int) (words.length * Math.pow(random.nextDouble(), 4))];
                    int n = Math.min(word.length, out.length - at);
                    System.arraycopy(word, 0, out, at, n);
                    at += n;
                    if (at < out.length) {
                        out[at++] = (byte) (random.nextBoolean() ? ';' : '\n');
                    }
                } else {
                    int n = Math.min(1 + random.nextInt(3), out.length - at);
                    for (int k = 0; k < n; k++) {
                        out[at++] = (byte) random.nextInt(256);
                    }
                }
            }
        }

        /** Puts a few identifiers into otherwise random bytes: a jar's names and manifest, compressed data around. */
        void sprinkle(byte[] out, Random random) {
            for (int at = random.nextInt(4_096); at < out.length; at += 1_024 + random.nextInt(4_096)) {
                byte[] word = words[random.nextInt(64)];
                System.arraycopy(word, 0, out, at, Math.min(word.length, out.length - at));
            }
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Compression statistics of a generated WAR, for the table's header: (uncompressed, compressed) per kind. */
    static String describe(Path war) throws IOException {
        long[] small = new long[2];
        long[] jars = new long[2];
        int stored = 0;
        List<String> problems = new ArrayList<>();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                long[] kind = e.getName().endsWith(".jar") ? jars : small;
                kind[0] += e.getSize();
                kind[1] += e.getCompressedSize();
                if (e.getMethod() == ZipEntry.STORED && !e.isDirectory()) {
                    stored++;
                }
            }
            if (zip.getEntry("WEB-INF/web.xml") == null) {
                problems.add("no WEB-INF/web.xml");
            }
        }
        return String.format("classes/resources deflate %.1fx (%,d -> %,d bytes), jars %.2fx (%,d bytes), "
                + "%d stored entries%s", (double) small[0] / small[1], small[0], small[1],
                (double) jars[0] / jars[1], jars[1], stored, problems.isEmpty() ? "" : " " + problems);
    }
}
