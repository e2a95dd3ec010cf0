package io.github.clusterready.tomcat.bench;

import static io.github.clusterready.tomcat.bench.BenchmarkMachine.loadAverage;
import static io.github.clusterready.tomcat.bench.BenchmarkMachine.readIntoPageCache;
import static io.github.clusterready.tomcat.bench.BenchmarkMachine.runTimed;
import static io.github.clusterready.tomcat.bench.BenchmarkMachine.sync;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.clusterready.tomcat.bench.BenchmarkMachine.Finished;
import io.github.clusterready.tomcat.descriptor.WebAppVersion;
import io.github.clusterready.tomcat.distributable.DistributableInjector;
import io.github.clusterready.tomcat.distributable.DistributableInjector.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.io.FileUtils;

/**
 * Measures the {@code distributable} goal's WAR rewrite against a plain file copy, the already-distributable
 * path, the rewrite of a 1 GB WAR in a 64 MB heap, and what the goal adds to {@code mvn package} of the example
 * webapp; prints one table and whether each target is met. Not a test: run it with
 * {@code mvn -B -ntp -Pbenchmark install} (see docs/performance.md).
 *
 * <p>System properties: {@code bench.dir} (work directory, default {@code target/bench}), {@code bench.sizes}
 * (comma-separated WAR ids out of {@code 10m,200m,1g}, default all), {@code bench.runs} (default 5),
 * {@code bench.mvn} (the {@code mvn} to build the example with; empty skips that part), {@code bench.mvnRuns}
 * (default 3; 0 skips that part), {@code bench.sync} (default true: flush dirty pages between timed runs, untimed, so that every
 * run starts from the same page-cache state).
 */
public final class RewriteBenchmark {
    private static final double REWRITE_TARGET = 1.5;
    private static final double CHECK_TARGET_MS = 50;
    private static final double MVN_TARGET = 0.05;

    private final Path baseDirectory;
    private final Path workDirectory;
    private final int runs;
    private final boolean sync;
    private final PrintStream out = System.out;
    private final DistributableInjector injector = new DistributableInjector();
    private final String loadAtStart = loadAverage();
    private final List<String> warDescriptions = new ArrayList<>();
    /** The goal's own log line from the warm-up build, which runs without -q: it gives the goal's time. */
    private String goalLog = "(not seen)";

