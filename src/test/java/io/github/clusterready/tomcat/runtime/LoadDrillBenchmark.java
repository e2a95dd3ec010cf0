package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The load drill's requests per second on two Tomcat 10.1 nodes (DeltaManager, the plugin's defaults): users
 * count their visits (a 1 kB value and a counter stored each request, four requests a pass on one node) for a
 * fixed time, three ways one after the other on fresh clusters, so they compare side by side: without the probe
 * and no kill, with the probe and no kill, with the probe and a kill and restart of each node. Prints each run and
 * the ratios.
 * Run:
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp target/classes:target/test-classes:$(cat target/test.classpath) \
 *     -Dbench.users=10 -Dbench.seconds=30 io.github.clusterready.tomcat.runtime.LoadDrillBenchmark
 * </pre>
 */
public final class LoadDrillBenchmark {
    private LoadDrillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int users = Integer.getInteger("bench.users", 10);
        int seconds = Integer.getInteger("bench.seconds", 30);
        Path directory = Files.createTempDirectory("load-benchmark");
        Path war = FailoverDrillE2ETest.war(directory.resolve("webapp"));
        double plain = run(directory.resolve("plain"), war, false, users, seconds, 0);
        double probed = run(directory.resolve("probed"), war, true, users, seconds, 0);
        double drilled = run(directory.resolve("drilled"), war, true, users, seconds, 2);
        System.out.printf(Locale.ROOT, "%d users, %d s each: without the probe %.1f requests/s, with it %.1f "
                + "(ratio %.2f), with it and 2 kills and restarts %.1f (ratio to no kill %.2f)%n", users, seconds,
                plain, probed, probed / plain, drilled, drilled / probed);
    }

    private static double run(Path directory, Path war, boolean probe, int users, int seconds, int kills)
            throws Exception {
        LocalCluster.Options options = new LocalCluster.Options()
                .home(LocalClusterE2ETest.tomcatHome(TomcatLine.V10_1)).war(war).contextPath("/shop")
                .directory(directory).nodeNames(List.of("node1", "node2"))
                .settings(ClusterSettings.builder(TomcatLine.V10_1).manager(Manager.DELTA))
                .jvmArguments(List.of("-Xmx256m"));
        if (!probe) {
            options.withoutProbe();
        }
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        LocalCluster cluster = LocalCluster.start(options, log::add);
        try {
            List<ScenarioStep> steps = new ArrayList<>();
            for (int visit = 1; visit <= 4; visit++) {
                ScenarioStep step = ScenarioStep.request("GET", "/big?size=1000", null)
                        .expect(new Expectation(200, "count=" + visit, null));
                steps.add(visit == 1 ? step : step.node(ScenarioStep.SAME));
            }
            Scenario scenario = new Scenario(steps);
            LoadPlan plan = LoadPlan.of("<load>", users, null, seconds, kills, List.of("node1", "node2"), scenario);
            ReplicationReport report = new ReplicationReport(cluster.nodes(), true);
            LoadSummary summary = new LoadDrill(cluster, report, line -> { }).run(scenario, plan,
                    directory.resolve("responses"));
            System.out.println((probe ? "probe" : "no probe") + ", " + kills + " kills: " + summary);
            return summary.requestsPerSecond();
        } finally {
            cluster.stop();
        }
    }
}
