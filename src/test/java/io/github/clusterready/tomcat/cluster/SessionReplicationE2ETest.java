package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import io.github.clusterready.tomcat.cluster.TestTomcats.Reply;
import io.github.clusterready.tomcat.session.SessionAnalysis;
import io.github.clusterready.tomcat.session.SessionAttributeAnalyzer;
import io.github.clusterready.tomcat.session.SessionClassAllowList;
import io.github.clusterready.tomcat.session.SessionClassFilter;
import io.github.clusterready.tomcat.session.SessionClassList;
import io.github.clusterready.tomcat.war.WarArchive;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two real Tomcats on 127.0.0.1, configured with the per-node {@code server.xml} this plugin writes (static
 * membership, no multicast), serve the session-counter example: a session started on node1 continues on node2
 * when the WAR was built with the {@code distributable} goal, and does not when it was built without it. Tomcat 8.5
 * and 9.0 serve the {@code javax.servlet} example ({@code examples/session-counter-javax}), 10.1 and 11.0 the
 * {@code jakarta.servlet} one ({@code examples/session-counter}). With {@code restrictSessionClasses}'s allow-list,
 * built from the session analysis of the WAR, the session still continues; with an allow-list that does not name
 * the example's counter class, Tomcat keeps the counter back and node2 starts again at 1. With
 * {@code -Dtomcat-cluster.e2e.multicast=true}, two 10.1 nodes also find each other by multicast, inside a network
 * namespace of the test's own.
 *
 * <p>Runs only with {@code -Dtomcat-cluster.e2e.war=<distributable WAR>} and
 * {@code -Dtomcat-cluster.e2e.plainWar=<the same WAR built with -Dtomcat-cluster.skip=true>}, and for 8.5 and 9.0
 * {@code -Dtomcat-cluster.e2e.javaxWar} and {@code -Dtomcat-cluster.e2e.javaxPlainWar}, the same two of the javax
 * example (see {@code .ci/run}); uses the Tomcat distributions the build unpacks into {@code target/tomcat/<line>}.
 */
