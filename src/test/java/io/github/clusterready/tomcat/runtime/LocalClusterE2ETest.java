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

    static Stream<Arguments> survivalLines() {
        return Stream.of(Arguments.of(TomcatLine.V9_0, "javax"), Arguments.of(TomcatLine.V10_1, "jakarta"));
    }

    /**
     * What serializes but does not survive the trip is named field by field, an HTTP 500 on the other node names the
     * lost field, immutable values under two names and a static file sent with the session's cookie give nothing,
     * and a value too deep for the stack is named as such while a later problem in its session is still found.
     */
    @ParameterizedTest(name = "Tomcat {0}, {1} webapp")
    @MethodSource("survivalLines")
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theReportNamesEachFieldThatDoesNotSurviveTheTripAndNothingForImmutables(TomcatLine line, String api)
            throws Exception {
        Path war = ReplicationFixture.war(temp.resolve("webapp"), api);
        LocalCluster cluster = LocalCluster.start(new LocalCluster.Options().home(tomcatHome(line)).war(war)
                .contextPath("/shop").directory(temp.resolve("run")).nodeNames(List.of("node1", "node2"))
                .settings(ClusterSettings.builder(line)).jvmArguments(List.of("-Xmx256m")), message -> { });
        ReplicationReport report = new ReplicationReport(cluster.nodes(), true);
        Map<String, List<Integer>> statuses = new TreeMap<>();
        try {
            for (List<String> paths : List.of(List.of("/transient", "/transient"), List.of("/superclass", "/superclass"),
                    List.of("/draft", "/draft"), List.of("/immutable", "/immutable"),
                    List.of("/two-names", "/logo.png", "/logo.png"), List.of("/deep", "/deep", "/deep"))) {
                List<ScenarioStep> steps = paths.stream().map(path -> ScenarioStep.request("GET", path, null))
                        .collect(Collectors.toList());
                statuses.put(paths.get(0), new Scenario(steps).replay(cluster.nodes(), temp.resolve("responses"),
                        null, outcome -> { }).outcomes.stream().map(o -> o.status).collect(Collectors.toList()));
            }
            Thread.sleep(1000);
            report.collect();
            report.compare(cluster.snapshots("t1", Duration.ofSeconds(10)));
        } finally {
            cluster.stop();
        }
        String written = new String(Files.readAllBytes(report.write(temp.resolve("report"), "test")),
                StandardCharsets.UTF_8);
        System.out.printf("Survival, Tomcat %s: %s%n%s", line, statuses, written);

        // the framework's per-request field: null on node2, where the application then fails
        assertEquals(List.of(200, 500), statuses.get("/transient"), written);
        assertTrue(written.contains("[lost-field] attribute \"checkout\" after GET /shop/transient on node1: lost on "
                + "the way (checkout.context: transient in shop.AbstractBean, null on the other node)"), written);
        assertTrue(written.contains("[http-error] after GET /shop/transient on node2: server error after failover "
                + "(HTTP 500 for the session node1 served before; the session arrived without checkout.context: "
                + "transient in shop.AbstractBean, null on the other node)"), written);
        assertFalse(written.contains("checkout.log") || written.contains("checkout.cache"), written);
        String superclass = "a field of shop.Priced, which is not Serializable: the other node sets it with that "
                + "class's no-argument constructor";
        assertTrue(written.contains("(offer.price: " + superclass + ", 0 on the other node)"), written);
        assertTrue(written.contains("(offer.currency: " + superclass + ", null on the other node)"), written);
        assertTrue(written.contains("(draft.body: left out by shop.Draft.writeObject, null on the other node)"),
                written);
        for (ReplicationProblem problem : report.problems()) {
            assertFalse(List.of("locale", "language", "total", "shown").contains(problem.attribute()), written);
            assertFalse(problem.request().contains("logo.png"), written);
        }
        for (ClusterNode node : cluster.nodes()) {
            String events = Files.readString(node.base().resolve("probe/events.txt"));
            assertFalse(events.contains("logo.png"), "a static file says nothing about the session: " + events);
        }
        // Tomcat's own replication overflows the stack as the probe would: HTTP 500 (also without the probe,
        // aDeepValueAnswersAsWithoutTheProbe); the session's next problem is still named
        assertEquals(List.of(500, 200, 200), statuses.get("/deep"), written);
        assertTrue(written.contains("[uninspectable] attribute \"chain\" after GET /shop/deep on node1: beyond the "
                + "probe's limits (its object graph is too deep for a thread's stack (StackOverflowError)"), written);
        assertTrue(written.contains("[not-serializable] attribute \"order\" after GET /shop/deep on node2"), written);
    }

    /** The statuses of the deep value's and the transient field's requests are Tomcat's and the application's. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aDeepValueAnswersAsWithoutTheProbe() throws Exception {
        Path war = ReplicationFixture.war(temp.resolve("webapp"), "jakarta");
        List<List<Integer>> runs = new ArrayList<>();
        for (boolean probe : new boolean[] {false, true}) {
            LocalCluster.Options options = new LocalCluster.Options().home(tomcatHome(TomcatLine.V10_1)).war(war)
                    .contextPath("/shop").directory(temp.resolve("run-" + probe))
                    .nodeNames(List.of("node1", "node2")).settings(ClusterSettings.builder(TomcatLine.V10_1))
                    .jvmArguments(List.of("-Xmx256m"));
            if (!probe) {
                options.withoutProbe();
            }
            LocalCluster cluster = LocalCluster.start(options, message -> { });
            try {
                List<Integer> statuses = new ArrayList<>();
                for (List<String> paths : List.of(List.of("/deep", "/deep", "/deep"), List.of("/transient",
                        "/transient"))) {
                    for (StepOutcome outcome : new Scenario(paths.stream().map(path -> ScenarioStep.request(
                            "GET", path, null)).collect(Collectors.toList())).replay(cluster.nodes(),
                            temp.resolve("responses"), null, o -> { }).outcomes) {
                        statuses.add(outcome.status);
                    }
                }
                runs.add(statuses);
            } finally {
                cluster.stop();
            }
        }
        assertEquals(List.of(500, 200, 200, 200, 500), runs.get(0), "without the probe");
        assertEquals(runs.get(0), runs.get(1), "with the probe");
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
