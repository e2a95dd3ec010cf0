package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import io.github.clusterready.tomcat.runtime.ReplicationProblem.Cause;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.github.clusterready.tomcat.session.Webapp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Tomcat nodes with the probe, on each supported line (javax on 8.5 and 9.0, jakarta on 10.1 and 11.0), serving a webapp that fails to replicate in each way the report names
 * ({@link ReplicationFixture}): each case is one session, a request on node1 and one on node2, and the report names
 * exactly the attribute of each case with its cause, and nothing for the attribute that replicates.
 */
class LocalClusterE2ETest {
    @TempDir
    Path temp;

    static Path tomcatHome(TomcatLine line) throws IOException {
        try (Stream<Path> dirs = Files.list(Paths.get("target", "tomcat", line.number()))) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow(AssertionError::new).toAbsolutePath();
        }
    }

    static Stream<Arguments> lines() {
        return Stream.of(Arguments.of(TomcatLine.V8_5, "javax", Manager.DELTA),
                Arguments.of(TomcatLine.V9_0, "javax", Manager.DELTA),
                Arguments.of(TomcatLine.V10_1, "jakarta", Manager.DELTA),
                Arguments.of(TomcatLine.V10_1, "jakarta", Manager.BACKUP),
                Arguments.of(TomcatLine.V11_0, "jakarta", Manager.DELTA));
    }

    @ParameterizedTest(name = "Tomcat {0}, {1} webapp, {2}")
    @MethodSource("lines")
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theReportNamesEachAttributeThatDidNotReplicateWithItsCause(TomcatLine line, String api, Manager manager)
            throws Exception {
        Path war = ReplicationFixture.war(temp.resolve("webapp"), api);
        LocalCluster.Options options = new LocalCluster.Options().home(tomcatHome(line)).war(war)
                .contextPath("/shop").directory(temp.resolve("run")).nodeNames(List.of("node1", "node2"))
                .settings(ClusterSettings.builder(line).manager(manager)).jvmArguments(List.of("-Xmx256m"));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        LocalCluster cluster = LocalCluster.start(options, log::add);
        double startSeconds = (System.nanoTime() - started) / 1e9;
        ReplicationReport report = new ReplicationReport(cluster.nodes(), manager == Manager.DELTA);
        List<Long> pids = cluster.nodes().stream().map(ClusterNode::pid).collect(Collectors.toList());
        try {
            for (String path : List.of("/clean", "/not-serializable", "/refused", "/in-place", "/two-names",
                    "/no-constructor", "/generated", "/late-change")) {
                ScenarioStep step = ScenarioStep.request("GET", path, null);
                // /late-change: once, on node1; a thread changes the value after the response
                List<StepOutcome> outcomes = new Scenario(path.equals("/late-change") ? List.of(step)
                        : List.of(step, step)).replay(cluster.nodes(), temp.resolve("responses"), null,
                        outcome -> { }).outcomes;
                assertEquals(200, outcomes.get(0).status, outcomes.toString());
            }
            Thread.sleep(1000);
            report.collect();
            report.compare(cluster.snapshots("t1", Duration.ofSeconds(10)));
        } finally {
            cluster.stop();
        }
        for (long pid : pids) {
            assertFalse(Processes.alive(pid), "node process " + pid + " still runs after stop");
        }
        Path text = report.write(temp.resolve("report"), "test");
        String written = new String(Files.readAllBytes(text), StandardCharsets.UTF_8);
        System.out.printf("LocalCluster Tomcat %s, %s: 2 nodes serving in %.1f s; %s%n%s", line, manager,
                startSeconds, log, written);

        Map<String, Cause> causes = new TreeMap<>();
        for (ReplicationProblem problem : report.problems()) {
            causes.merge(problem.attribute(), problem.cause(), (a, b) -> a);
        }
        assertEquals(Cause.NOT_SERIALIZABLE, causes.get("cart"), written);
        assertTrue(written.contains("shop.Worker at cart.worker"), written);
        assertEquals(Cause.REFUSED, causes.get("user"), written);
        assertTrue(written.contains("framework.UserContext is not Serializable"), written);
        assertEquals(Cause.CHANGED_IN_PLACE, causes.get("basket"), written);
        assertTrue(causes.get("principal") == Cause.SHARED_OBJECT || causes.get("account") == Cause.SHARED_OBJECT,
                written);
        assertEquals(Cause.NOT_DESERIALIZABLE, causes.get("legacy"), written);
        assertEquals(Cause.CLASS_MISSING, causes.get("ghost"), written);
        assertEquals(Cause.DIFFERS, causes.get("late"), written);
        assertTrue(written.contains("[differs] attribute \"late\" after GET /late-change on node1: differs on "
                + "the other node (node2 holds another value than node1)"), written);
        assertFalse(causes.containsKey("counter"), written);
        assertTrue(Files.readString(temp.resolve("report").resolve(ReplicationReport.JUNIT))
                .contains("failures=\"" + report.problems().size() + "\""));
    }

    /** Tomcat's verdict, after merging the descriptors, decides: a webapp it will not replicate stops the start. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aWebappTomcatDoesNotReplicateStopsTheStartWithTheReason() throws Exception {
        Path war = Webapp.zip(Files.createDirectories(temp.resolve("plain")).resolve("plain.war"), Map.of(
                "WEB-INF/web.xml", ("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + "</web-app>\n").getBytes(StandardCharsets.UTF_8)));
        LocalCluster.Options options = new LocalCluster.Options().home(tomcatHome(TomcatLine.V10_1)).war(war)
                .contextPath("/plain").directory(temp.resolve("run")).nodeNames(List.of("node1", "node2"))
                .settings(ClusterSettings.builder(TomcatLine.V10_1)).jvmArguments(List.of("-Xmx128m"));
        RuntimeClusterException e = assertThrows(RuntimeClusterException.class,
                () -> LocalCluster.start(options, line -> { }));
        assertTrue(e.getMessage().startsWith("Tomcat does not replicate the sessions of the webapp /plain on node1: "
                + "after merging web.xml and the libraries' web-fragment.xml files it is not distributable."),
                e.getMessage());
        assertEquals(List.of(), running(temp.resolve("run/nodes")), "nodes still run after the failed start");
    }

    /** The processes whose command line names something under {@code directory}. */
    static List<Long> running(Path directory) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Paths.get("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (name.matches("\\d+") && Processes.commandLine(Long.parseLong(name))
                        .map(line -> line.contains(directory.toAbsolutePath().toString())).orElse(false)) {
                    pids.add(Long.parseLong(name));
                }
            }
        }
        return pids;
    }
}