@EnabledIfSystemProperty(named = "tomcat-cluster.e2e.war", matches = ".+")
class SessionReplicationE2ETest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration MEMBERSHIP = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final Pattern COUNT = Pattern.compile("count=(\\d+)");
    private static final Pattern NODE = Pattern.compile("node=(\\S+)");
    private static final String JAVA = TestTomcats.JAVA;
    private static final String TEST_CLASSES = testClasses();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    /** The example WARs one Tomcat line serves: its Servlet API, the system properties naming them. */
    enum Wars {
        JAVAX("tomcat-cluster.e2e.javaxWar", "tomcat-cluster.e2e.javaxPlainWar", "http://xmlns.jcp.org/xml/ns/javaee"),
        JAKARTA("tomcat-cluster.e2e.war", "tomcat-cluster.e2e.plainWar", "https://jakarta.ee/xml/ns/jakartaee");

        final String warProperty;
        final String plainWarProperty;
        /** Namespace of the example's web.xml, to catch WARs passed for the wrong line. */
        final String namespace;

        Wars(String warProperty, String plainWarProperty, String namespace) {
            this.warProperty = warProperty;
            this.plainWarProperty = plainWarProperty;
            this.namespace = namespace;
        }
    }

    static Stream<Arguments> lines() {
        // 8.5 has no StaticMembershipService: its static members come from StaticMembershipInterceptor
        return Stream.of(Arguments.of("8.5", Wars.JAVAX), Arguments.of("9.0", Wars.JAVAX),
                Arguments.of("10.1", Wars.JAKARTA),
                Arguments.of("11.0", Wars.JAKARTA));
    }

    /**
     * About 8 s a line on two cores; the cap (JUnit interrupts the test, {@link #stop} then kills both Tomcats)
     * keeps a hanging line from using up every bounded wait below, which add up to several minutes.
     */
    @ParameterizedTest(name = "Tomcat {0} with the {1} WARs")
    @MethodSource("lines")
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void sessionsReplicateOnlyForTheDistributableWar(String version, Wars wars) throws Exception {
        long started = System.nanoTime();
        Path war = war(wars.warProperty, version);
        Path plainWar = war(wars.plainWarProperty, version);
        String descriptor = webXml(war);
        String plainDescriptor = webXml(plainWar);
        String wrongExample = ": web.xml is not in " + wars.namespace + ", so not the example for Tomcat " + version;
        assertTrue(descriptor.contains(wars.namespace), war + wrongExample);
        assertTrue(plainDescriptor.contains(wars.namespace), plainWar + wrongExample);
        assertTrue(descriptor.contains("<distributable/>"), war + " is not distributable");
        assertTrue(!plainDescriptor.contains("<distributable"), plainWar + " is distributable");
        TomcatLine line = TomcatLine.of(version);
        Path home = TestTomcats.home(line);

        // restrictSessionClasses: the allow-list from the session analysis of the WAR, through the file between
        // the goals, lets the example's counter through; one that does not name it keeps it back
        String analysed = analysedAllowList(war, home);
        String elsewhere = SessionClassFilter.regex(List.of("java.lang.String"));

        List<Integer> replicated = countsAcrossNodes(home, line, war, "distributable", null, null);
        List<Integer> plain = countsAcrossNodes(home, line, plainWar, "plain", null, null);
        List<Integer> restricted = countsAcrossNodes(home, line, war, "restricted", analysed, null);
        List<Integer> keptBack = countsAcrossNodes(home, line, war, "kept-back", elsewhere, null);
        // counts of the requests to node1, node1, node2 for each run, and the time for the line (CI's evidence)
        System.out.printf(Locale.ROOT, "E2E %s: %s %s, %s %s, allow-list \"%s\" %s, allow-list \"%s\" %s (%.1f s)%n",
                home.getFileName(), war.getFileName(), replicated, plainWar.getFileName(), plain, analysed,
                restricted, elsewhere, keptBack, (System.nanoTime() - started) / 1e9);
        assertEquals(List.of(1, 2, 3), replicated, "node2 continues the session that node1 started");
        assertEquals(List.of(1, 2, 1), plain, "without <distributable/> node2 knows nothing of node1's session");
        assertEquals(List.of(1, 2, 3), restricted, "the analysed allow-list lets the counter replicate");
        assertEquals(List.of(1, 2, 1), keptBack, "an allow-list without the counter's class keeps it back");
        // and the reason is Tomcat's filter, which says so in node1's log (warnOnSessionAttributeFilterFailure)
        String node1Log = Files.readString(temp.resolve("kept-back-node1/logs/console.txt"));
        assertTrue(node1Log.contains("Skipped session attribute named [counter] because the value type "
                + "[io.github.clusterready.examples.counter.VisitCounter] did not match the filter [" + elsewhere
                + "]"), node1Log);
    }

    /**
     * The filter restrictSessionClasses writes for the WAR: the session analysis's list, through its file, read as
     * cluster-config reads it.
     */
    private String analysedAllowList(Path war, Path home) throws Exception {
        List<Path> servletApi = List.of(home.resolve("lib/servlet-api.jar"));
        SessionAnalysis analysis;
        try (WarArchive archive = WarArchive.open(war)) {
            analysis = new SessionAttributeAnalyzer(servletApi, false).analyze(archive, war.toString());
        }
        assertEquals(List.of("io.github.clusterready.examples.counter.VisitCounter"),
                List.copyOf(analysis.valueClasses()));
        Path file = temp.resolve(home.getFileName() + "-session-classes.txt");
        SessionClassList.of(war.toString(), analysis, false).write(file);
        SessionClassAllowList allowList = SessionClassAllowList.read(file, file.toString(), temp, List.of());
        assertEquals(List.of(), allowList.warnings());
        return allowList.regex();
    }

    /**
     * The cluster-config's default membership, multicast, which needs a network that routes it: two Tomcat 10.1
     * nodes inside a network namespace the test creates (so multicast never leaves it, and everything binds to its
     * 127.0.0.1) find each other through {@code McastService} and continue each other's sessions. Runs with
     * {@code -Dtomcat-cluster.e2e.multicast=true}, as root (see {@code .ci/run}).
     */
    @Test
    @EnabledIfSystemProperty(named = "tomcat-cluster.e2e.multicast", matches = "true")
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void nodesFoundByMulticastContinueTheSession() throws Exception {
        long started = System.nanoTime();
        Path war = war(Wars.JAKARTA.warProperty, "10.1");
        Path home = TestTomcats.home(TomcatLine.V10_1);
        List<Integer> counts;
        try (NetworkNamespace namespace = NetworkNamespace.create("tomcat-cluster-e2e-"
                + ProcessHandle.current().pid())) {
            counts = countsAcrossNodes(home, TomcatLine.V10_1, war, "multicast", null, namespace);
        }
        System.out.printf(Locale.ROOT, "E2E %s multicast in a network namespace: %s %s (%.1f s)%n",
                home.getFileName(), war.getFileName(), counts, (System.nanoTime() - started) / 1e9);
        assertEquals(List.of(1, 2, 3), counts, "node2, found by multicast, continues node1's session");
        String node2Log = Files.readString(temp.resolve("multicast-node2/logs/console.txt"));
        assertTrue(node2Log.contains("org.apache.catalina.tribes.membership.McastService"), node2Log);
    }

    /**
     * Counts of two requests to node1 and one to node2 with node1's session cookie: both nodes on 127.0.0.1 with
     * static membership, or, given a network namespace, inside it with the default multicast membership.
     */
    private List<Integer> countsAcrossNodes(Path home, TomcatLine line, Path war, String name, String filter,
            NetworkNamespace namespace) throws Exception {
        // in a namespace of its own, every port is free (still none of Tomcat's defaults); the receiver's "auto"
        // address would be the machine's, which is not in the namespace
        int[] ports = namespace == null
                ? TestTomcats.freePorts(ClusterConfigWriter.PORT_SHIFT, ClusterConfigWriter.PORT_SHIFT, 1)
                : new int[] {18005, 18080, 14000};
        String receiverAddress = namespace == null ? null : "127.0.0.1";
        Path base = Files.writeString(temp.resolve(name + "-base-server.xml"), ""
                + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Server port=\"" + ports[0] + "\" shutdown=\"SHUTDOWN\">\n"
                + "  <Service name=\"Catalina\">\n"
                + "    <Connector port=\"" + ports[1] + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\""
                + " connectionTimeout=\"20000\"/>\n"
                + "    <Engine name=\"Catalina\" defaultHost=\"localhost\">\n"
                + "      <Host name=\"localhost\" appBase=\"webapps\" unpackWARs=\"true\" autoDeploy=\"false\"/>\n"
                + "    </Engine>\n"
                + "  </Service>\n"
                + "</Server>\n");
        Path out = temp.resolve(name + "-config");
        ClusterSettings.Builder builder = ClusterSettings.builder(line)
                .membership(namespace == null ? Membership.STATIC : Membership.MULTICAST)
                .node(new Node("node1", "127.0.0.1", ports[2], receiverAddress, null))
                .node(new Node("node2", "127.0.0.1", ports[2] + 1, receiverAddress, null));
        if (filter != null) {
            builder.sessionAttributeFilter(filter);
        }
        ClusterSettings settings = builder.build();
        new ClusterConfigWriter().write(settings, out, base, "server.xml");

        String node1 = "http://127.0.0.1:" + ports[1] + "/session-counter/count";
        String node2 = "http://127.0.0.1:" + (ports[1] + ClusterConfigWriter.PORT_SHIFT) + "/session-counter/count";
        List<Process> tomcats = new ArrayList<>();
        try {
            // One after the other, as nodes join a running cluster: node2's DeltaManager asks node1 for its
            // sessions when the webapp starts; started together, node1 may not have its manager yet, drops the
            // request ("Context manager doesn't exist") and node2 waits out stateTransferTimeout (60 s).
            List<Path> logs = new ArrayList<>();
            String[] urls = {node1, node2};
            for (int i = 0; i < urls.length; i++) {
                String node = "node" + (i + 1);
                Path catalinaBase = TestTomcats.catalinaBase(home, temp.resolve(name + "-" + node),
                        out.resolve("nodes/" + node + "/server.xml"), war, "session-counter.war");
                logs.add(TestTomcats.console(catalinaBase));
                List<String> command = TestTomcats.command(home, catalinaBase);
                tomcats.add(TestTomcats.start(namespace == null ? command
                        : namespace.command(command.toArray(new String[0])), catalinaBase));
                awaitUp(urls[i], tomcats.get(i), logs.get(i), namespace);
            }
            for (Path log : logs) {
                TestTomcats.awaitLine(log, "member added", MEMBERSHIP);
            }
            List<Integer> counts = new ArrayList<>();
            Reply first = get(node1, null, namespace);
            String cookie = first.cookie;
            assertTrue(cookie != null && cookie.contains(";"), "no session cookie: " + cookie);
            String session = cookie.substring(0, cookie.indexOf(';'));
            assertTrue(session.startsWith("JSESSIONID=") && session.endsWith(".node1"), session);
            counts.add(count(first));
            counts.add(count(get(node1, session, namespace)));
            // what a load balancer does when node1 fails: the same cookie, to node2
            Reply failover = get(node2, session, namespace);
            counts.add(count(failover));
            // the example says which node answered, so that a user sees the failover
            assertTrue(!node(first).equals(node(failover)), first.body + " / " + failover.body);
            return counts;
        } finally {
            TestTomcats.stop(tomcats, STOP);
        }
    }

    private static String testClasses() {
        try {
            return Paths.get(NamespaceProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path war(String property, String version) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new AssertionError("Tomcat " + version + " needs -D" + property + " (see .ci/run)");
        }
        return Paths.get(value).toAbsolutePath();
    }

    private void awaitUp(String url, Process tomcat, Path log, NetworkNamespace namespace) throws Exception {
        TestTomcats.awaitUp(url, tomcat, log, START, u -> get(u, null, namespace).status);
    }

    /** A GET from this JVM, or, given a network namespace, from a {@link NamespaceProbe} run inside it. */
    private Reply get(String url, String cookie, NetworkNamespace namespace) throws IOException, InterruptedException {
        if (namespace != null) {
            List<String> probe = new ArrayList<>(List.of(JAVA, "-cp", TEST_CLASSES, NamespaceProbe.class.getName(),
                    url));
            if (cookie != null) {
                probe.add(cookie);
            }
            String[] output = NetworkNamespace.run(namespace.command(probe.toArray(new String[0])))
                    .split("\n", 3);
            return new Reply(Integer.parseInt(output[0].trim()), output[1].isEmpty() ? null : output[1],
                    output.length > 2 ? output[2] : "");
        }
        return TestTomcats.get(http, url, cookie, Duration.ofSeconds(10));
    }

    private static String node(Reply reply) {
        Matcher m = NODE.matcher(reply.body);
        assertTrue(m.find(), reply.body);
        return m.group(1);
    }

    private static int count(Reply reply) {
        assertEquals(200, reply.status, reply.body);
        Matcher m = COUNT.matcher(reply.body);
        assertTrue(m.find(), reply.body);
        return Integer.parseInt(m.group(1));
    }

    private static String webXml(Path war) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("WEB-INF/web.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
    }


}
