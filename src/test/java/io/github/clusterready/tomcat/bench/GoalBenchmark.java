package io.github.clusterready.tomcat.bench;

import static io.github.clusterready.tomcat.bench.BenchmarkMachine.loadAverage;
import static io.github.clusterready.tomcat.bench.BenchmarkMachine.readIntoPageCache;
import static io.github.clusterready.tomcat.bench.BenchmarkMachine.runTimed;
import static io.github.clusterready.tomcat.bench.BenchmarkMachine.sync;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.clusterready.tomcat.bench.BenchmarkMachine.Finished;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.io.FileUtils;

/**
 * Times the goals as users run them: one fresh {@code mvn} process per run, fragment check on, on the benchmark's
 * generated 200 MB WAR and on a real WAR from Maven Central with 102 deflated library jars
 * ({@code org.apache.jackrabbit:jackrabbit-webapp:2.20.16:war}), with and without the exploded webapp beside it. Beside
 * each goal, in the same run and on the same file: {@code cp} of the WAR, and {@code unzip -p WAR 'WEB-INF/lib/*'}
 * (inflating every library jar once). Prints one table with medians and ratios, and whether the targets are met. Not a
 * test: run it with {@code mvn -B -ntp -Pgoal-benchmark install} (docs/performance.md).
 *
 * <p>System properties: {@code bench.basedir}, {@code bench.dir} (default {@code target/bench}), {@code bench.mvn} (the
 * {@code mvn} to run), {@code bench.repo} (the local repository holding the plugin), {@code bench.version} (the
 * plugin's version), {@code bench.runs} (default 5), {@code bench.cases} (comma-separated out of
 * {@code 200m,jackrabbit,jackrabbit-exploded}; default all).
 */
public final class GoalBenchmark {
    private static final double REWRITE_TARGET = 2.0;
    private static final double SCAN_TARGET = 1.5;
    private static final String PLUGIN = "io.github.clusterready:tomcat-cluster-maven-plugin";
    private static final String JACKRABBIT = "org.apache.jackrabbit:jackrabbit-webapp:2.20.16:war";
    private static final Pattern GOAL_MS = Pattern.compile(
            "\\[INFO\\] (?:Added <distributable/>|Created a distributable).* in (\\d+) ms$");
    private static final Pattern SCAN_MS = Pattern.compile(
            "Checked (?:web\\.xml and )?the web fragments of .* in (\\d+) ms");
    private static final Pattern GOAL_CPU = Pattern.compile("tomcat-cluster:\\w+ took (\\d+) ms, (\\d+) ms of CPU");
    private static final Pattern SESSIONS_MS = Pattern.compile("sessions?: .* in (\\d+) ms");

    private final Path base;
    private final Path work;
    private final String mvn;
    private final String repo;
    private final String version;
    private final int runs;
    private final PrintStream out = System.out;

    private GoalBenchmark(Path base, Path work, String mvn, String repo, String version, int runs) {
        this.base = base;
        this.work = work;
        this.mvn = mvn;
        this.repo = repo;
        this.version = version;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path base = Paths.get(System.getProperty("bench.basedir", ".")).toAbsolutePath().normalize();
        Path work = base.resolve(System.getProperty("bench.dir", "target/bench"));
        GoalBenchmark benchmark = new GoalBenchmark(base, work, System.getProperty("bench.mvn", "mvn"),
                System.getProperty("bench.repo", ""), System.getProperty("bench.version", "1.0.0-SNAPSHOT"),
                Integer.getInteger("bench.runs", 5));
        List<String> cases = Arrays.asList(System.getProperty("bench.cases",
                "200m,jackrabbit,jackrabbit-exploded").split(","));
        benchmark.run(cases);
    }

    /** One WAR and the goals run on it. */
    private record Case(String id, String label, Path war, Path exploded, boolean verify) {
    }

