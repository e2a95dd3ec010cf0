package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import io.github.clusterready.tomcat.probe.ProbeProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long a local cluster takes until every node serves the webapp, one node against two, side by side in one run:
 * alternately starts one node alone and two nodes (Tomcat 10.1, the probe on, each manager in turn)
 * {@code bench.rounds} times and prints each start, the medians and their ratio. One node alone is node1 of the same
 * two-node layout, started by itself with the same command line until the probe says it serves (a cluster of one is
 * no cluster, so the plugin does not start one). Run (see docs/performance.md):
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -Dbench.rounds=5 -cp target/classes:target/test-classes:$(cat target/test.classpath) \
 *     io.github.clusterready.tomcat.runtime.StartBenchmark
 * </pre>
 */
public final class StartBenchmark {
    private StartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 5);
        Path work = Files.createTempDirectory("start-bench");
        Path war = ReplicationFixture.war(work.resolve("webapp"), "jakarta");
        Path home = LocalClusterE2ETest.tomcatHome(TomcatLine.V10_1);
        System.out.printf(Locale.ROOT, "Start: Tomcat 10.1, the probe on, from the first JVM's launch until every "
                + "node serves the webapp; %d rounds; %s cores, load average at start %s%n", rounds,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        for (Manager manager : new Manager[] {Manager.DELTA, Manager.BACKUP}) {
            List<Double> one = new ArrayList<>();
            List<Double> two = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (int nodes = 1; nodes <= 2; nodes++) {
                    LocalCluster.Options options = new LocalCluster.Options().home(home).war(war)
                            .contextPath("/shop").directory(work.resolve("run")).nodeNames(List.of("node1", "node2"))
                            .settings(ClusterSettings.builder(TomcatLine.V10_1).manager(manager))
                            .jvmArguments(List.of("-Xmx256m"));
                    double seconds;
                    if (nodes == 2) {
                        // from the first node's launch to the last "serves" line: the same span as one node's
                        long[] firstLaunch = {0};
                        long[] lastServes = {0};
                        options.launcher((command, base, log) -> {
                            if (firstLaunch[0] == 0) {
                                firstLaunch[0] = System.nanoTime();
                            }
                            return NodeLauncher.PROCESSES.launch(command, base, log);
                        });
                        long started = System.nanoTime();
                        LocalCluster cluster = LocalCluster.start(options, line -> {
                            if (line.contains(" serves ")) {
                                lastServes[0] = System.nanoTime();
                            }
                        });
                        double members = (System.nanoTime() - started) / 1e9;
                        cluster.stop();
                        seconds = (lastServes[0] - firstLaunch[0]) / 1e9;
                        System.out.printf(Locale.ROOT, "%s round %d, 2 nodes: whole start until both see each "
                                + "other %.2f s%n", manager, round, members);
                    } else {
                        seconds = aloneSeconds(options, home);
                    }
                    (nodes == 1 ? one : two).add(seconds);
                    System.out.printf(Locale.ROOT, "%s round %d, %d node%s: %.2f s (load %s)%n", manager, round,
                            nodes, nodes == 1 ? " " : "s", seconds, loadAverage());
                }
            }
            double medianOne = median(one);
            double medianTwo = median(two);
            System.out.printf(Locale.ROOT, "%s: median 1 node %.2f s, 2 nodes %.2f s, ratio %.2f (target 1.3)%n",
                    manager, medianOne, medianTwo, medianTwo / medianOne);
        }
    }

    /** Lays out the two nodes (a cluster start and stop), then times node1 started alone in its base. */
    private static double aloneSeconds(LocalCluster.Options options, Path home) throws Exception {
        LocalCluster cluster = LocalCluster.start(options, line -> { });
        ClusterNode node = cluster.nodes().get(0);
        cluster.stop();
        Path started = node.probeDirectory().resolve(ProbeProtocol.STARTED);
        Files.deleteIfExists(started);
        List<String> command = NodeCommand.of(options.java, List.of("-Xmx256m"), home, node.base(), true);
        long start = System.nanoTime();
        Process process = NodeLauncher.PROCESSES.launch(command, node.base(), node.log());
        try {
            while (!Files.exists(started)) {
                if (!process.isAlive() || System.nanoTime() - start > 120_000_000_000L) {
                    throw new IllegalStateException("node1 alone did not start; see " + node.log());
                }
                Thread.sleep(50);
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String loadAverage() throws Exception {
        return new String(Files.readAllBytes(Path.of("/proc/loadavg"))).trim().split(" ")[0];
    }
}
