package io.github.clusterready.tomcat.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * What the benchmarks read from and do to the machine around a timed step (Linux): the load average, a process run
 * and timed (wall clock and CPU), and the page cache settled before a run, so that every run starts from the same
 * state.
 */
final class BenchmarkMachine {
    /** Reused by every {@link #readIntoPageCache}: the benchmarks run their steps one at a time. */
    private static final ByteBuffer READ_BUFFER = ByteBuffer.allocateDirect(1 << 20);

    private BenchmarkMachine() {
    }

    /** The load average (1/5/15 min) of /proc/loadavg, or "n/a". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /**
     * The user + system CPU time of this JVM's terminated, waited-for child processes and their own waited-for
     * children (Linux: /proc/self/stat, 10 ms resolution), or NaN elsewhere.
     */
    static double childrenCpuMs() {
        try {
            String stat = Files.readString(Paths.get("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 16 and 17 of stat(5), cutime and cstime; f[0] is field 3
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A process {@link #runTimed} waited for: its wall-clock and CPU time (its children's too), ms; its output. */
    record Finished(double wallMs, double cpuMs, String output) {
    }

    /**
     * Starts a process and waits for its end, reading its standard output meanwhile: the wall clock from its start to
     * its end, and the CPU time (user + system) it and its children used. A process that fails is an
     * IllegalStateException with its command, exit code and output.
     */
    static Finished runTimed(ProcessBuilder builder) throws IOException, InterruptedException {
        double cpu = childrenCpuMs();
        long started = System.nanoTime();
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
        }
        int exit = process.waitFor();
        double wall = (System.nanoTime() - started) / 1e6;
        cpu = childrenCpuMs() - cpu;
        String text = output.toString(UTF_8);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed (exit " + exit + "):\n"
                    + text);
        }
        return new Finished(wall, cpu, text);
    }

    /** Writes back dirty pages (untimed), so that no run pays for an earlier run's writes. */
    static void sync() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    /**
     * Reads all of {@code file} (untimed), so that the timed step finds it in the page cache, as a goal finds the WAR
     * that war:war has just written. Without this, the input is partly on disk or not, by chance: the kernel may page
     * out file data not read for a few seconds (here DAMON does).
     */
    static synchronized void readIntoPageCache(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(READ_BUFFER.clear()) >= 0) {
                // just read
            }
        }
    }
}
