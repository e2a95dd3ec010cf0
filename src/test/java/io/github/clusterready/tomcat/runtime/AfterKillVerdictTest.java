package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import io.github.clusterready.tomcat.probe.ProbeProtocol;
import io.github.clusterready.tomcat.probe.ProbeProtocol.Kind;
import io.github.clusterready.tomcat.runtime.ReplicationProblem.Cause;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict after a kill, on event files and snapshots written as the probe writes them: the killed node's last
 * view of each session it served last against what the survivor holds.
 */
class AfterKillVerdictTest {
    @TempDir
    Path temp;

    private ClusterNode node(String name) throws Exception {
        ClusterNode node = new ClusterNode(name, Files.createDirectories(temp.resolve(name)), 8, "/shop");
        Files.createDirectories(node.base().resolve(ProbeProtocol.DIRECTORY));
        return node;
    }

    private static void events(ClusterNode node, String... lines) throws Exception {
        Files.writeString(node.base().resolve(ProbeProtocol.DIRECTORY).resolve(ProbeProtocol.EVENTS),
                String.join("", lines));
    }

    private Path snapshot(String name, String... lines) throws Exception {
        return Files.writeString(temp.resolve(name), String.join("\n", lines) + "\n");
    }

    @Test
    void aValueTheSurvivorDoesNotHoldIsALostUpdateAndAMissingSessionALostSession() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        events(node1,
                ProbeProtocol.eventLine(100, 1, Kind.REQUEST, "S1", "GET /cart", "", "200"),
                ProbeProtocol.eventLine(100, 1, Kind.VALUE, "S1", "GET /cart", "cart", "c1"),
                ProbeProtocol.eventLine(100, 1, Kind.VALUE, "S1", "GET /cart", "user", "u1"),
                ProbeProtocol.eventLine(300, 2, Kind.REQUEST, "S1", "GET /cart/add", "", "200"),
                ProbeProtocol.eventLine(300, 2, Kind.VALUE, "S1", "GET /cart/add", "cart", "c2"),
                ProbeProtocol.eventLine(300, 2, Kind.VALUE, "S1", "GET /cart/add", "user", "u1"),
                ProbeProtocol.eventLine(400, 3, Kind.REQUEST, "S2", "POST /login", "", "200"),
                ProbeProtocol.eventLine(400, 3, Kind.VALUE, "S2", "POST /login", "user", "u9"));
        events(node2,
                ProbeProtocol.eventLine(200, 1, Kind.REQUEST, "S3", "GET /other", "", "200"),
                ProbeProtocol.eventLine(200, 1, Kind.VALUE, "S3", "GET /other", "user", "u3"));
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);
        report.collect();
        // node2 got the first change of S1 only, and never S2; S3 it served itself
        Path survivor = snapshot("node2.txt", "/shop\tS1\t\t", "/shop\tS1\tcart\tc1", "/shop\tS1\tuser\tu1",
                "/shop\tS3\t\t", "/shop\tS3\tuser\tu3");

        List<String> lost = new ArrayList<>();
        for (ReplicationProblem problem : report.afterKill("node1", Map.of("node2", survivor))) {
            lost.add(problem.toString().substring(0, problem.toString().indexOf(". Fix: ")));
        }

        assertEquals(List.of("[lost-session] after POST /login on node1: session lost with its node (the session "
                + "node1 served last, with 1 attribute, is on none of [node2])", "[lost-update] attribute \"cart\" "
                + "after GET /cart/add on node1: update lost (the value node1 gave it never reached "
                + "[node2])"), sorted(lost));
        // judged once: the final comparison does not hold node1's last view against node2 again
        assertEquals(List.of(), report.compare(Map.of("node2", survivor)));
        assertEquals(2, report.problems().size());
    }

    @Test
    void everyValueOnTheSurvivorIsNoLoss() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        events(node1, ProbeProtocol.eventLine(100, 1, Kind.REQUEST, "S1", "GET /cart", "", "200"),
                ProbeProtocol.eventLine(100, 1, Kind.VALUE, "S1", "GET /cart", "cart", "c1"));
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);
        report.collect();
        assertEquals(List.of(), report.afterKill("node1", Map.of("node2",
                snapshot("node2.txt", "/shop\tS1\t\t", "/shop\tS1\tcart\tc1"))));
    }

    /** The lost update of S1's cart after node1's kill, with the report told the cluster's settings. */
    private ReplicationProblem lostCart(ClusterSettings settings) throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        events(node1, ProbeProtocol.eventLine(100, 1, Kind.REQUEST, "S1", "GET /cart", "", "200"),
                ProbeProtocol.eventLine(100, 1, Kind.VALUE, "S1", "GET /cart", "cart", "c2"));
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);
        if (settings != null) {
            report.explainLosses(settings);
        }
        report.collect();
        List<ReplicationProblem> lost = report.afterKill("node1", Map.of("node2",
                snapshot("node2.txt", "/shop\tS1\t\t", "/shop\tS1\tcart\tc1")));
        assertEquals(1, lost.size(), lost.toString());
        return lost.get(0);
    }

    @Test
    void aLostUpdateNamesTheAsynchronousSendOptionsThatExplainItAndTheirFix() throws Exception {
        String line = lostCart(ClusterSettings.builder(TomcatLine.V10_1)
                .attributes(Element.CLUSTER, Map.of("channelSendOptions", "8")).build()).toString();
        assertTrue(line.startsWith("[lost-update] attribute \"cart\" after GET /cart on node1: update lost (the "
                + "value node1 gave it never reached [node2]). Explanation: <clusterAttributes><channelSendOptions> "
                + "is \"8\" (async): the DeltaManager"), line);
        assertTrue(line.endsWith(". Fix: set <clusterAttributes><channelSendOptions> to 6 (use_ack,sync, the "
                + "plugin's default): each request then waits until the other node has acknowledged its change"), line);
    }

    @Test
    void withThePluginsDefaultsALostUpdateSaysNoKnownSettingExplainsItAndKeepsTheGeneralFix() throws Exception {
        ReplicationProblem lost = lostCart(ClusterSettings.builder(TomcatLine.V10_1).build());
        assertTrue(lost.toString().contains(". Explanation: none of the known settings explains it: "
                + "<clusterAttributes><channelSendOptions> is \"6\" (use_ack,sync), not asynchronous. Fix: "
                + Cause.LOST_UPDATE.fix()), lost.toString());
    }

    @Test
    void withoutTheSettingsTheReportExplainsNothing() throws Exception {
        ReplicationProblem lost = lostCart(null);
        assertNull(lost.explanation());
        assertFalse(lost.toString().contains("Explanation"), lost.toString());
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }
}