    /** Every run's numbers of one case, ms; NaN where a figure is not there (e.g. an older plugin's log). */
    private static final class Runs {
        final Map<String, double[]> figures = new LinkedHashMap<>();
        final List<String> loads = new ArrayList<>();
        final int count;

        Runs(int count) {
            this.count = count;
        }

        void put(String figure, int run, double value) {
            figures.computeIfAbsent(figure, f -> {
                double[] values = new double[count];
                Arrays.fill(values, Double.NaN);
                return values;
            })[run] = value;
        }

        double median(String figure) {
            double[] values = figures.get(figure);
            if (values == null) {
                return Double.NaN;
            }
            double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
            int n = present.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2;
        }
    }

    private void run(List<String> ids) throws Exception {
        String loadAtStart = loadAverage();
        Path wars = work.resolve("wars");
        Path scratch = work.resolve("goal");
        Files.createDirectories(scratch);
        Path project = writeProject(scratch.resolve("project"));
        List<Case> cases = new ArrayList<>();
        for (String id : ids) {
            switch (id) {
                case "200m" -> cases.add(new Case(id, "generated 200 MB, 20,000 entries", BenchmarkWars.get(
                        BenchmarkWars.ALL.stream().filter(s -> s.id().equals("200m")).findFirst().orElseThrow(),
                        wars, out), null, false));
                case "jackrabbit" -> cases.add(new Case(id, "jackrabbit-webapp, 102 jars", jackrabbit(wars), null,
                        true));
                case "jackrabbit-exploded" -> cases.add(new Case(id, "jackrabbit-webapp + exploded dir",
                        jackrabbit(wars), explode(jackrabbit(wars), scratch.resolve("exploded")), false));
                default -> throw new IllegalArgumentException("unknown case " + id);
            }
        }
        Map<Case, Runs> results = new LinkedHashMap<>();
        for (Case c : cases) {
            out.println("Measuring " + c.id() + " (" + c.war() + ") ...");
            results.put(c, measure(c, project, scratch));
        }
        printTable(results, loadAtStart);
    }

    /** A project of packaging pom that runs the goals on the WAR given as -Dtomcat-cluster.warFile. */
    private Path writeProject(Path directory) throws IOException {
        Files.createDirectories(directory);
        String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>bench</groupId><artifactId>goal-bench</artifactId><version>1</version>\n"
                + "  <packaging>pom</packaging>\n"
                + "  <build><plugins><plugin>\n"
                + "    <groupId>io.github.clusterready</groupId><artifactId>tomcat-cluster-maven-plugin</artifactId>\n"
                + "    <version>" + version + "</version>\n"
                + "    <executions><execution><id>exploded</id>\n"
                + "      <configuration><webappDirectory>${bench.exploded}</webappDirectory></configuration>\n"
                + "    </execution></executions>\n"
                + "  </plugin></plugins></build>\n"
                + "</project>\n";
        Files.writeString(directory.resolve("pom.xml"), pom);
        return directory;
    }

    /** The jackrabbit-webapp WAR, resolved from Maven Central (once) with maven-dependency-plugin. */
    private Path jackrabbit(Path wars) throws IOException, InterruptedException {
        Path war = wars.resolve("jackrabbit-webapp-2.20.16.war");
        if (!Files.isRegularFile(war)) {
            Files.createDirectories(wars);
            List<String> command = mvnCommand("-q", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
                    "-Dartifact=" + JACKRABBIT, "-DoutputDirectory=" + wars);
            command.remove("-o");
            Process process = new ProcessBuilder(command).directory(wars.toFile()).redirectErrorStream(true).start();
            String log = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (process.waitFor() != 0 || !Files.isRegularFile(war)) {
                throw new IllegalStateException("could not resolve " + JACKRABBIT + ":\n" + log);
            }
            out.println("  resolved " + JACKRABBIT + " to " + war);
        }
        return war;
    }

