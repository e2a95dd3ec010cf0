package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import io.github.clusterready.tomcat.probe.ProbeProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's layout, command lines, ports and waits, with a stand-in for Tomcat: the launcher starts
 * {@code sleep} instead of a JVM and writes what a real node's probe and cluster would write (the probe's
 * {@code started} file, Tomcat's "Member added" line), so no Tomcat runs here. The real thing runs in
 * {@link LocalClusterE2ETest}.
 */
class LocalClusterLaunchTest {
    @TempDir
    Path temp;

    /** What the stand-in was asked to start. */
    private final List<List<String>> commands = Collections.synchronizedList(new ArrayList<>());

    /**
     * Starts {@code sleep 60} and writes, as the node would once it serves, the probe's files and a member line in its
     * own log and, as the other nodes would on seeing it, in theirs.
     */
    private Process standIn(List<String> command, Path base, Path log, boolean serve) throws IOException {
        commands.add(command);
        Process process = new ProcessBuilder("sleep", "60").start();
        if (serve) {
            Files.createDirectories(base.resolve(ProbeProtocol.DIRECTORY));
            Files.write(base.resolve(ProbeProtocol.DIRECTORY).resolve(ProbeProtocol.STARTED),
                    new ProbeProtocol.Started("/shop", true, true, "x").line().getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> bases = Files.list(base.getParent())) {
                for (Path node : (Iterable<Path>) bases::iterator) {
                    Path nodeLog = node.resolve("logs/console.txt");
                    Files.createDirectories(nodeLog.getParent());
                    Files.write(nodeLog, "INFO: Member added, ...\n".getBytes(StandardCharsets.ISO_8859_1),
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
        }
        return process;
    }

    private LocalCluster.Options options(Path home, NodeLauncher launcher) throws IOException {
        Path war = Files.write(temp.resolve("shop.war"), new byte[] {1, 2, 3});
        return new LocalCluster.Options().home(home).war(war).contextPath("/shop").directory(temp.resolve("run"))
                .nodeNames(List.of("node1", "node2", "node3")).settings(ClusterSettings.builder(TomcatLine.V10_1))
                .jvmArguments(List.of("-Xmx256m")).java(Paths.get("/opt/jdk/bin/java")).launcher(launcher)
                .startTimeout(Duration.ofSeconds(5));
    }

    private Path home() throws IOException {
        Path home = temp.resolve("home");
        Files.createDirectories(home.resolve("conf"));
        Files.write(home.resolve("conf/logging.properties"), "x=1\n".getBytes(StandardCharsets.UTF_8));
        return home;
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void eachNodeGetsItsOwnBaseCommandLineAndPortsAndTheStopEndsEveryProcess() throws Exception {
        Path home = home();
        LocalCluster cluster = LocalCluster.start(options(home, (c, b, l) -> standIn(c, b, l, true)), line -> { });
        List<Long> pids = new ArrayList<>();
        try {
            assertEquals(3, commands.size());
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                ClusterNode node = cluster.nodes().get(i);
                Path base = temp.resolve("run/nodes/node" + (i + 1)).toAbsolutePath();
                assertEquals(base, node.base());
                List<String> command = commands.get(i);
                assertEquals("/opt/jdk/bin/java", command.get(0));
                assertEquals("-Xmx256m", command.get(1));
                assertTrue(command.contains("-Dcatalina.base=" + base), command.toString());
                assertTrue(command.contains("-Dcatalina.home=" + home), command.toString());
                assertTrue(command.contains("-D" + ProbeProtocol.WATCH_STANDARD_INPUT + "=true"), command.toString());
                assertEquals("start", command.get(command.size() - 1));
                assertTrue(NodeCommand.isNodeOf(String.join(" ", command), base));
                // the layout: the WAR under the name that gives /shop, the probe, the node's own server.xml
                assertTrue(Files.isRegularFile(base.resolve("webapps/shop.war")));
                assertTrue(Files.isRegularFile(base.resolve("lib/tomcat-cluster-probe.jar")));
                assertTrue(Files.isRegularFile(base.resolve("conf/logging.properties")));
                String serverXml = Files.readString(base.resolve("conf/server.xml"));
                assertTrue(serverXml.contains("port=\"" + node.httpPort() + "\""), serverXml);
                assertTrue(serverXml.contains(ProbeJar.VALVE), serverXml);
                assertTrue(ports.add(node.httpPort()));
                assertEquals("http://127.0.0.1:" + node.httpPort() + "/shop/", node.url());
                assertEquals(Long.toString(node.pid()), Files.readString(base.resolve("pid")));
                pids.add(node.pid());
            }
        } finally {
            cluster.stop();
        }
        for (long pid : pids) {
            assertFalse(Processes.alive(pid), "stand-in " + pid + " still runs");
        }
        assertFalse(LocalCluster.running(temp.resolve("run")).isPresent());
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aNodeThatNeverServesStopsTheStartWithItsNameAndKillsEveryNodeStarted() throws Exception {
        List<Process> processes = Collections.synchronizedList(new ArrayList<>());
        NodeLauncher third = (c, b, l) -> {
            Process p = standIn(c, b, l, !b.endsWith("node3"));
            processes.add(p);
            return p;
        };
        RuntimeClusterException e = assertThrows(RuntimeClusterException.class,
                () -> LocalCluster.start(options(home(), third), line -> { }));

        assertTrue(e.getMessage().startsWith("node3 did not start within 5 s (<startTimeout>)"), e.getMessage());
        for (Process process : processes) {
            assertFalse(process.isAlive());
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aKilledNodeIsNotAnUnexpectedEndAndRestartsInItsBase() throws Exception {
        LocalCluster cluster = LocalCluster.start(options(home(), (c, b, l) -> standIn(c, b, l, true)), line -> { });
        try {
            ClusterNode node2 = cluster.nodes().get(1);
            long first = node2.pid();
            cluster.kill(node2);
            assertFalse(Processes.alive(first));
            assertTrue(node2.killed());
            assertTrue(cluster.endedNodes().isEmpty(), "a node killed on purpose did not end by itself");
            assertThrows(RuntimeClusterException.class, () -> cluster.kill(node2));

            List<String> log = new ArrayList<>();
            cluster.restart(node2, log::add);

            assertNotEquals(first, node2.pid());
            assertTrue(node2.running());
            assertFalse(node2.killed());
            assertEquals(List.of("node2 restarted and serves " + node2.url()), log);
            assertEquals(4, commands.size());
            // the same node, now asking the others for their session state
            List<String> again = new ArrayList<>(commands.get(3));
            assertFalse(again.contains("-D" + ProbeProtocol.NEW_CLUSTER + "=true"), again.toString());
            again.add(again.indexOf("-D" + ProbeProtocol.WATCH_STANDARD_INPUT + "=true") + 1,
                    "-D" + ProbeProtocol.NEW_CLUSTER + "=true");
            assertEquals(commands.get(1), again);

            node2.process().destroyForcibly().waitFor();
            assertEquals(List.of(node2), cluster.endedNodes());
        } finally {
            cluster.stop();
        }
    }

    @Test
    void portsAreDistinctAcrossNodesWhereClusterConfigShiftsThem() throws Exception {
        LocalPorts ports = LocalPorts.find(4);
        Set<Integer> all = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            assertTrue(all.add(ports.httpPort(i)));
            assertTrue(all.add(ports.shutdownPort(i)));
            assertTrue(all.add(ports.receiverPort(i)));
            assertNotEquals(8080, ports.httpPort(i));
        }
        assertEquals(ports.baseHttpPort(), ports.httpPort(0));
    }

    @Test
    void theLogFollowerFindsATextCutBetweenTwoReadsAndReadsOnlyWhatIsNew() throws Exception {
        Path log = temp.resolve("console.txt");
        Files.write(log, "INFO: Mem".getBytes(StandardCharsets.ISO_8859_1));
        LogFollower follower = new LogFollower(log, "member added");
        assertFalse(follower.seen());
        Files.write(log, "ber Added, x\n".getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);
        assertTrue(follower.seen());

        LogFollower fromNow = LogFollower.fromEnd(log, "member added");
        assertFalse(fromNow.seen(), "the earlier line does not count for a follower from the end");
        Files.write(log, "Member added again\n".getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);
        assertTrue(fromNow.seen());
    }
}
