package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.serverxml.Finding;
import io.github.clusterready.tomcat.serverxml.FixedCopies;
import io.github.clusterready.tomcat.serverxml.ServerXmlCheck;
import io.github.clusterready.tomcat.serverxml.Severity;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@code check-server-xml} says breaks the cluster does so on real Tomcat nodes, and the fixed file works: a
 * class the line does not have ({@code MessageDispatch15Interceptor}) stops Tomcat from starting, the copy
 * {@code FixedCopies} writes starts; static members at ports where no node receives never form a cluster, the
 * same nodes with the members the finding asks for do; an Engine-level FarmWarDeployer never starts, and an
 * interceptor under {@code <Cluster>} is ignored with the digester's "No rules found"; of two nodes on one host
 * with one Connector port the second cannot bind it, with their own ports both serve. Each node is the
 * distribution's own {@code conf/server.xml} with a {@code <Cluster>} pasted in, on free ports of 127.0.0.1 (the
 * shutdown port off).
 *
 * <p>Runs with {@code -Dtomcat-cluster.e2e.serverXml=true} (see {@code .ci/run}); uses the distributions the build
 * unpacks into {@code target/tomcat/<line>}.
 */
@EnabledIfSystemProperty(named = "tomcat-cluster.e2e.serverXml", matches = "true")
class CheckServerXmlTruthE2ETest {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final String TRIBES = "org.apache.catalina.tribes.";
    private static final String COMMENTED_CLUSTER = "      <!--\n      <Cluster className=\"org.apache.catalina.ha.tcp."
            + "SimpleTcpCluster\"/>\n      -->\n";

    @TempDir
    Path temp;

    /** The line's own server.xml with {@code cluster} where its commented-out example is, on free ports. */
    private static String serverXml(Path home, int httpPort, String cluster) throws Exception {
        String own = new String(Files.readAllBytes(home.resolve("conf/server.xml")), StandardCharsets.UTF_8);
        assertTrue(own.contains(COMMENTED_CLUSTER), "the distribution's server.xml changed");
        return own.replace(COMMENTED_CLUSTER, cluster).replace("<Server port=\"8005\"", "<Server port=\"-1\"")
                .replace("<Connector port=\"8080\"", "<Connector port=\"" + httpPort + "\" address=\"127.0.0.1\"");
    }

    /** A static cluster as blogs write it for every line: the local member and the peers in the interceptor. */
    private static String staticCluster(int receiverPort, String dispatchInterceptor, int... members) {
        StringBuilder peers = new StringBuilder();
        for (int member : members) {
            peers.append("              <Member className=\"" + TRIBES + "membership.StaticMember\" host=\"127.0.0.1\""
                    + " port=\"").append(member).append("\" uniqueId=\"{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,")
                    .append(member % 100).append("}\"/>\n");
        }
        return "      <Cluster className=\"org.apache.catalina.ha.tcp.SimpleTcpCluster\"\n"
                + "               channelSendOptions=\"6\" channelStartOptions=\"3\">\n"
                + "        <Channel className=\"" + TRIBES + "group.GroupChannel\">\n"
                + "          <Receiver className=\"" + TRIBES + "transport.nio.NioReceiver\"\n"
                + "                    address=\"127.0.0.1\" port=\"" + receiverPort + "\" autoBind=\"0\"/>\n"
                + "          <Interceptor className=\"" + TRIBES + "group.interceptors.TcpPingInterceptor\" "
                + "staticOnly=\"true\"/>\n"
                + "          <Interceptor className=\"" + TRIBES + "group.interceptors.TcpFailureDetector\"/>\n"
                + "          <Interceptor className=\"" + TRIBES + "group.interceptors.StaticMembershipInterceptor\">\n"
                + "              <LocalMember className=\"" + TRIBES + "membership.StaticMember\" host=\"127.0.0.1\" "
                + "port=\"" + receiverPort + "\" uniqueId=\"{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0," + receiverPort % 100
                + "}\"/>\n"
                + peers
                + "          </Interceptor>\n"
                + "          <Interceptor className=\"" + TRIBES + "group.interceptors." + dispatchInterceptor
                + "\"/>\n"
                + "        </Channel>\n"
                + "        <Valve className=\"org.apache.catalina.ha.tcp.ReplicationValve\" filter=\"\"/>\n"
                + "        <ClusterListener className=\"org.apache.catalina.ha.session.ClusterSessionListener\"/>\n"
                + "      </Cluster>\n";
    }

