package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The budget's projection against the bytes a real 2-node cluster moved, under each manager: what the probes
 * measured the nodes sending (and projected for two nodes) is held against Tomcat's own counters, the cluster's
 * {@code ThroughputInterceptor} on each node, read at a snapshot before and one after ten requests that each store a
 * 32 KB value (alternating between the nodes under DeltaManager; on node1 only under BackupManager, as behind a
 * sticky balancer). Tomcat counts whole packages (each message with the channel's header, about 250 bytes with the
 * member's address, and the framing), and every ping of {@code TcpPingInterceptor} (one a second each way) besides;
 * under BackupManager also the map message around each diff and the map's small messages, which the probe does not
 * measure: within 5 % above the projection, for what the nodes received as for what they sent.
 */
class ReplicationBudgetE2ETest {
    private static final int REQUESTS = 10;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Manager.class)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theProjectionForTwoNodesIsWhatTomcatCountedTheNodesReceiving(Manager manager) throws Exception {
        Path war = ReplicationFixture.war(temp.resolve("webapp"), "jakarta");
        LocalCluster cluster = LocalCluster.start(new LocalCluster.Options()
                .home(LocalClusterE2ETest.tomcatHome(TomcatLine.V10_1)).war(war).contextPath("/shop")
                .directory(temp.resolve("run")).nodeNames(List.of("node1", "node2"))
                .settings(ClusterSettings.builder(TomcatLine.V10_1).manager(manager))
                .jvmArguments(List.of("-Xmx256m")), message -> { });
        ReplicationReport report = new ReplicationReport(cluster.nodes(), manager == Manager.DELTA);
        List<StepOutcome> outcomes;
        try {
            cluster.snapshots("before", Duration.ofSeconds(10));
            // BackupManager with sticky sessions, as it is meant to run: node1 keeps the session, node2 the backup
            ScenarioStep step = ScenarioStep.request("GET", "/budget", null).node(manager == Manager.DELTA
                    ? ScenarioStep.ALTERNATE : "node1");
            outcomes = new Scenario(Collections.nCopies(REQUESTS, step))
                    .replay(cluster.nodes(), temp.resolve("responses"), null, outcome -> { }).outcomes;
            // the channel sends asynchronously: the last change reaches the other node after its response
            Thread.sleep(1000);
            cluster.snapshots("after", Duration.ofSeconds(10));
            report.collect();
        } finally {
            cluster.stop();
        }
        String text = Files.readString(report.write(temp.resolve("report"), "budget"));
        ReplicationBudget budget = report.budget();
        long projected = manager == Manager.DELTA ? budget.deltaManager(2) : budget.backupManager(2);
        long received = budget.receivedBetweenSnapshots("node1") + budget.receivedBetweenSnapshots("node2");
        long sent = budget.sentBetweenSnapshots("node1") + budget.sentBetweenSnapshots("node2");
        System.out.printf("Budget, 2 nodes, " + manager + ": projected %,d bytes, Tomcat counted %,d received (%+.1f %%), %,d sent "
                + "(%+.1f %%)%n%s", projected, received, 100.0 * (received - projected) / projected, sent,
                100.0 * (sent - projected) / projected, text);

        for (StepOutcome outcome : outcomes) {
            assertEquals(200, outcome.status, outcomes.toString());
        }
        assertEquals(budget.sent("node1") + budget.sent("node2"), projected, "two nodes: one copy of each message");
        assertTrue(projected > REQUESTS * ReplicationFixture.BUDGET_NOTES, "each request's delta carries the notes: "
                + text);
        assertTrue(received >= projected && received <= projected * 1.05, "received " + received + ", projected "
                + projected + "\n" + text);
        assertTrue(sent >= projected && sent <= projected * 1.05, "sent " + sent + ", projected " + projected
                + "\n" + text);
        assertTrue(text.contains("    notes: 32,"), text);
        assertTrue(text.contains("    GET /budget: " + REQUESTS + " times, "), text);
        assertTrue(text.contains(manager == Manager.DELTA ? "session-delta 33," : "map-diff 33,"), text);
    }
}
