package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.probe.ProbeProtocol;
import io.github.clusterready.tomcat.probe.ProbeProtocol.Kind;
import io.github.clusterready.tomcat.runtime.ReplicationProblem.Cause;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report's reading of the probes' event files and snapshots, on files written as the probe writes them. */
class ReplicationReportTest {
    @TempDir
    Path temp;

    private ClusterNode node(String name) throws Exception {
        ClusterNode node = new ClusterNode(name, Files.createDirectories(temp.resolve(name)), 8, "/shop");
        Files.createDirectories(node.base().resolve(ProbeProtocol.DIRECTORY));
        return node;
    }

    /** One event line, as the probe writes it: the kind by its word in the event file. */
    private static String event(long time, long sequence, String kind, String session, String request,
            String attribute, String detail) {
        Kind known = Kind.of(kind);
        assertNotNull(known, kind);
        return ProbeProtocol.eventLine(time, sequence, known, session, request, attribute, detail);
    }

    private static void append(ClusterNode node, String... lines) throws Exception {
        Path events = node.base().resolve("probe/events.txt");
        Files.writeString(events, (Files.exists(events) ? Files.readString(events) : "") + String.join("", lines));
    }

    @Test
    void theSameProblemOnTwoNodesIsOneProblemSeenTwiceAndACutLineIsIgnored() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        append(node1, event(100, 1, "request", "S1", "GET /shop/a", "", "200"),
                event(101, 1, "not-serializable", "S1", "GET /shop/a", "cart", "shop.Worker at cart.worker"));
        append(node2, event(200, 1, "request", "S1", "GET /shop/a", "", "200"),
                event(201, 1, "not-serializable", "S1", "GET /shop/a", "cart", "shop.Worker at cart.worker"),
                "300\t2\trequest\tS1");
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);

        List<ReplicationProblem> fresh = report.collect();

        assertEquals(1, fresh.size(), fresh.toString());
        assertEquals(Cause.NOT_SERIALIZABLE, fresh.get(0).cause());
        assertEquals("node1", fresh.get(0).node());
        assertEquals(2, fresh.get(0).occurrences());
        assertEquals(List.of("GET /shop/a on node1", "GET /shop/a on node2"), fresh.get(0).seenAfter());
        assertTrue(fresh.get(0).toString().contains(", 2 times, also after GET /shop/a on node2."),
                fresh.get(0).toString());
        assertEquals(2, report.exercise().requests());
        // the rest of the cut line arrives: it is read then, once
        append(node2, "\tGET /shop/b\t\t500\n");
        assertEquals(List.of(), report.collect().stream().filter(p -> p.cause() != Cause.HTTP_ERROR)
                .collect(java.util.stream.Collectors.toList()));
        assertEquals(3, report.exercise().requests());
    }

    @Test
    void aServerErrorAfterTheSessionMovedIsReported() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        append(node1, event(100, 1, "request", "S1", "POST /shop/login", "", "200"));
        append(node2, event(200, 1, "request", "S1", "GET /shop/page", "", "500"));
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);

        List<ReplicationProblem> problems = report.collect();

        assertEquals(1, problems.size(), problems.toString());
        assertEquals(Cause.HTTP_ERROR, problems.get(0).cause());
        assertEquals("GET /shop/page", problems.get(0).request());
        assertTrue(problems.get(0).toString().contains("HTTP 500 for the session node1 served before"),
                problems.get(0).toString());
    }

    @Test
    void aLostFieldIsAProblemAndTheServerErrorOnTheOtherNodeNamesIt() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        String lost = "checkout.context: transient in shop.AbstractBean, null on the other node";
        append(node1, event(100, 1, "request", "S1", "GET /shop/transient", "", "200"),
                event(101, 1, "value", "S1", "GET /shop/transient", "checkout", "aaa"),
                event(102, 1, "field-lost", "S1", "GET /shop/transient", "checkout", lost));
        append(node2, event(200, 1, "request", "S1", "GET /shop/transient", "", "500"));
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);

        List<ReplicationProblem> problems = report.collect();

        assertEquals(2, problems.size(), problems.toString());
        assertEquals(Cause.LOST_FIELD, problems.get(0).cause());
        assertEquals("checkout", problems.get(0).attribute());
        assertEquals("[lost-field] attribute \"checkout\" after GET /shop/transient on node1: lost on the way ("
                + lost + "). Fix: " + Cause.LOST_FIELD.fix(), problems.get(0).toString());
        assertEquals(Cause.HTTP_ERROR, problems.get(1).cause());
        assertEquals("HTTP 500 for the session node1 served before; the session arrived without " + lost,
                problems.get(1).detail());
    }

    @Test
    void stateKeptOnOneNodeIsAProblemWithTheFrameworksFixAndExplainsALaterServerError() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        String wicket = "Wicket keeps this session's pages in a page store on this node's disk (DiskPageStore); "
                + "the session holds only the key to them";
        append(node1, event(100, 1, "request", "S1", "GET /shop/", "", "200"),
                event(101, 1, "node-local", "S1", "GET /shop/", "wicket:DiskPageStore", wicket));
        append(node2, event(200, 1, "request", "S1", "POST /shop/?0-1.-form", "", "500"));
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);

        List<ReplicationProblem> problems = report.collect();

        assertEquals(Cause.NODE_LOCAL_STATE, problems.get(0).cause());
        assertEquals("wicket:DiskPageStore", problems.get(0).attribute());
        assertTrue(problems.get(0).toString().contains("InSessionPageStore"), problems.get(0).toString());
        assertEquals("HTTP 500 for the session node1 served before; the session arrived without what node1 keeps "
                + "outside it (" + wicket + ")", problems.get(1).detail());
    }

    @Test
    void anUninspectableValueAndAProbeFailureAreProblems() throws Exception {
        ClusterNode node1 = node("node1");
        append(node1, event(100, 1, "request", "S1", "GET /shop/deep", "", "500"),
                event(101, 1, "uninspectable", "S1", "GET /shop/deep", "chain", "too deep"),
                event(102, 2, "probe-error", "", "GET /shop/other", "", "java.lang.IllegalStateException: x"));
        ReplicationReport report = new ReplicationReport(List.of(node1), true);

        List<ReplicationProblem> problems = report.collect();

        assertEquals(List.of(Cause.UNINSPECTABLE, Cause.PROBE_FAILED), problems.stream()
                .map(ReplicationProblem::cause).collect(java.util.stream.Collectors.toList()));
        assertEquals("chain", problems.get(0).attribute());
        assertEquals("too deep", problems.get(0).detail());
    }

    @Test
    void snapshotsAreComparedWithTheNodeThatServedLastAndExplainedAttributesAreNotRepeated() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        append(node1, event(100, 1, "request", "S1", "GET /shop/a", "", "200"),
                event(101, 1, "value", "S1", "GET /shop/a", "cart", "aaa"),
                event(102, 1, "changed-in-place", "S1", "GET /shop/a", "cart", "shop.Cart"),
                event(103, 1, "value", "S1", "GET /shop/a", "user", "bbb"));
        Path snapshot1 = Files.writeString(temp.resolve("s1.txt"), "/shop\tS1\t\t\n/shop\tS1\tcart\taaa\n"
                + "/shop\tS1\tuser\tbbb\n/shop\tS1\tlate\tccc\n");
        Path snapshot2 = Files.writeString(temp.resolve("s2.txt"), "/shop\tS1\t\t\n/shop\tS1\tcart\tOLD\n"
                + "/shop\tS1\tuser\tbbb\n/shop\tS1\tgone\tddd\n");
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);
        report.collect();

        List<ReplicationProblem> differences = report.compare(Map.of("node1", snapshot1, "node2", snapshot2));

        assertEquals(2, differences.size(), differences.toString());
        for (ReplicationProblem difference : differences) {
            assertEquals(Cause.DIFFERS, difference.cause());
        }
        assertTrue(differences.stream().anyMatch(p -> p.attribute().equals("late")
                && p.detail().equals("missing on node2")), differences.toString());
        assertTrue(differences.stream().anyMatch(p -> p.attribute().equals("gone")
                && p.detail().equals("node2 still holds it; node1 does not")), differences.toString());
    }

    @Test
    void bothReportsShowAnyAttributeNameEscapedTheSameWayAndTheJunitReportIsWellFormed() throws Exception {
        ClusterNode node1 = node("node1");
        String hostile = "a<b>&\"c'\u0001\u001b[31m]]>\ttab\nline";
        String shown = "a<b>&\"c'\\u0001\\u001b[31m]]>\\ttab\\nline";
        append(node1, event(100, 1, "request", "S1", "GET /shop/?q=<x>", "", "200"),
                event(101, 1, "value", "S1", "GET /shop/?q=<x>", "ok", "d1"),
                event(102, 1, "refused", "S1", "GET /shop/?q=<x>", hostile, "shop.Thing"));
        ReplicationReport report = new ReplicationReport(List.of(node1), true);
        report.collect();

        Path text = report.write(temp.resolve("out"), "title & <more>");

        String written = Files.readString(text);
        assertTrue(written.contains("[refused] attribute \"" + shown + "\""), written);
        assertEquals(shown, Shown.text(hostile));
        byte[] xml = Files.readAllBytes(temp.resolve("out").resolve(ReplicationReport.JUNIT));
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml));
        assertEquals("1", document.getDocumentElement().getAttribute("failures"));
        assertEquals("2", document.getDocumentElement().getAttribute("tests"));
        NodeList cases = document.getElementsByTagName("testcase");
        assertEquals("what was exercised", ((Element) cases.item(0)).getAttribute("name"));
        assertEquals("refused: attribute \"" + shown + "\"", ((Element) cases.item(1)).getAttribute("name"));
        assertTrue(new String(xml, StandardCharsets.UTF_8).contains("classname=\"tomcat-cluster.replication.refused\""));
    }

    @Test
    void aReportThatSawNoSessionAttributeSaysNothingWasProvenAndItsJunitReportFails() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        append(node1, event(100, 1, "request", "", "GET /shop/missing", "", "404"));
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);
        report.collect();

        assertFalse(report.exercise().touchedASession());
        assertEquals("Nothing was proven: no request stored an attribute in a session.", report.verdict());
        assertEquals("2 nodes, 1 request with a session (HTTP 404: 1), 0 sessions, 0 attributes, no comparison "
                + "between nodes, 0 problems", report.summary());
        report.write(temp.resolve("out"), "t");
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(temp.resolve("out").resolve(ReplicationReport.JUNIT).toFile());
        assertEquals("1", document.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void aGreenReportSaysWhatItCompared() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        append(node1, event(100, 1, "request", "S1", "GET /shop/a", "", "200"),
                event(101, 1, "value", "S1", "GET /shop/a", "cart", "aaa"),
                event(102, 1, "value", "S1", "GET /shop/a", "user", "bbb"));
        Path snapshot = Files.writeString(temp.resolve("s.txt"), "/shop\tS1\t\t\n/shop\tS1\tcart\taaa\n"
                + "/shop\tS1\tuser\tbbb\n");
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);
        report.collect();
        report.compare(Map.of("node1", snapshot, "node2", snapshot));

        assertEquals("Every session attribute replicated: 1 session, 2 attributes, equal on 2 nodes.",
                report.verdict());
        assertTrue(report.summary().contains("2 of 2 compared equal on 2 nodes"), report.summary());
    }

    @Test
    void anErrorTheApplicationGivesOnEveryNodeIsNotCalledAFailoverError() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        append(node1, event(100, 1, "request", "S1", "GET /shop/broken", "", "500"));
        append(node2, event(200, 1, "request", "S1", "GET /shop/broken", "", "500"));
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);

        List<ReplicationProblem> problems = report.collect();

        assertEquals(1, problems.size(), problems.toString());
        assertEquals(Cause.APPLICATION_ERROR, problems.get(0).cause());
    }

    @Test
    void anAcceptedProblemStaysInTheReportButFailsNothing() throws Exception {
        ClusterNode node1 = node("node1");
        append(node1, event(100, 1, "request", "S1", "GET /shop/a", "", "200"),
                event(101, 1, "value", "S1", "GET /shop/a", "locale", "d"),
                event(102, 1, "shared-object", "S1", "GET /shop/a", "locale", "lang\tjava.util.Locale"),
                event(103, 1, "refused", "S1", "GET /shop/a", "user", "shop.User"));
        ReplicationReport report = new ReplicationReport(List.of(node1), true);
        report.accept(List.of(Acceptance.of("shared-object", "*", "Locale is immutable", "entry 1")));
        report.collect();

        assertEquals(2, report.problems().size());
        assertEquals(1, report.failures().size());
        assertEquals(Cause.REFUSED, report.failures().get(0).cause());
        assertTrue(report.summary().endsWith("1 problem (and 1 accepted)"), report.summary());
        assertTrue(report.problems().get(0).toString().endsWith(". Accepted: Locale is immutable"));
        RuntimeClusterException e = assertThrows(RuntimeClusterException.class,
                () -> Acceptance.of("lost", "*", "x", "<acceptedProblems><acceptedProblem> 2"));
        assertTrue(e.getMessage().startsWith("<acceptedProblems><acceptedProblem> 2: <cause> \"lost\" is not a report "
                + "word; use one of not-serializable, "), e.getMessage());
        assertThrows(RuntimeClusterException.class, () -> Acceptance.of("refused", "user", " ", "entry"));
    }

    @Test
    void aLoadDrillIsATestCaseOfItsOwnThatFailsOnALossOrWhenCutShortAndALineOfTheTextReport() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        LoadPlan plan = LoadPlan.of("<load>", 3, null, 30, 2, List.of("node1", "node2"),
                new Scenario(List.of(ScenarioStep.request("GET", "/count", null))));
        String[] expected = {"Load drill: 3 users for 30.0 s, 1,200 requests answered (40.0 per second, 0 not as "
                + "expected), 400 sessions; killed and restarted node1 at 10.0 s (serving again 6.0 s later), node2 "
                + "at 20.0 s (serving again 6.0 s later); lost sessions: 0, lost updates: 0", "Load drill: 3 users "
                + "for 30.0 s, 1,200 requests answered (40.0 per second, 0 not as expected), 400 sessions; killed "
                + "and restarted node1 at 10.0 s (serving again 6.0 s later), node2 at 20.0 s (serving again 6.0 s later); "
                + "lost sessions: 1, lost updates: 37",
                "Load drill: 3 users for 30.0 s, 1,200 requests answered (40.0 per second, 0 not as expected), 400 "
                + "sessions; killed and restarted node1 at 10.0 s (serving again 6.0 s later) (1 of 2 kills done "
                + "before the load ended); lost sessions: 0, lost updates: 0"};
        List<LoadSummary> summaries = List.of(
                new LoadSummary(plan, 30_000_000_000L, 1200, 0, 400, List.of("node1 at 10.0 s (serving again 6.0 s "
                        + "later)", "node2 at 20.0 s (serving again 6.0 s later)"), 0, 0),
                new LoadSummary(plan, 30_000_000_000L, 1200, 0, 400, List.of("node1 at 10.0 s (serving again 6.0 s "
                        + "later)", "node2 at 20.0 s (serving again 6.0 s later)"), 1, 37),
                new LoadSummary(plan, 30_000_000_000L, 1200, 0, 400, List.of("node1 at 10.0 s (serving again 6.0 s "
                        + "later)"), 0, 0));
        String[] failures = {null, "lost sessions or updates", "cut short"};
        for (int i = 0; i < summaries.size(); i++) {
            ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);
            report.load(summaries.get(i));
            Path out = temp.resolve("out" + i);
            List<String> lines = Files.readAllLines(report.write(out, "t"));
            assertTrue(lines.contains(expected[i]), lines.toString());
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(out.resolve(ReplicationReport.JUNIT).toFile());
            NodeList cases = document.getElementsByTagName("testcase");
            Element drill = null;
            for (int c = 0; c < cases.getLength(); c++) {
                if (((Element) cases.item(c)).getAttribute("name").equals("load drill")) {
                    drill = (Element) cases.item(c);
                }
            }
            assertNotNull(drill, "no test case \"load drill\"");
            assertEquals(expected[i], drill.getElementsByTagName("system-out").item(0).getTextContent());
            NodeList failed = drill.getElementsByTagName("failure");
            assertEquals(failures[i] == null ? 0 : 1, failed.getLength());
            if (failures[i] != null) {
                assertEquals(failures[i], ((Element) failed.item(0)).getAttribute("message"));
            }
            // nothing else was exercised, so "what was exercised" fails too; the drill's failure adds one
            assertEquals(String.valueOf(failures[i] == null ? 1 : 2), document.getDocumentElement()
                    .getAttribute("failures"));
        }
    }

    @Test
    void aSessionServedWhileANodeRejoinedAndMissingOnItIsNamedAsSuchAnyOtherAsADifference() throws Exception {
        ClusterNode node1 = node("node1");
        ClusterNode node2 = node("node2");
        // S1 begins before node2's restart and is served during it; S2 after it; both are missing on node2
        append(node1, event(50, 1, "request", "S1", "GET /shop/a", "", "200"),
                event(50, 1, "value", "S1", "GET /shop/a", "cart", "aaa"),
                event(150, 2, "request", "S1", "GET /shop/a", "", "200"),
                event(150, 2, "value", "S1", "GET /shop/a", "cart", "bbb"),
                event(300, 3, "request", "S2", "GET /shop/b", "", "200"),
                event(300, 3, "value", "S2", "GET /shop/b", "cart", "ccc"));
        Path held1 = Files.writeString(temp.resolve("1.txt"), "/shop\tS1\t\t\n/shop\tS1\tcart\tbbb\n"
                + "/shop\tS2\t\t\n/shop\tS2\tcart\tccc\n");
        Path held2 = Files.writeString(temp.resolve("2.txt"), "");
        ReplicationReport report = new ReplicationReport(List.of(node1, node2), true);
        report.rejoined("node2", 100, 200);
        report.collect();
        List<ReplicationProblem> found = report.compare(Map.of("node1", held1, "node2", held2));

        assertEquals(2, found.size(), found.toString());
        ReplicationProblem missed = found.stream().filter(p -> p.cause() == Cause.MISSED_WHILE_REJOINING)
                .findFirst().orElseThrow();
        ReplicationProblem differs = found.stream().filter(p -> p.cause() == Cause.DIFFERS).findFirst().orElseThrow();
        assertTrue(missed.toString().startsWith("[missed-while-rejoining] after GET /shop/a on node2: missed "
                + "while the node rejoined (the session node1 served while node2 restarted is not on node2). Fix: "),
                missed.toString());
        assertEquals("GET /shop/b", differs.request());
        assertEquals("the session node1 served is not on node2", differs.detail());
    }
}