    /** The WAR unpacked as war:war leaves the exploded webapp (once). */
    private Path explode(Path war, Path directory) throws IOException {
        if (Files.isRegularFile(directory.resolve("WEB-INF/web.xml.original"))) {
            return directory;
        }
        FileUtils.deleteDirectory(directory.toFile());
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(war))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException("entry outside the directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.copy(directory.resolve("WEB-INF/web.xml"), directory.resolve("WEB-INF/web.xml.original"));
        return directory;
    }

    private Runs measure(Case c, Path project, Path scratch) throws Exception {
        Runs runs = new Runs(this.runs);
        Path input = scratch.resolve("input.war");
        Path copy = scratch.resolve("cp.war");
        for (int run = -1; run < this.runs; run++) { // run -1 is the warm-up
            Files.copy(c.war(), input, StandardCopyOption.REPLACE_EXISTING);
            if (c.exploded() != null) {
                Files.copy(c.exploded().resolve("WEB-INF/web.xml.original"), c.exploded().resolve("WEB-INF/web.xml"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            String load = loadAverage();
            // cp and unzip first on even runs, last on odd ones, so that neither side always finds the machine as
            // the other left it
            double[] baseline = run % 2 == 0 ? baseline(input, copy) : null;
            Map<String, Double> goal = mvn(project, c, input, "distributable");
            Map<String, Double> verify = c.verify() ? mvn(project, c, input, "verify") : Map.of();
            if (baseline == null) {
                baseline = baseline(input, copy);
            }
            Files.deleteIfExists(copy);
            StringBuilder line = new StringBuilder(String.format("  %s: load %s; cp %.0f ms (cpu %.0f), cp+mv %.0f ms, "
                    + "unzip -p %.0f ms (cpu %.0f)", run < 0 ? "warm-up" : "run " + (run + 1), load, baseline[0],
                    baseline[3], baseline[4], baseline[1], baseline[2]));
            goal.forEach((k, v) -> line.append(String.format("; distributable %s %.0f", k, v)));
            verify.forEach((k, v) -> line.append(String.format("; verify %s %.0f", k, v)));
            out.println(line);
            if (run < 0) {
                continue;
            }
            int r = run;
            runs.loads.add(load);
            runs.put("cp", r, baseline[0]);
            runs.put("cp cpu", r, baseline[3]);
            runs.put("cp+mv", r, baseline[4]);
            runs.put("unzip", r, baseline[1]);
            runs.put("unzip cpu", r, baseline[2]);
            goal.forEach((k, v) -> runs.put("distributable " + k, r, v));
            verify.forEach((k, v) -> runs.put("verify " + k, r, v));
        }
        Files.deleteIfExists(input);
        return runs;
    }

    /**
     * {@code cp} of the WAR, {@code unzip -p} of its library jars, and an atomic replacement by hand ({@code cp} to a
     * new file, then {@code mv} over a copy of the WAR), each a fresh process: wall, wall, cpu, cpu, wall ms.
     */
    private double[] baseline(Path input, Path copy) throws IOException, InterruptedException {
        Files.deleteIfExists(copy);
        settle(input);
        double[] cp = time(new ProcessBuilder("cp", input.toString(), copy.toString()));
        settle(input);
        double[] unzip = time(new ProcessBuilder("unzip", "-p", input.toString(), "WEB-INF/lib/*")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        Path replaced = copy.resolveSibling("replaced.war");
        Path temporary = copy.resolveSibling(".replaced.war.tmp");
        Files.copy(input, replaced, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(temporary);
        settle(input);
        double[] replace = time(new ProcessBuilder("sh", "-c", "cp \"$1\" \"$2\" && mv -f \"$2\" \"$3\"", "sh",
                input.toString(), temporary.toString(), replaced.toString()));
        Files.deleteIfExists(replaced);
        return new double[] {cp[0], unzip[0], unzip[1], cp[1], replace[0]};
    }

    /** Runs a process to its end, its errors on this console: its wall-clock and CPU time, ms. */
    private static double[] time(ProcessBuilder builder) throws IOException, InterruptedException {
        Finished finished = runTimed(builder.redirectError(ProcessBuilder.Redirect.INHERIT));
        return new double[] {finished.wallMs(), finished.cpuMs()};
    }

    /**
     * One {@code mvn} process running {@code goal} on {@code input}: the goal's own time from its log line (and the
     * fragment check's, from its debug line), the process's wall-clock and CPU time.
     */
    private Map<String, Double> mvn(Path project, Case c, Path input, String goal)
            throws IOException, InterruptedException {
        settle(input);
        List<String> command = mvnCommand(PLUGIN + ":" + version + ":" + goal
                        + (c.exploded() != null ? "@exploded" : ""),
                "-Dtomcat-cluster.warFile=" + input,
                // the goals' debug lines only: the fragment check's time
                "-Dorg.slf4j.simpleLogger.log.io.github.clusterready.tomcat.maven=debug");
        if (c.exploded() != null) {
            command.add("-Dbench.exploded=" + c.exploded());
        }
        if (goal.equals("verify")) {
            command.add("-Dtomcat-cluster.failOnSessionRisk=false");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().remove("MAVEN_PROJECTBASEDIR");
        Finished finished = runTimed(builder);
        String text = finished.output();
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            Matcher m = GOAL_MS.matcher(line);
            if (m.find()) {
                figures.put("goal", Double.parseDouble(m.group(1)));
            }
            m = SCAN_MS.matcher(line);
            if (m.find()) {
                figures.put("fragments", Double.parseDouble(m.group(1)));
            }
            m = GOAL_CPU.matcher(line);
            if (m.find()) {
                figures.putIfAbsent("goal", Double.parseDouble(m.group(1))); // verify has no info line with it
                figures.put("goal cpu", Double.parseDouble(m.group(2)));
            }
            m = SESSIONS_MS.matcher(line);
            if (goal.equals("verify") && line.startsWith("[INFO]") && m.find()) {
                figures.put("sessions", Double.parseDouble(m.group(1)));
            }
            if (line.startsWith("[WARNING]") && line.contains("Could not check the web fragments")) {
                figures.put("scan warning", 1.0);
            }
        }
        if (goal.equals("distributable") && !figures.containsKey("goal")) {
            throw new IllegalStateException("no goal log line in:\n" + text);
        }
        figures.put("mvn wall", finished.wallMs());
        figures.put("mvn cpu", finished.cpuMs());
        return figures;
    }

    private List<String> mvnCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(mvn, "-B", "-o", "-ntp"));
        if (!repo.isEmpty()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.addAll(List.of(args));
        return command;
    }

    /** Untimed: dirty pages written back, and the WAR read once, as war:war has just written it. */
    private void settle(Path input) throws IOException, InterruptedException {
        sync();
        readIntoPageCache(input);
    }

    // ---- the table --------------------------------------------------------------------------------------------

    private void printTable(Map<Case, Runs> results, String loadAtStart) throws IOException {
        StringBuilder t = new StringBuilder();
        t.append("\n== tomcat-cluster-maven-plugin: the goals in a fresh mvn, as users run them ==\n");
        t.append(String.format("Java %s, %s, %d CPUs; plugin %s; median of %d runs after a warm-up; load average "
                + "(1/5/15 min) at start %s, at end %s%n", System.getProperty("java.version"),
                System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(), version, runs,
                loadAtStart, loadAverage()));
        t.append("goal = the goal's own time (its log line), wall (cpu of the whole Maven JVM meanwhile); fragments ="
                + " the fragment check's (debug line);\nmvn = the whole mvn process, wall (cpu); cp = cp of the WAR;"
                + " cp+mv = cp to a new file, then mv over a copy of the WAR\n(an atomic replacement by hand); unzip ="
                + " unzip -p WAR 'WEB-INF/lib/*' > /dev/null: inflating every library jar once.\nAll ms, same file,"
                + " same run; cpu = user + system.\n\n");
        String header = String.format("%-34s %-13s %13s %9s %15s %11s %7s %13s %8s %8s %8s %8s %9s", "WAR", "goal",
                "goal ms (cpu)", "fragm. ms", "mvn ms (cpu)", "cp ms (cpu)", "cp+mv", "unzip ms (cpu)", "goal/cp",
                "cpu/cp", "goal/c+m", "goal/unz", "frag/unz");
        t.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        List<String> targets = new ArrayList<>();
        for (Map.Entry<Case, Runs> e : results.entrySet()) {
            Case c = e.getKey();
            Runs r = e.getValue();
            for (String goal : c.verify() ? List.of("distributable", "verify") : List.of("distributable")) {
                double goalMs = r.median(goal + " goal");
                double fragments = r.median(goal + " fragments");
                double cp = r.median("cp");
                double unzip = r.median("unzip");
                double replace = r.median("cp+mv");
                t.append(String.format("%-34s %-13s %13s %9s %15s %11s %7s %13s %7.2fx %7.2fx %7.2fx %7.2fx %8.2fx%n",
                        c.label(), goal, pair(goalMs, r.median(goal + " goal cpu")), number(fragments),
                        pair(r.median(goal + " mvn wall"), r.median(goal + " mvn cpu")), pair(cp, r.median("cp cpu")),
                        number(replace), pair(unzip, r.median("unzip cpu")), goalMs / cp, r.median(goal + " goal cpu")
                                / r.median("cp cpu"), goalMs / replace, goalMs / unzip, fragments / unzip));
                if (c.id().equals("200m") && goal.equals("distributable")) {
                    targets.add(target(goalMs <= REWRITE_TARGET * cp, String.format(
                            "distributable goal <= %.1f x cp, %s: %.2fx (%.2fx cp+mv)", REWRITE_TARGET, c.label(),
                            goalMs / cp, goalMs / replace)));
                }
                if (c.id().startsWith("jackrabbit")) {
                    double scan = Double.isNaN(fragments) ? goalMs : fragments;
                    targets.add(target(scan <= SCAN_TARGET * unzip, String.format(
                            "fragment check of %s <= %.1f x unzip -p of its jars, %s: %.2fx%s", goal, SCAN_TARGET,
                            c.label(), scan / unzip, Double.isNaN(fragments) ? " (the whole goal: no debug line)"
                                    : String.format(" (the whole goal: %.2fx)", goalMs / unzip))));
                }
            }
            if (r.figures.containsKey("distributable scan warning")) {
                t.append(String.format("  (%s: the goal warned that it could not check the web fragments: the "
                        + "generated jars are random bytes, so the check stops at the first)%n", c.label()));
            }
        }
        t.append("\nTargets (medians):\n");
        targets.forEach(t::append);
        t.append("\nLoad average at each timed run:\n");
        results.forEach((c, r) -> t.append(String.format("  %-34s %s%n", c.label(), String.join(" | ", r.loads))));
        t.append("\nEvery run, ms:\n");
        results.forEach((c, r) -> r.figures.forEach((figure, values) -> t.append(String.format("  %-34s %-26s %s%n",
                c.label(), figure, Arrays.toString(Arrays.stream(values).mapToLong(Math::round).toArray())))));
        out.print(t);
        Files.writeString(work.resolve("goal-results.txt"), t.toString());
        out.println("\n(also written to " + work.resolve("goal-results.txt") + ")");
    }

    private static String pair(double wall, double cpu) {
        return number(wall) + " (" + number(cpu) + ")";
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format("%.0f", value);
    }

    private static String target(boolean met, String what) {
        return String.format("  [%s] %s%n", met ? " MET  " : "NOT MET", what);
    }
}
