package io.github.clusterready.tomcat.bench;

import io.github.clusterready.tomcat.cluster.LineChoice;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * What reading the WAR to choose the Tomcat line costs the run goals: {@code LineChoice.choose} on a real WAR from
 * Maven Central ({@code org.apache.jackrabbit:jackrabbit-webapp:2.20.16:war}, 50 MB, 102 library jars) as it is
 * (its own classes decide), and on a copy without {@code WEB-INF/classes} (every library jar is read until one names
 * a Servlet type), side by side with copying the WAR ({@code Files.copy}, which {@code start} does once per node).
 * Prints medians and the ratio to the copy. Not a test: run its {@code main} with the test classpath and the WAR's
 * path ({@code bench.war}); {@code bench.runs} (default 7).
 */
public final class LineChoiceBenchmark {
    private LineChoiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path war = Paths.get(System.getProperty("bench.war"));
        int runs = Integer.getInteger("bench.runs", 7);
        Path work = Files.createTempDirectory("line-choice-bench");
        Path withoutClasses = withoutClasses(war, work.resolve("no-classes.war"));
        System.out.println("WAR " + war + " (" + Files.size(war) / 1_000_000 + " MB), " + runs + " runs each");
        for (Path subject : new Path[] {war, withoutClasses}) {
            List<Long> scan = new ArrayList<>();
            List<Long> copy = new ArrayList<>();
            String reason = null;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                reason = LineChoice.choose(null, Collections.<LineChoice.Dependency>emptyList(),
                        new LineChoice.War(subject, subject.getFileName().toString(), true)).toString();
                scan.add(System.nanoTime() - start);
                start = System.nanoTime();
                Files.copy(subject, work.resolve("copy.war"), StandardCopyOption.REPLACE_EXISTING);
                copy.add(System.nanoTime() - start);
            }
            long scanMs = median(scan);
            long copyMs = median(copy);
            System.out.println(String.format(Locale.ROOT, "%-28s line choice %5d ms, copy %5d ms, ratio %.2f%n  %s",
                    subject.getFileName(), scanMs, copyMs, copyMs == 0 ? 0 : (double) scanMs / copyMs, reason));
        }
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1_000_000;
    }

    /** The WAR without its own classes, re-packed entry by entry. */
    private static Path withoutClasses(Path war, Path target) throws IOException {
        try (InputStream file = Files.newInputStream(war); ZipInputStream in = new ZipInputStream(file);
                OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] buffer = new byte[1 << 16];
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().startsWith("WEB-INF/classes/")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    zip.write(buffer, 0, n);
                }
                zip.closeEntry();
            }
        }
        return target;
    }
}
