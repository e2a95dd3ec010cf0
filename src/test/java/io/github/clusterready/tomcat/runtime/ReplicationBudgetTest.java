package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.probe.ProbeProtocol;
import io.github.clusterready.tomcat.probe.ProbeProtocol.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget's composition from the probes' events, and where the reports show it. */
class ReplicationBudgetTest {
    @TempDir
    Path temp;

    private static ProbeEvent event(String node, long sequence, Kind kind, String session, String request,
            String attribute, String detail) {
        String line = ProbeProtocol.eventLine(100, sequence, kind, session, request, attribute, detail);
        return ProbeEvent.parse(node, line.substring(0, line.length() - 1));
    }

    /**
     * A new session on node1 (a 120-byte creation message, a 1,000-byte delta), its next request on node2 (a
     * 1,100-byte delta) and an expiry outside any request (80 bytes): 2,180 bytes of changes, 120 of creation.
     */
    private static ReplicationBudget twoRequests() {
        ReplicationBudget budget = new ReplicationBudget();
        budget.add(event("node1", 1, Kind.REQUEST, "S1", "GET /cart", "", "200"));
        budget.add(event("node1", 1, Kind.SENT, "S1", "GET /cart", ProbeProtocol.SESSION_CREATED, "120 1"));
        budget.add(event("node1", 1, Kind.SENT, "S1", "GET /cart", ProbeProtocol.SESSION_DELTA, "1000 1"));
        budget.add(event("node1", 1, Kind.SERIALIZED, "S1", "GET /cart", "cart", "900"));
        budget.add(event("node1", 1, Kind.SERIALIZED, "S1", "GET /cart", "user", "300"));
        budget.add(event("node2", 1, Kind.REQUEST, "S1", "GET /cart", "", "200"));
        budget.add(event("node2", 1, Kind.SENT, "S1", "GET /cart", ProbeProtocol.SESSION_DELTA, "1100 1"));
        budget.add(event("node2", 1, Kind.SERIALIZED, "S1", "GET /cart", "cart", "1000"));
        budget.add(event("node1", 0, Kind.SENT, "S1", "", "session-expired", "80 1"));
        // a request that sent nothing (the session only read) is one that costs nothing
        budget.add(event("node1", 2, Kind.REQUEST, "S1", "GET /view", "", "200"));
        return budget;
    }

    @Test
    void deltaManagerSendsEveryMessageToEveryOtherNodeAndBackupManagerChangesToOneBackup() {
        ReplicationBudget budget = twoRequests();

        assertEquals(4, budget.messages());
        assertEquals(2300, budget.deltaManager(2));
        assertEquals(2300 * 5, budget.deltaManager(6));
        assertEquals(2180 + 120, budget.backupManager(2), "two nodes: the backup is the other node, no one else to tell");
        // the new session to its backup, and where it is to the four others
        assertEquals(2180 + 120 * 5, budget.backupManager(6));
        assertEquals(0, budget.deltaManager(1));
        assertEquals(0, budget.backupManager(1));
        assertEquals(1200, budget.sent("node1"));
        assertEquals(1100, budget.sent("node2"));
    }

    @Test
    void backupManagersFullCopyGoesToOneNodeAndHasNoDeltaManagerCounterpart() {
        ReplicationBudget budget = new ReplicationBudget();
        budget.add(event("node2", 1, Kind.REQUEST, "S1", "GET /cart", "", "200"));
        budget.add(event("node2", 1, Kind.SENT, "S1", "GET /cart", ProbeProtocol.MAP_COPY, "5000 1"));
        budget.add(event("node2", 1, Kind.SENT, "S1", "GET /cart", ProbeProtocol.MAP_DIFF, "700 1"));

        assertEquals(5700, budget.backupManager(2));
        assertEquals(5700, budget.backupManager(6));
        assertEquals(700 * 5, budget.deltaManager(6));
        assertEquals(5700, budget.sent("node2"));
    }

    @Test
    void theTextShowsEachAttributeTheSessionsEachRequestAndTheProjection() {
        String text = twoRequests().text();

        assertFalse(text.contains("GET /view"), text);
        assertTrue(text.contains("    cart: 1,000 bytes\n    user: 300 bytes\n"), text);
        // the session: cart 1,000 (latest) + user 300
        assertTrue(text.contains("  Sessions: 1, serialized 1,300 bytes on average, the largest 1,300 bytes\n"), text);
        assertTrue(text.contains("    GET /cart: 2 times, 1,110 bytes a time (session-created 60 bytes, "
                + "session-delta 1,050 bytes)\n"), text);
        assertTrue(text.contains("    (outside a request): 1 time, 80 bytes a time (session-expired 80 bytes)\n"),
                text);
        assertTrue(text.contains("    4           6,900 bytes      2,540 bytes\n"), text);
        assertTrue(text.contains("    8          16,100 bytes      3,020 bytes\n"), text);
    }

    @Test
    void tomcatsCountersAreComparedBetweenTheFirstAndTheLastSnapshot() {
        ReplicationBudget budget = new ReplicationBudget();
        budget.add(event("node2", 0, Kind.TRAFFIC, "", "", "", "1000 500"));
        assertEquals(-1, budget.receivedBetweenSnapshots("node2"), "one snapshot: nothing between");
        budget.add(event("node2", 0, Kind.TRAFFIC, "", "", "", "6000 900"));

        assertEquals(5000, budget.receivedBetweenSnapshots("node2"));
        assertEquals(400, budget.sentBetweenSnapshots("node2"));
        assertEquals(-1, budget.receivedBetweenSnapshots("node1"));
        assertTrue(budget.text().isEmpty(), "counters alone are no budget");
    }

    @Test
    void bothReportsCarryTheBudgetAndNoProblemComesOfIt() throws Exception {
        ClusterNode node = new ClusterNode("node1", Files.createDirectories(temp.resolve("node1")), 8, "/shop");
        Files.createDirectories(node.base().resolve(ProbeProtocol.DIRECTORY));
        Files.writeString(node.base().resolve("probe/events.txt"),
                ProbeProtocol.eventLine(100, 1, Kind.REQUEST, "S1", "GET /a", "", "200")
                + ProbeProtocol.eventLine(101, 1, Kind.VALUE, "S1", "GET /a", "note", "ab12")
                + ProbeProtocol.eventLine(101, 1, Kind.SERIALIZED, "S1", "GET /a", "note", "2048")
                + ProbeProtocol.eventLine(102, 1, Kind.SENT, "S1", "GET /a", ProbeProtocol.SESSION_DELTA, "2300 1")
                + ProbeProtocol.eventLine(103, 0, Kind.TRAFFIC, "", "", "", "10 20"));
        ReplicationReport report = new ReplicationReport(List.of(node), true);

        assertEquals(List.of(), report.collect());
        String text = Files.readString(report.write(temp.resolve("report"), "test"));
        String junit = Files.readString(temp.resolve("report").resolve(ReplicationReport.JUNIT));

        assertTrue(report.problems().isEmpty());
        assertTrue(text.contains("\nReplication budget (measured by the probes; a budget, not a problem)\n"), text);
        assertTrue(text.contains("    note: 2,048 bytes\n"), text);
        assertTrue(text.contains("    6          11,500 bytes      2,300 bytes\n"), text);
        assertTrue(text.contains("  node1, Tomcat's channel counters since it started: received 10 bytes, sent 20 "
                + "bytes\n"), text);
        assertTrue(junit.contains("<system-out>Replication budget"), junit);
        assertTrue(junit.contains("note: 2,048 bytes"), junit);
        assertFalse(junit.contains("<failure"), junit);
    }
}