    /** One CATALINA_BASE per node: the distribution's conf with {@code serverXml}; no webapps needed. */
    private Path base(Path home, String name, Path serverXml) throws Exception {
        Path base = temp.resolve(name);
        for (String dir : new String[] {"conf", "logs", "temp", "work", "webapps"}) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
            for (Path file : conf.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
            }
        }
        Files.copy(serverXml, base.resolve("conf/server.xml"), StandardCopyOption.REPLACE_EXISTING);
        return base;
    }

    private static ServerXmlCheck.Checked check(TomcatLine line, List<Path> files) throws Exception {
        return new ServerXmlCheck(line, Collections.emptyMap()).check(files, p -> p.getParent().getFileName() + "/"
                + p.getFileName());
    }

    private static List<String> rulesAndSeverities(ServerXmlCheck.Checked checked) {
        return checked.report().findings().stream().map(f -> f.rule() + " " + f.severity())
                .collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void aClassTheLineDoesNotHaveStopsTomcatAndTheFixedCopyStarts(TomcatLine line) throws Exception {
        Path home = TestTomcats.home(line);
        int[] ports = TestTomcats.freePorts(1, 1, 1);
        Path file = temp.resolve("in/node1/server.xml");
        Files.createDirectories(file.getParent());
        Files.write(file, serverXml(home, ports[0], staticCluster(ports[1], "MessageDispatch15Interceptor",
                ports[2])).getBytes(StandardCharsets.UTF_8));

        ServerXmlCheck.Checked checked = check(line, List.of(file));
        assertEquals(List.of("no-encryption " + Severity.INSECURE, "class-not-in-line " + Severity.BREAKS_CLUSTER),
                rulesAndSeverities(checked));

        Path broken = base(home, "broken", file);
        Process tomcat = TestTomcats.start(TestTomcats.command(home, broken), broken);
        try {
            assertTrue(tomcat.waitFor(START.toSeconds(), TimeUnit.SECONDS), "Tomcat " + line + " did not end:\n"
                    + TestTomcats.read(TestTomcats.console(broken)));
        } finally {
            TestTomcats.stop(List.of(tomcat), STOP);
        }
        String log = TestTomcats.read(TestTomcats.console(broken));
        assertNotEquals(0, tomcat.exitValue(), log);
        assertTrue(log.contains("java.lang.ClassNotFoundException: " + TRIBES
                + "group.interceptors.MessageDispatch15Interceptor"), log);
        assertFalse(log.toLowerCase(Locale.ROOT).contains("server startup in"), log);

        FixedCopies.write(checked, temp.resolve("fixed"));
        Path fixedFile = temp.resolve("fixed/node1/server.xml");
        assertEquals(List.of("no-encryption " + Severity.INSECURE), rulesAndSeverities(check(line,
                List.of(fixedFile))), "what is left needs a person (a key)");
        Path fixed = base(home, "fixed", fixedFile);
        Process started = TestTomcats.start(TestTomcats.command(home, fixed), fixed);
        try {
            TestTomcats.awaitLine(TestTomcats.console(fixed), "server startup in", START);
            assertTrue(started.isAlive());
        } finally {
            TestTomcats.stop(List.of(started), STOP);
        }
        assertFalse(TestTomcats.read(TestTomcats.console(fixed)).contains("ClassNotFoundException"));
    }

    @Test
    void anEngineLevelFarmWarDeployerDoesNotStartAndAnInterceptorUnderClusterIsIgnored() throws Exception {
        Path home = TestTomcats.home(TomcatLine.V10_1);
        int[] ports = TestTomcats.freePorts(1, 1, 1);
        Path deployer = temp.resolve("farm");
        String cluster = staticCluster(ports[1], "MessageDispatchInterceptor", ports[2])
                .replace("        <Channel ", "        <Interceptor className=\"" + TRIBES + "group.interceptors."
                        + "EncryptInterceptor\"\n                     encryptionKey=\""
                        + "00112233445566778899aabbccddeeff\"/>\n        <Channel ")
                .replace("      </Cluster>", "        <Deployer className=\"org.apache.catalina.ha.deploy."
                        + "FarmWarDeployer\" tempDir=\"" + deployer.resolve("temp") + "\" deployDir=\""
                        + deployer.resolve("deploy") + "\" watchDir=\"" + deployer.resolve("listen") + "\" "
                        + "watchEnabled=\"true\"/>\n      </Cluster>");
        Path file = temp.resolve("in/node1/server.xml");
        Files.createDirectories(file.getParent());
        Files.write(file, serverXml(home, ports[0], cluster).getBytes(StandardCharsets.UTF_8));
        List<String> found = rulesAndSeverities(check(TomcatLine.V10_1, List.of(file)));
        assertTrue(found.contains("farm-war-deployer-in-engine " + Severity.BREAKS_CLUSTER), found.toString());
        assertTrue(found.contains("ignored-element " + Severity.INSECURE), found.toString());

        Path base = base(home, "farm-node", file);
        Process tomcat = TestTomcats.start(TestTomcats.command(home, base), base);
        try {
            TestTomcats.awaitLine(TestTomcats.console(base), "server startup in", START);
        } finally {
            TestTomcats.stop(List.of(tomcat), STOP);
        }
        String log = TestTomcats.read(TestTomcats.console(base));
        assertTrue(log.contains("FarmWarDeployer can only work as host cluster subelement!"), log);
        assertTrue(log.contains("No rules found matching [Server/Service/Engine/Cluster/Interceptor]"), log);
        assertFalse(Files.exists(deployer.resolve("listen")), "the deployer never started watching");
    }

    @Test
    void twoNodesOnOneHostWithOneConnectorPortTheSecondServesNothingOwnPortsWork() throws Exception {
        Path home = TestTomcats.home(TomcatLine.V10_1);
        int[] ports = TestTomcats.freePorts(1, 1, 1, 1);
        int http = ports[0];
        int otherHttp = ports[1];
        int r1 = ports[2];
        int r2 = ports[3];
        List<Path> clashing = new ArrayList<>();
        List<Path> own = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int receiver = i == 0 ? r1 : r2;
            int peer = i == 0 ? r2 : r1;
            for (String kind : new String[] {"clash", "own"}) {
                Path file = temp.resolve(kind + "/node" + (i + 1) + "/server.xml");
                Files.createDirectories(file.getParent());
                int port = kind.equals("clash") || i == 0 ? http : otherHttp;
                Files.write(file, serverXml(home, port, staticCluster(receiver, "MessageDispatchInterceptor", peer))
                        .getBytes(StandardCharsets.UTF_8));
                (kind.equals("clash") ? clashing : own).add(file);
            }
        }
        List<Finding> clash = check(TomcatLine.V10_1, clashing).report().findings().stream()
                .filter(f -> f.rule().equals("port-clash")).collect(Collectors.toList());
        assertEquals(1, clash.size(), clash.toString());
        assertEquals(Severity.BREAKS_CLUSTER, clash.get(0).severity());
        assertEquals(List.of(), check(TomcatLine.V10_1, own).report().findings().stream()
                .filter(f -> f.severity().failsBuild()).collect(Collectors.toList()));

        for (List<Path> files : List.of(clashing, own)) {
            String name = files == clashing ? "run-clash" : "run-own";
            List<Process> tomcats = new ArrayList<>();
            try {
                List<Path> logs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    // one after the other, so that node1 holds the port when node2 starts
                    Path base = base(home, name + "-node" + (i + 1), files.get(i));
                    logs.add(TestTomcats.console(base));
                    tomcats.add(TestTomcats.start(TestTomcats.command(home, base), base));
                    TestTomcats.awaitLine(logs.get(i), "server startup in", START);
                }
                String node2 = TestTomcats.read(logs.get(1));
                if (files == clashing) {
                    assertTrue(node2.contains("java.net.BindException"), node2);
                } else {
                    assertFalse(node2.contains("BindException"), node2);
                    int status = TestTomcats.get(HttpClient.newHttpClient(), "http://127.0.0.1:"
                            + otherHttp + "/", null, Duration.ofSeconds(10)).status;
                    assertEquals(404, status, "node2 answers on its own port (it has no webapps)");
                }
            } finally {
                TestTomcats.stop(tomcats, STOP);
            }
        }
    }

    @Test
    void membersWhereNoNodeReceivesNeverFormAClusterTheMembersTheFindingAsksForDo() throws Exception {
        Path home = TestTomcats.home(TomcatLine.V10_1);
        // node1 and node2 receive at r1 and r2; the broken files list each other at ports 50 above
        int[] ports = TestTomcats.freePorts(1, 1, 1, 1, 50, 50);
        int http1 = ports[0];
        int http2 = ports[1];
        int r1 = ports[4];
        int r2 = ports[5];
        List<Path> brokenFiles = new ArrayList<>();
        List<Path> fixedFiles = new ArrayList<>();
        int[][] nodes = {{http1, r1, r2}, {http2, r2, r1}};
        for (int i = 0; i < 2; i++) {
            for (String kind : new String[] {"broken", "fixed"}) {
                Path file = temp.resolve(kind + "/node" + (i + 1) + "/server.xml");
                Files.createDirectories(file.getParent());
                int peer = kind.equals("broken") ? nodes[i][2] + 50 : nodes[i][2];
                Files.write(file, serverXml(home, nodes[i][0], staticCluster(nodes[i][1], "MessageDispatchInterceptor",
                        peer)).getBytes(StandardCharsets.UTF_8));
                (kind.equals("broken") ? brokenFiles : fixedFiles).add(file);
            }
        }
        ServerXmlCheck.Checked broken = check(TomcatLine.V10_1, brokenFiles);
        List<Finding> unmatched = broken.report().findings().stream()
                .filter(f -> f.rule().equals("static-members-unmatched")).collect(Collectors.toList());
        assertEquals(4, unmatched.size(), "each node: a member where nobody receives, the other node not listed: "
                + unmatched);
        assertTrue(unmatched.stream().allMatch(f -> f.severity() == Severity.BREAKS_CLUSTER));
        assertEquals(List.of(), check(TomcatLine.V10_1, fixedFiles).report().findings().stream()
                .filter(f -> f.severity().failsBuild()).collect(Collectors.toList()));

        // the fixed pair first: how long forming a cluster takes here, under this load
        long formed = System.nanoTime();
        List<Path> fixedLogs = startBoth(home, "run-fixed", fixedFiles, () -> { });
        long took = System.nanoTime() - formed;
        for (Path log : fixedLogs) {
            assertTrue(TestTomcats.read(log).toLowerCase(Locale.ROOT).contains("member added"), log.toString());
        }
        // the broken pair: watched three times as long as the fixed pair took, at least 30 s
        Duration watch = Duration.ofNanos(Math.max(3 * took, Duration.ofSeconds(30).toNanos()));
        List<Path> brokenLogs = startBoth(home, "run-broken", brokenFiles, () -> Thread.sleep(watch.toMillis()));
        for (Path log : brokenLogs) {
            String text = TestTomcats.read(log).toLowerCase(Locale.ROOT);
            assertTrue(text.contains("server startup in"), text);
            assertFalse(text.contains("member added"), "a member was added within " + watch + ":\n" + text);
        }
    }

    @FunctionalInterface
    private interface Wait {
        void run() throws Exception;
    }

    /** Starts the nodes, waits until they run (the fixed ones also until each sees the other), then stops them. */
    private List<Path> startBoth(Path home, String name, List<Path> files, Wait then) throws Exception {
        List<Process> tomcats = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                Path base = base(home, name + "-node" + (i + 1), files.get(i));
                logs.add(TestTomcats.console(base));
                tomcats.add(TestTomcats.start(TestTomcats.command(home, base), base));
            }
            for (Path log : logs) {
                TestTomcats.awaitLine(log, "server startup in", START);
            }
            if (name.endsWith("fixed")) {
                for (Path log : logs) {
                    TestTomcats.awaitLine(log, "member added", START);
                }
            }
            then.run();
        } finally {
            TestTomcats.stop(tomcats, STOP);
        }
        return logs;
    }
}