    private RewriteBenchmark(Path baseDirectory, Path workDirectory, int runs, boolean sync) {
        this.baseDirectory = baseDirectory;
        this.workDirectory = workDirectory;
        this.runs = runs;
        this.sync = sync;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args.length > 0 && args[0].equals("low-memory")) {
            lowMemory(Paths.get(args[1]), Paths.get(args[2]));
            return;
        }
        Path base = Paths.get(System.getProperty("bench.basedir", ".")).toAbsolutePath().normalize();
        Path work = base.resolve(System.getProperty("bench.dir", "target/bench"));
        RewriteBenchmark benchmark = new RewriteBenchmark(base, work,
                Integer.getInteger("bench.runs", 5), !"false".equals(System.getProperty("bench.sync")));
        List<String> sizes = Arrays.asList(System.getProperty("bench.sizes", "10m,200m,1g").split(","));
        String mvn = System.getProperty("bench.mvn", "");
        System.exit(benchmark.run(sizes, mvn, Integer.getInteger("bench.mvnRuns", 3)) ? 0 : 1);
    }

    /** Runs everything and prints the table; false when a measurement failed (not when a target is missed). */
    private boolean run(List<String> sizes, String mvn, int mvnRuns) throws Exception {
        Path wars = workDirectory.resolve("wars");
        Path scratch = workDirectory.resolve("work");
        Files.createDirectories(scratch);
        clean(scratch);
        out.println("WARs (" + wars + "):");
        List<Row> rows = new ArrayList<>();
        List<BenchmarkWars.Spec> specs = new ArrayList<>();
        for (BenchmarkWars.Spec spec : BenchmarkWars.ALL) {
            if (sizes.contains(spec.id())) {
                specs.add(spec);
            }
        }
        List<Path> paths = new ArrayList<>();
        for (BenchmarkWars.Spec spec : specs) {
            paths.add(BenchmarkWars.get(spec, wars, out));
        }
        for (int i = 0; i < specs.size(); i++) {
            warDescriptions.add(String.format("  %-24s %s", specs.get(i).label(),
                    BenchmarkWars.describe(paths.get(i))));
            out.println(warDescriptions.get(i));
        }
        for (int i = 0; i < specs.size(); i++) {
            out.println("Measuring " + specs.get(i).label() + " ...");
            rows.add(measure(specs.get(i), paths.get(i), scratch));
        }

        LowMemory lowMemory = null;
        int big = specs.stream().map(BenchmarkWars.Spec::id).toList().indexOf("1g");
        if (big >= 0) {
            out.println("Rewriting the 1 GB WAR in a new JVM with -Xmx64m ...");
            lowMemory = lowMemoryRun(paths.get(big), scratch);
        }
        MvnPackage mvnPackage = null;
        if (!mvn.isEmpty() && mvnRuns > 0) {
            out.println("Building examples/session-counter (mvn -o -q package) ...");
            mvnPackage = mvnPackage(mvn, mvnRuns);
        }
        clean(scratch);
        printTable(rows, lowMemory, mvnPackage);
        return lowMemory == null || lowMemory.passed;
    }

    // ---- (a), (b), (c) ----------------------------------------------------------------------------------------

    /** Wall-clock and this thread's CPU time (user + system, so the kernel's copying counts) of each run. */
    private record Times(double[] wall, double[] cpu) {
        Times(int runs) {
            this(new double[runs], new double[runs]);
        }
    }

    private record Row(BenchmarkWars.Spec spec, long bytes, int entries, Times copy, Times rewrite, Times check) {
        double ratio() {
            return median(rewrite.wall()) / median(copy.wall());
        }

        double cpuRatio() {
            return median(rewrite.cpu()) / median(copy.cpu());
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Runs {@code step}, recording its times as run {@code run} of {@code times} (nothing for the warm-up, -1). */
    private static void time(Times times, int run, Step step) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        step.run();
        wall = System.nanoTime() - wall;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (run >= 0) {
            times.wall()[run] = wall / 1e6;
            times.cpu()[run] = cpu / 1e6;
        }
    }

    private Row measure(BenchmarkWars.Spec spec, Path war, Path scratch) throws Exception {
        Path copy = scratch.resolve("copy.war");
        Path rewritten = scratch.resolve("rewritten.war");
        Times copyTimes = new Times(runs);
        Times rewriteTimes = new Times(runs);
        Times checkTimes = new Times(runs);
        Outcome[] outcomes = new Outcome[2];
        for (int run = -1; run < runs; run++) { // run -1 is the warm-up
            int r = run;
            // Each step first deletes its own previous output, so that both find the same: as much memory just
            // freed as they are about to fill (on a VM, pages freed a while ago may cost more to get back).
            Step copyStep = () -> {
                Files.deleteIfExists(copy);
                settle(war);
                time(copyTimes, r, () -> Files.copy(war, copy));
            };
            Step rewriteStep = () -> {
                Files.deleteIfExists(rewritten);
                settle(war);
                time(rewriteTimes, r, () -> outcomes[0] = inject(war, rewritten));
            };
            // (a) and (b) take turns at going first, so that neither always finds the machine as the other left it
            if (run % 2 == 0) {
                rewriteStep.run();
                copyStep.run();
            } else {
                copyStep.run();
                rewriteStep.run();
            }
            settle(rewritten);
            time(checkTimes, run, () -> outcomes[1] = inject(rewritten, rewritten));
            if (outcomes[0] != Outcome.ADDED || outcomes[1] != Outcome.ALREADY_DISTRIBUTABLE) {
                throw new IllegalStateException(spec.label() + ": outcomes " + Arrays.toString(outcomes));
            }
            if (run < 0) {
                verify(war, rewritten);
                continue;
            }
            out.printf("  run %d: copy %.1f ms (cpu %.1f), rewrite %.1f ms (cpu %.1f), already distributable %.2f ms "
                    + "(cpu %.2f)%n", run + 1, copyTimes.wall()[run], copyTimes.cpu()[run], rewriteTimes.wall()[run],
                    rewriteTimes.cpu()[run], checkTimes.wall()[run], checkTimes.cpu()[run]);
        }
        Files.deleteIfExists(copy);
        Files.deleteIfExists(rewritten);
        int entries;
        try (ZipFile zip = new ZipFile(war.toFile())) {
            entries = zip.size();
        }
        return new Row(spec, Files.size(war), entries, copyTimes, rewriteTimes, checkTimes);
    }

    /** What the goal does: the WAR {@code war} made distributable into {@code output} (which may be {@code war}). */
    private Outcome inject(Path war, Path output) throws Exception {
        // The rewrite alone: the generated jars are random bytes, not archives a fragment scan could read.
        return injector.inject(new DistributableInjector.Request(war, baseDirectory).output(output)
                .checkFragments(false)).outcome();
    }

    /** The rewritten WAR is a valid archive with the same entries, distributable, and one line longer. */
    private static void verify(Path original, Path rewritten) throws IOException {
        try (ZipFile a = new ZipFile(original.toFile()); ZipFile b = new ZipFile(rewritten.toFile())) {
            if (a.size() != b.size()) {
                throw new IllegalStateException("the rewritten WAR has " + b.size() + " entries, not " + a.size());
            }
            String before = new String(read(a, a.getEntry("WEB-INF/web.xml")), UTF_8);
            String after = new String(read(b, b.getEntry("WEB-INF/web.xml")), UTF_8);
            if (before.contains("<distributable/>") || !after.contains("<distributable/>")
                    || after.length() != before.length() + "    <distributable/>\n".length()) {
                throw new IllegalStateException("the rewritten web.xml is not the original plus <distributable/>");
            }
            ZipEntry last = null;
            for (var e = b.entries(); e.hasMoreElements(); ) {
                last = e.nextElement();
            }
            read(b, last); // reads through the data, checking the CRC
        }
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    /** Between timed runs: writes back dirty pages (untimed), so that no run pays for an earlier run's writes. */
    private void settle() throws IOException, InterruptedException {
        if (sync) {
            sync();
        }
    }

    /** {@link #settle()}, then reads all of {@code input} into the page cache (untimed). */
    private void settle(Path input) throws IOException, InterruptedException {
        settle();
        readIntoPageCache(input);
    }

    // ---- -Xmx64m --------------------------------------------------------------------------------------------

    private record LowMemory(boolean passed, double rewriteMs, double checkMs, long peakHeap, long wallMs,
            String detail) {
    }

    private LowMemory lowMemoryRun(Path war, Path scratch) throws IOException, InterruptedException {
        Path output = scratch.resolve("low-memory.war");
        Files.deleteIfExists(output);
        settle(war);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                RewriteBenchmark.class.getName(), "low-memory", war.toString(), output.toString());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), UTF_8).trim();
        int exit = process.waitFor();
        long wall = (System.nanoTime() - started) / 1_000_000;
        Files.deleteIfExists(output);
        String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
        if (exit == 0 && last.startsWith("OK ")) {
            String[] f = last.split(" ");
            out.println("  " + last);
            return new LowMemory(true, Double.parseDouble(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]),
                    wall, "");
        }
        out.println("  FAILED (exit " + exit + "):\n" + text);
        String reason = text.contains("OutOfMemoryError") ? "OutOfMemoryError" : "exit " + exit;
        return new LowMemory(false, Double.NaN, Double.NaN, -1, wall, reason);
    }

    /** In the -Xmx64m JVM: rewrites {@code war} to {@code output}, then checks it; prints the times and peak heap. */
    private static void lowMemory(Path war, Path output) throws Exception {
        DistributableInjector injector = new DistributableInjector();
        long t0 = System.nanoTime();
        Outcome added = injector.inject(new DistributableInjector.Request(war, null).output(output)
                .checkFragments(false)).outcome();
        long t1 = System.nanoTime();
        Outcome already = injector.inject(new DistributableInjector.Request(output, null)
                .checkFragments(false)).outcome();
        long t2 = System.nanoTime();
        if (added != Outcome.ADDED || already != Outcome.ALREADY_DISTRIBUTABLE) {
            throw new IllegalStateException("outcomes " + added + ", " + already);
        }
        verify(war, output);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "OK %.1f %.1f %d%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, peak);
    }

    // ---- mvn package ------------------------------------------------------------------------------------------

    /** Wall-clock times of the builds, and the CPU time of all their processes (NaN where unknown). */
    private record MvnPackage(Times with, Times without, String goalLog) {
        double overhead() {
            return median(with.wall()) / median(without.wall()) - 1;
        }

        double cpuOverhead() {
            return median(with.cpu()) / median(without.cpu()) - 1;
        }
    }

    private MvnPackage mvnPackage(String mvn, int mvnRuns) throws IOException, InterruptedException {
        Path example = baseDirectory.resolve("examples/session-counter");
        Times with = new Times(mvnRuns);
        Times without = new Times(mvnRuns);
        for (int run = -1; run < mvnRuns; run++) { // run -1 is the warm-up
            double[] w = mvn(mvn, example, true, run < 0);
            double[] wo = mvn(mvn, example, false, false);
            out.printf("  %s: with the goal %.0f ms (cpu %.0f), without %.0f ms (cpu %.0f)%n",
                    run < 0 ? "warm-up" : "run " + (run + 1), w[0], w[1], wo[0], wo[1]);
            if (run >= 0) {
                with.wall()[run] = w[0];
                with.cpu()[run] = w[1];
                without.wall()[run] = wo[0];
                without.cpu()[run] = wo[1];
            }
        }
        return new MvnPackage(with, without, goalLog);
    }

    /**
     * One {@code mvn -o -q package} from a clean {@code target/} (deleted untimed); checks what it built.
     *
     * @return the wall-clock time and the CPU time of the build's processes (Maven and the test JVM it forks), ms
     */
    private double[] mvn(String mvn, Path example, boolean withGoal, boolean showLog)
            throws IOException, InterruptedException {
        FileUtils.deleteDirectory(example.resolve("target").toFile());
        settle();
        List<String> command = new ArrayList<>(List.of(mvn, "-o", "-q", "-B", "package"));
        if (showLog) {
            command.remove("-q");
        }
        if (!withGoal) {
            command.add("-Dtomcat-cluster.skip=true");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(example.toFile()).redirectErrorStream(true);
        builder.environment().remove("MAVEN_PROJECTBASEDIR");
        Finished finished = runTimed(builder);
        if (showLog) {
            for (String line : finished.output().split("\\R")) {
                if (line.contains("<distributable/>") || line.contains("distributable WEB-INF/web.xml")) {
                    goalLog = line.trim();
                }
            }
        }
        Path war = example.resolve("target/session-counter.war");
        try (ZipFile zip = new ZipFile(war.toFile())) {
            boolean distributable = new String(read(zip, zip.getEntry("WEB-INF/web.xml")), UTF_8)
                    .contains("<distributable/>");
            if (distributable != withGoal) {
                throw new IllegalStateException(war + " is " + (distributable ? "" : "not ") + "distributable after "
                        + String.join(" ", command));
            }
        }
        return new double[] {finished.wallMs(), finished.cpuMs()};
    }

    // ---- the table --------------------------------------------------------------------------------------------

    private void printTable(List<Row> rows, LowMemory lowMemory, MvnPackage mvn) throws IOException {
        FileStore store = Files.getFileStore(workDirectory);
        StringBuilder t = new StringBuilder();
        t.append("\n== tomcat-cluster-maven-plugin: WAR rewrite benchmark ==\n");
        t.append(String.format("Java %s (%s), %s %s, %d CPUs, file system %s; median of %d runs after a warm-up"
                + "%s%n", System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), store.type(), runs,
                sync ? ";\nbefore each timed step (untimed): dirty pages written back (sync), its input read into the page cache"
                        : ";\nbefore each timed step (untimed): its input read into the page cache"));
        t.append("Load average (1/5/15 min) at start: ").append(loadAtStart).append(", at end: ").append(loadAverage())
                .append(" -- other processes on this machine share its CPUs; wall times grow with load, CPU times less\n");
        t.append("(a) Files.copy of the WAR  (b) DistributableInjector.inject to another file: the rewrite  "
                + "(c) inject on (b)'s output: already distributable, nothing written\n");
        t.append("cpu = CPU time of the benchmark thread, user + system (the kernel's copying counts)\n");
        t.append("WARs (generated, fixed seeds):\n");
        warDescriptions.forEach(d -> t.append(d).append('\n'));
        t.append('\n');
        String header1 = String.format("%-24s %13s %7s  %-18s  %-18s  %-13s  %-18s", "", "", "",
                "(a) Files.copy", "(b) rewrite", "b/a", "(c) already");
        String header2 = String.format("%-24s %13s %7s  %9s %8s  %9s %8s  %6s %6s  %9s %8s", "WAR", "bytes",
                "entries", "wall ms", "cpu ms", "wall ms", "cpu ms", "wall", "cpu", "wall ms", "cpu ms");
        t.append(header1).append('\n').append(header2).append('\n').append("-".repeat(header2.length())).append('\n');
        for (Row r : rows) {
            t.append(String.format("%-24s %,13d %,7d  %9.1f %8.1f  %9.1f %8.1f  %5.2fx %5.2fx  %9.2f %8.2f%n",
                    r.spec().label(), r.bytes(), r.entries(), median(r.copy().wall()), median(r.copy().cpu()),
                    median(r.rewrite().wall()), median(r.rewrite().cpu()), r.ratio(), r.cpuRatio(),
                    median(r.check().wall()), median(r.check().cpu())));
        }
        t.append('\n');
        if (lowMemory != null) {
            t.append(lowMemory.passed()
                    ? String.format("-Xmx64m, 1 GB WAR, new JVM: PASS; rewrite %.1f ms (cold JVM), then already"
                            + " distributable %.1f ms; peak heap %.1f MB; JVM wall time %d ms%n",
                            lowMemory.rewriteMs(), lowMemory.checkMs(), lowMemory.peakHeap() / 1048576.0,
                            lowMemory.wallMs())
                    : String.format("-Xmx64m, 1 GB WAR, new JVM: FAIL (%s) after %d ms%n", lowMemory.detail(),
                            lowMemory.wallMs()));
        }
        if (mvn != null) {
            t.append(String.format("mvn -o -q package of examples/session-counter, from an empty target/, median of %d"
                    + " after a warm-up, builds with and without alternating:%n", mvn.with().wall().length));
            String row = "  %-34s %9.0f %9.0f %8.3f (%+.1f %%)%n";
            t.append(String.format("  %-34s %9s %9s %8s%n", "", "with", "without", "ratio"));
            t.append(String.format(row, "wall ms", median(mvn.with().wall()), median(mvn.without().wall()),
                    1 + mvn.overhead(), 100 * mvn.overhead()));
            t.append(String.format(row, "cpu ms, all the build's processes", median(mvn.with().cpu()),
                    median(mvn.without().cpu()), 1 + mvn.cpuOverhead(), 100 * mvn.cpuOverhead()));
            t.append(String.format("  every run, wall ms (cpu ms): with %s; without %s%n", list(mvn.with()),
                    list(mvn.without())));
            t.append("  the goal's own log line in the warm-up build (not -q): ").append(mvn.goalLog()).append('\n');
        }

        t.append("\nTargets (judged on the wall-clock medians):\n");
        for (Row r : rows) {
            if (!r.spec().id().equals("10m")) {
                t.append(target(r.ratio() <= REWRITE_TARGET, String.format("rewrite <= %.1f x Files.copy, %s: %.2fx",
                        REWRITE_TARGET, r.spec().label(), r.ratio())));
            }
        }
        for (Row r : rows) {
            t.append(target(median(r.check().wall()) <= CHECK_TARGET_MS, String.format(
                    "already-distributable check <= %.0f ms, %s: %.2f ms", CHECK_TARGET_MS, r.spec().label(),
                    median(r.check().wall()))));
        }
        if (lowMemory != null) {
            t.append(target(lowMemory.passed(), "-Xmx64m suffices for the 1 GB WAR"));
        }
        if (mvn != null) {
            t.append(target(mvn.overhead() <= MVN_TARGET, String.format(
                    "the goal adds <= %.0f %% to mvn package of the example: %+.1f %% wall (%+.1f %% cpu)",
                    100 * MVN_TARGET, 100 * mvn.overhead(), 100 * mvn.cpuOverhead())));
        }
        t.append("\nEvery run, wall ms (cpu ms):\n");
        for (Row r : rows) {
            t.append(String.format("  %-24s (a) %s%n  %-24s (b) %s%n  %-24s (c) %s%n", r.spec().label(),
                    list(r.copy()), "", list(r.rewrite()), "", list(r.check())));
        }
        out.print(t);
        Files.writeString(workDirectory.resolve("results.txt"), t.toString());
        out.println("\n(also written to " + workDirectory.resolve("results.txt") + ")");
    }

    private static String target(boolean met, String what) {
        return String.format("  [%s] %s%n", met ? " MET  " : "NOT MET", what);
    }

    private static String list(Times times) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < times.wall().length; i++) {
            s.append(i == 0 ? "" : ", ").append(number(times.wall()[i])).append(" (")
                    .append(number(times.cpu()[i])).append(')');
        }
        return s.toString();
    }

    private static String number(double v) {
        return String.format(v < 100 ? "%.2f" : "%.0f", v);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void clean(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

}
