package io.github.clusterready.tomcat.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import io.github.clusterready.tomcat.serverxml.CheckReport;
import io.github.clusterready.tomcat.serverxml.ServerXmlCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Times {@code check-server-xml} on 10 nodes' files as users run it: a fresh {@code mvn} per run, in a directory
 * without a POM, beside a fresh {@code mvn} running the same plugin's {@code help} goal (Maven's start and the
 * plugin's loading, which every goal pays); then the check itself inside this JVM, the first call and warm. The
 * files are the cluster how-to's example in Tomcat 9.0's own server.xml ({@code src/it/check-server-xml-howto-9.0}),
 * each node with its own jvmRoute and receiver port. Not a test: {@code mvn -B -ntp -Pcheck-server-xml-benchmark
 * install} (docs/check-server-xml.md).
 *
 * <p>System properties: {@code bench.basedir}, {@code bench.mvn}, {@code bench.repo}, {@code bench.version},
 * {@code bench.runs} (default 5), {@code bench.nodes} (default 10).
 */
public final class CheckServerXmlBenchmark {
    private static final String PLUGIN = "io.github.clusterready:tomcat-cluster-maven-plugin";

    private CheckServerXmlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path base = Paths.get(System.getProperty("bench.basedir", ".")).toAbsolutePath().normalize();
        String mvn = System.getProperty("bench.mvn", "mvn");
        String repo = System.getProperty("bench.repo", "");
        String version = System.getProperty("bench.version", "1.0.0-SNAPSHOT");
        int runs = Integer.getInteger("bench.runs", 5);
        int nodes = Integer.getInteger("bench.nodes", 10);

        Path work = base.resolve("target/bench/check-server-xml");
        String howTo = new String(Files.readAllBytes(base.resolve("src/it/check-server-xml-howto-9.0/node1/conf/"
                + "server.xml")), UTF_8);
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long bytes = 0;
        for (int i = 1; i <= nodes; i++) {
            String text = howTo.replace("<Engine name=\"Catalina\" defaultHost=\"localhost\">",
                    "<Engine name=\"Catalina\" defaultHost=\"localhost\" jvmRoute=\"node" + i + "\">")
                    .replace("port=\"4000\"", "port=\"" + (4100 + i) + "\"");
            Path file = work.resolve("node" + i + "/conf/server.xml");
            Files.createDirectories(file.getParent());
            Files.write(file, text.getBytes(UTF_8));
            files.add(file);
            names.add("node" + i);
            bytes += text.length();
        }
        String goal = PLUGIN + ":" + version + ":check-server-xml";
        List<String> check = new ArrayList<>(Arrays.asList(mvn, "-B", "-ntp", "-o", goal,
                "-Dtomcat-cluster.serverXmlFiles=" + String.join(",", names), "-Dtomcat-cluster.tomcatVersion=9.0",
                "-Dtomcat-cluster.failOnError=false"));
        List<String> help = new ArrayList<>(Arrays.asList(mvn, "-B", "-ntp", "-o", PLUGIN + ":" + version + ":help"));
        if (!repo.isEmpty()) {
            check.add("-Dmaven.repo.local=" + repo);
            help.add("-Dmaven.repo.local=" + repo);
        }
        System.out.printf("check-server-xml on %d nodes' files (%d KB), %d fresh mvn runs each, in %s (no POM)%n",
                nodes, bytes / 1024, runs, work);
        List<Long> checkMs = new ArrayList<>();
        List<Long> helpMs = new ArrayList<>();
        String summary = null;
        run(help, work, null); // warm the file system cache, not measured
        for (int r = 0; r < runs; r++) {
            helpMs.add(run(help, work, null));
            String[] log = new String[1];
            checkMs.add(run(check, work, log));
            summary = log[0];
        }
        long checkMedian = median(checkMs);
        long helpMedian = median(helpMs);
        System.out.printf("  fresh mvn check-server-xml: median %d ms %s%n", checkMedian, checkMs);
        System.out.printf("  fresh mvn help (same plugin): median %d ms %s%n", helpMedian, helpMs);
        System.out.printf("  ratio %.2fx, the check's own share %d ms%n", (double) checkMedian / helpMedian,
                checkMedian - helpMedian);
        System.out.println("  " + summary);

        ServerXmlCheck core = new ServerXmlCheck(TomcatLine.V9_0, Collections.emptyMap());
        long first = System.nanoTime();
        CheckReport report = core.check(files, p -> work.relativize(p).toString()).report();
        long firstMs = (System.nanoTime() - first) / 1_000_000;
        List<Long> warm = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            long t = System.nanoTime();
            core.check(files, p -> work.relativize(p).toString());
            warm.add((System.nanoTime() - t) / 1_000);
        }
        System.out.printf("  in this JVM: first check %d ms, warm median %d us (%d findings, %d rules)%n", firstMs,
                median(warm), report.findings().size(), ServerXmlCheck.ruleCount());
    }

    private static long run(List<String> command, Path dir, String[] summary) throws IOException,
            InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), UTF_8);
        }
        int exit = process.waitFor();
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        if (summary != null) {
            for (String line : output.split("\n")) {
                if (line.contains("Checked ")) {
                    summary[0] = line.replaceAll("\u001B\\[[0-9;]*m", "").replaceAll("\\(node1:.*node10[^;]*;",
                            "(…)").trim();
                }
            }
        }
        return ms;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
