package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.probe.ProbeProtocol;
import io.github.clusterready.tomcat.probe.ProbeProtocol.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's files as both sides see them: lines the probe's {@link ProbeProtocol} writes, read back by the
 * runtime's {@link ProbeEvent} and {@link ReplicationReport}.
 */
class ProbeProtocolTest {
    @TempDir
    Path temp;

    @Test
    void anEventWithTabsLineBreaksAndBackslashesInItsFieldsReadsBackAsWritten() {
        String line = ProbeProtocol.eventLine(42, 7, Kind.NOT_SERIALIZABLE, "S\t1", "GET /a\\b",
                "cart\nitems", "x\r\\ty");

        assertEquals(1, line.chars().filter(c -> c == '\n').count(), line);
        ProbeEvent event = ProbeEvent.parse("node1", line.substring(0, line.length() - 1));

        assertNotNull(event);
        assertEquals(42, event.time);
        assertEquals(7, event.sequence);
        assertEquals(Kind.NOT_SERIALIZABLE, event.kind);
        assertEquals("S\t1", event.session);
        assertEquals("GET /a\\b", event.request);
        assertEquals("cart\nitems", event.attribute);
        assertEquals("x\r\\ty", event.detail);
    }

    @Test
    void aKindThisVersionDoesNotKnowIsNoEvent() {
        assertNull(ProbeEvent.parse("node1", "1\t1\tsomething-new\tS1\tGET /\t\t"));
        assertNull(ProbeEvent.parse("node1", "1\t1\trequest\tS1"));
    }

    @Test
    void everyKindHasItsOwnWordAndTheReportInterpretsEachOne() throws Exception {
        Set<String> words = new HashSet<>();
        ClusterNode node = new ClusterNode("node1", temp.resolve("node1"), 8, "/");
        Files.createDirectories(node.probeDirectory());
        StringBuilder events = new StringBuilder();
        for (Kind kind : Kind.values()) {
            assertTrue(words.add(kind.word()), kind.word());
            assertEquals(kind, Kind.of(kind.word()));
            events.append(ProbeProtocol.eventLine(1, 1, kind, "S1", "GET /", "a", kind == Kind.REQUEST ? "200" : "x"));
        }
        Files.write(node.probeDirectory().resolve(ProbeProtocol.EVENTS),
                events.toString().getBytes(StandardCharsets.UTF_8));

        ReplicationReport report = new ReplicationReport(List.of(node), true);
        // throws for a kind the report has no interpretation of
        report.collect();

        assertTrue(report.problems().stream().anyMatch(p -> p.cause() == ReplicationProblem.Cause.PROBE_FAILED),
                report.problems().toString());
    }

    @Test
    void theStartedLineSaysWhetherTheWebappServesAndReplicates() {
        ProbeProtocol.Started started = ProbeProtocol.Started.parse(stripped(
                new ProbeProtocol.Started("/shop", false, true, "org.apache.catalina.ha.session.DeltaManager").line()));

        assertEquals("/shop", started.path);
        assertFalse(started.available);
        assertTrue(started.distributable);
        assertEquals("org.apache.catalina.ha.session.DeltaManager", started.manager);
        assertNull(ProbeProtocol.Started.parse("/shop\tavailable"));
    }

    @Test
    void snapshotTokensAreFileNamesOnly() {
        assertTrue(ProbeProtocol.isToken("123-abc"));
        assertFalse(ProbeProtocol.isToken("../x"));
        assertEquals("snapshot-7.txt", ProbeProtocol.snapshotFile("7"));
    }

    private static String stripped(String line) {
        return line.substring(0, line.length() - 1);
    }
}
