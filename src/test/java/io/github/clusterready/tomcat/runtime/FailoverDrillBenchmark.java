package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a failover drill takes on two Tomcat 10.1 nodes with the plugin's defaults (DeltaManager, synchronous
 * sends): one session counts its visits; each round kills the node that served last (SIGKILL and the verdict's
 * snapshot of the survivor), sends the next visit to the survivor (the takeover), and restarts the killed node (until
 * it serves and is a member again), and reads from the restarted node's log how long DeltaManager's state transfer
 * took. Prints each round and the medians. Run:
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp target/classes:target/test-classes:$(cat target/test.classpath) \
 *     io.github.clusterready.tomcat.runtime.FailoverDrillBenchmark
 * </pre>
 */
public final class FailoverDrillBenchmark {
    /** DeltaManager's message when the session state arrived: {@code ... received in [12] ms.}. */
    private static final Pattern STATE = Pattern.compile(
            "session state sent at \\[[^\\]]*\\] received in \\[(\\d+)\\] ms");

    private FailoverDrillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 4);
        Path directory = Files.createTempDirectory("drill-benchmark");
        LocalCluster.Options options = new LocalCluster.Options()
                .home(LocalClusterE2ETest.tomcatHome(TomcatLine.V10_1))
                .war(FailoverDrillE2ETest.war(directory.resolve("webapp"))).contextPath("/shop")
                .directory(directory.resolve("run")).nodeNames(List.of("node1", "node2"))
                .settings(ClusterSettings.builder(TomcatLine.V10_1).manager(Manager.DELTA))
                .jvmArguments(List.of("-Xmx256m"));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        LocalCluster cluster = LocalCluster.start(options, log::add);
        List<Double> kills = new ArrayList<>();
        List<Double> takeovers = new ArrayList<>();
        List<Double> restarts = new ArrayList<>();
        List<Double> transfers = new ArrayList<>();
        try {
            ReplicationReport report = new ReplicationReport(cluster.nodes(), true);
            Drill drill = new Drill(cluster, report, log::add);
            List<ScenarioStep> steps = new ArrayList<>();
            steps.add(ScenarioStep.request("GET", "/big?size=1000", null));
            steps.add(ScenarioStep.request("GET", "/big?size=1000", null));
            for (int i = 0; i < rounds; i++) {
                steps.add(ScenarioStep.kill("last"));
                steps.add(ScenarioStep.request("GET", "/big?size=1000", null));
                steps.add(ScenarioStep.restart("last"));
            }
            long[] last = {System.nanoTime()};
            List<String> failures = new ArrayList<>();
            new Scenario(steps).replay(cluster.nodes(), directory.resolve("responses"), drill, outcome -> {
                long now = System.nanoTime();
                double seconds = (now - last[0]) / 1e9;
                last[0] = now;
                if (outcome.failure != null) {
                    failures.add(outcome.toString());
                }
                if (outcome.request.startsWith("kill")) {
                    kills.add(seconds);
                } else if (outcome.request.startsWith("restart")) {
                    restarts.add(seconds);
                } else if (outcome.step > 2) {
                    takeovers.add(seconds);
                }
                System.out.printf(Locale.ROOT, "%7.3f s  %s%n", seconds, outcome);
            });
            for (ClusterNode node : cluster.nodes()) {
                Matcher state = STATE.matcher(new String(Files.readAllBytes(node.log()), StandardCharsets.UTF_8));
                while (state.find()) {
                    transfers.add(Integer.parseInt(state.group(1)) / 1000.0);
                }
            }
            System.out.println("problems: " + drill.problems() + ", unexpected responses: " + failures);
        } finally {
            cluster.stop();
        }
        System.out.printf(Locale.ROOT, "Failover drill on 2 nodes, %d rounds, medians: kill (SIGKILL, exit, verdict) "
                + "%.2f s, takeover (first request on the survivor) %.3f s, restart (serves, member, state) %.1f s, "
                + "state transfer %.3f s (%d read from the logs)%n", rounds, median(kills), median(takeovers),
                median(restarts), median(transfers), transfers.size());
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
