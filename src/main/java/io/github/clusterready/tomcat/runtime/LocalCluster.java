package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.cluster.ClusterConfigWriter;
import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import io.github.clusterready.tomcat.cluster.Node;
import io.github.clusterready.tomcat.probe.ProbeProtocol;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A cluster of real Tomcat nodes on 127.0.0.1, started from one distribution: one {@code CATALINA_BASE} per node
 * under the run directory ({@link NodeLayout}), each with the {@code server.xml} that {@code cluster-config} writes
 * for it (static membership among the nodes, {@link LocalPorts free ports}), the project's WAR and the probe. A new
 * cluster holds no sessions, so there is no state to transfer and the nodes start side by side; then each waits
 * until it sees the others. Each node's PID is kept in its base: {@link #stop} ends each by PID, and a later start
 * first ends any node a dead build left behind ({@link Leftovers}). The nodes also end by themselves when the JVM
 * that started them ends, since the probe watches their standard input; a JVM that ends while nodes are still
 * starting kills them at once.
 */
public final class LocalCluster {
    /** The directory of the nodes' bases under the run directory. */
    static final String NODES = "nodes";
    private static final String CONFIG = "config";
    private static final long STOP_MILLIS = 30_000;
    private static final long WATCH_MILLIS = 250;

    private final Path directory;
    private final List<ClusterNode> nodes;
    private final ClusterSettings settings;
    private final Options options;
    private final Path config;
    /** The pipes to each node's standard input, held open while the node runs. */
    private final Map<ClusterNode, OutputStream> lifelines = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    private LocalCluster(Path directory, List<ClusterNode> nodes, ClusterSettings settings, Options options,
            Path config) {
        this.directory = directory;
        this.nodes = Collections.unmodifiableList(nodes);
        this.settings = settings;
        this.options = options;
        this.config = config;
    }

    /** What to start. */
    public static final class Options {
        Path home;
        Path war;
        String contextPath = "/";
        Path directory;
        List<String> nodeNames = new ArrayList<>();
        ClusterSettings.Builder settings;
        List<String> jvmArguments = new ArrayList<>();
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Duration startTimeout = Duration.ofSeconds(120);
        boolean probe = true;
        NodeLauncher launcher = NodeLauncher.PROCESSES;

        /** {@code CATALINA_HOME}: an unpacked distribution. */
        public Options home(Path value) {
            home = value;
            return this;
        }

        public Options war(Path value) {
            war = value;
            return this;
        }

        /** {@code /} or {@code /shop}. */
        public Options contextPath(String value) {
            contextPath = value;
            return this;
        }

        /** Where the nodes' bases, configuration and PIDs go. */
        public Options directory(Path value) {
            directory = value;
            return this;
        }

        public Options nodeNames(List<String> value) {
            nodeNames = new ArrayList<>(value);
            return this;
        }

        /**
         * The cluster as the project configures it (line, manager, attributes); the nodes, their static membership
         * and the probe's manager class are added here.
         */
        public Options settings(ClusterSettings.Builder value) {
            settings = value;
            return this;
        }

        public Options jvmArguments(List<String> value) {
            jvmArguments = new ArrayList<>(value);
            return this;
        }

        public Options java(Path value) {
            java = value;
            return this;
        }

        public Options startTimeout(Duration value) {
            startTimeout = value;
            return this;
        }

        /**
         * Without the probe's valve and session manager (the benchmark's baseline): Tomcat's own manager, nothing
         * watching requests, no replication report.
         */
        public Options withoutProbe() {
            probe = false;
            return this;
        }

        /** How nodes are started: the operating system's processes, or a test's stand-in. */
        Options launcher(NodeLauncher value) {
            launcher = value;
            return this;
        }
    }

    /** The cluster this JVM started in {@code directory}, if it still runs. */
    public static Optional<LocalCluster> running(Path directory) {
        return RunningClusters.in(directory);
    }

    public List<ClusterNode> nodes() {
        return nodes;
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** Every node that has ended although nobody stopped or killed it, in the order they ended. */
    public List<ClusterNode> endedNodes() {
        watch();
        List<ClusterNode> ended = new ArrayList<>();
        for (ClusterNode node : nodes) {
            if (node.endedAt() != 0) {
                ended.add(node);
            }
        }
        ended.sort((a, b) -> Long.compare(a.endedAt(), b.endedAt()));
        return ended;
    }

    /** Notes the time at which each node that ended by itself is first seen ended. */
    private void watch() {
        if (stopping) {
            return; // the nodes end because they are stopped
        }
        long now = System.currentTimeMillis();
        for (ClusterNode node : nodes) {
            node.noteEnded(now);
        }
    }

    /** The last {@code lines} lines of a node's console log. */
    public static String logTail(ClusterNode node, int lines) throws IOException {
        return NodeReadiness.tail(node.log(), lines);
    }

    /**
     * Ends what an earlier run in {@code directory} left running (a build that died between start and stop), by
     * the PIDs it wrote, when the process still has that node's base on its command line.
     *
     * @return the names of the nodes ended
     * @throws RuntimeClusterException when another build is running its cluster there ({@link RunLock}): its nodes
     *     are not leftovers
     */
    public static List<String> endLeftovers(Path directory)
            throws IOException, InterruptedException, RuntimeClusterException {
        if (!Files.isDirectory(directory)) {
            return new ArrayList<>();
        }
        RunLock.claim(directory);
        try {
            return Leftovers.end(directory);
        } finally {
            RunLock.release(directory);
        }
    }

    /**
     * The context path Tomcat gives a WAR it finds in {@code webapps} under {@code warFileName}: {@code /shop} for
     * {@code shop.war}, {@code /} for {@code ROOT.war}, {@code /a/b} for {@code a#b.war}, {@code /shop} for
     * {@code shop##2.war}.
     */
    public static String contextPathOf(String warFileName) {
        return NodeLayout.contextPathOf(warFileName);
    }

    /** Lays out and starts the nodes; on any failure, or when this JVM ends meanwhile, stops those started. */
    public static LocalCluster start(Options options, Consumer<String> log)
            throws IOException, RuntimeClusterException, InterruptedException {
        Path directory = options.directory.toAbsolutePath().normalize();
        Optional<LocalCluster> previous = RunningClusters.in(directory);
        if (previous.isPresent()) {
            previous.get().stop();
        }
        RunLock.claim(directory);
        for (String node : Leftovers.end(directory)) {
            log.accept("Stopped " + node + ", left running in " + directory + " by an earlier build");
        }
        TomcatDistribution.deleteTree(directory.resolve(NODES));
        TomcatDistribution.deleteTree(directory.resolve(CONFIG));

        List<ClusterNode> nodes = new ArrayList<>();
        LocalPorts ports = LocalPorts.find(options.nodeNames.size());
        ClusterSettings.Builder builder = options.settings.membership(Membership.STATIC);
        for (int i = 0; i < options.nodeNames.size(); i++) {
            String name = options.nodeNames.get(i);
            nodes.add(new ClusterNode(name, directory.resolve(NODES).resolve(name), ports.httpPort(i),
                    options.contextPath));
            builder.node(new Node(name, "127.0.0.1", ports.receiverPort(i), "127.0.0.1", null));
        }
        if (options.probe) {
            Manager manager = builder.build().manager();
            builder.managerClassName(manager == Manager.BACKUP ? ProbeJar.BACKUP_MANAGER : ProbeJar.DELTA_MANAGER);
        }
        ClusterSettings settings = builder.build();

        Path config = directory.resolve(CONFIG);
        Path baseServerXml = config.resolve("base-server.xml");
        Files.createDirectories(config);
        Files.write(baseServerXml, NodeLayout.baseServerXml(ports.baseShutdownPort(), ports.baseHttpPort(),
                options.probe).getBytes(StandardCharsets.UTF_8));
        try {
            new ClusterConfigWriter().write(settings, config, baseServerXml, baseServerXml.toString());
        } catch (ClusterConfigException e) {
            throw new RuntimeClusterException(e.getMessage(), e);
        }
        Path probeJar = config.resolve("tomcat-cluster-probe.jar");
        ProbeJar.write(probeJar);

        LocalCluster cluster = new LocalCluster(directory, nodes, settings, options, config);
        RunningClusters.add(directory, cluster);
        // Ctrl-C while nodes start: a node waiting for session state would outlive the build by a minute
        Thread killOnExit = new Thread(cluster::killAll, "tomcat-cluster-kill-starting-nodes");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        boolean started = false;
        try {
            for (ClusterNode node : nodes) {
                NodeLayout.layOut(options.home, options.war, options.contextPath, node, cluster.serverXml(node),
                        probeJar);
            }
            Map<ClusterNode, LogFollower> members = new LinkedHashMap<>();
            for (ClusterNode node : nodes) {
                members.put(node, new LogFollower(node.log(), NodeReadiness.MEMBER_ADDED));
                cluster.launch(node, true);
            }
            for (ClusterNode node : nodes) {
                NodeReadiness.awaitServing(node, options.startTimeout);
                log.accept(node.name() + " serves " + node.url() + " (log: " + node.log() + ")");
            }
            for (Map.Entry<ClusterNode, LogFollower> member : nodes.size() > 1 ? members.entrySet()
                    : Collections.<Map.Entry<ClusterNode, LogFollower>>emptySet()) {
                NodeReadiness.awaitMember(member.getKey(), member.getValue());
            }
            started = true;
            cluster.watchWhileRunning();
            return cluster;
        } finally {
            removeHook(killOnExit);
            if (!started) {
                cluster.stop();
            }
        }
    }

    /** Notes, every {@value #WATCH_MILLIS} ms until the cluster stops, when a node ends by itself. */
    private void watchWhileRunning() {
        Thread watcher = new Thread(() -> {
            try {
                while (!stopping) {
                    watch();
                    Thread.sleep(WATCH_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tomcat-cluster-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs: the nodes are being killed
        }
    }

    private Path serverXml(ClusterNode node) {
        return config.resolve(NODES).resolve(node.name()).resolve("server.xml");
    }

    private void launch(ClusterNode node, boolean newCluster) throws IOException {
        List<String> command = NodeCommand.of(options.java, options.jvmArguments, options.home, node.base(),
                newCluster);
        Process process = options.launcher.launch(command, node.base(), node.log());
        long pid = Processes.pid(process);
        node.started(process, pid);
        lifelines.put(node, process.getOutputStream());
        Files.write(node.pidFile(), Long.toString(pid).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Kills a node as a crash would (SIGKILL: no shutdown, no goodbye to the other members) and waits until its
     * process has ended.
     */
    public void kill(ClusterNode node) throws InterruptedException, RuntimeClusterException {
        Process process = node.process();
        if (process == null || !process.isAlive()) {
            throw new RuntimeClusterException(node.name() + " is not running, so it cannot be killed");
        }
        node.markKilled();
        process.destroyForcibly();
        if (!process.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new RuntimeClusterException(node.name() + " (pid " + node.pid() + ") did not end within "
                    + STOP_MILLIS / 1000 + " s of SIGKILL");
        }
        closeLifeline(node);
    }

    /**
     * Starts a node that was killed again, in the same base, and waits until it serves, has received the other nodes'
     * session state (DeltaManager's start waits for it), sees another member, and every other running node sees it
     * again: until then they send it none of their changes.
     */
    public void restart(ClusterNode node, Consumer<String> log)
            throws IOException, InterruptedException, RuntimeClusterException {
        if (node.running()) {
            throw new RuntimeClusterException(node.name() + " is running; kill it before restarting it");
        }
        Files.deleteIfExists(node.probeDirectory().resolve(ProbeProtocol.STARTED));
        LogFollower member = LogFollower.fromEnd(node.log(), NodeReadiness.MEMBER_ADDED);
        LogFollower noState = LogFollower.fromEnd(node.log(), NodeReadiness.NO_SESSION_STATE);
        Map<ClusterNode, LogFollower> others = new LinkedHashMap<>();
        for (ClusterNode other : nodes) {
            if (other != node && other.running()) {
                others.put(other, LogFollower.fromEnd(other.log(), NodeReadiness.MEMBER_ADDED));
            }
        }
        launch(node, false);
        NodeReadiness.awaitServing(node, options.startTimeout);
        if (noState.seen()) {
            throw new RuntimeClusterException(node.name() + " restarted without the other nodes' session state "
                    + "(DeltaManager's state transfer timed out); its log " + node.log() + " ends with:\n"
                    + NodeReadiness.tail(node.log()));
        }
        NodeReadiness.awaitMember(node, member);
        for (Map.Entry<ClusterNode, LogFollower> other : others.entrySet()) {
            NodeReadiness.awaitMember(other.getKey(), other.getValue());
        }
        log.accept(node.name() + " restarted and serves " + node.url());
    }

    /**
     * Asks every running node for a snapshot of its sessions; a node that does not answer within the time is
     * left out.
     */
    public Map<String, Path> snapshots(String token, Duration timeout) throws IOException, InterruptedException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (ClusterNode node : nodes) {
            if (node.process() != null && node.process().isAlive()) {
                Files.write(node.probeDirectory().resolve(ProbeProtocol.SNAPSHOT_REQUEST),
                        token.getBytes(StandardCharsets.US_ASCII));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ClusterNode node : nodes) {
            Path file = node.probeDirectory().resolve(ProbeProtocol.snapshotFile(token));
            while (!Files.exists(file) && System.nanoTime() < deadline && node.process() != null
                    && node.process().isAlive()) {
                Thread.sleep(50);
            }
            if (Files.exists(file)) {
                files.put(node.name(), file);
            }
        }
        return files;
    }

    /**
     * Stops every node (SIGTERM, which runs Tomcat's shutdown; after {@value #STOP_MILLIS} ms, SIGKILL) and waits
     * for each to end. A node that has not started serving yet is killed at once: its shutdown would wait for the
     * session state it is still asking for.
     */
    public void stop() throws InterruptedException {
        watch();
        stopping = true;
        RunningClusters.remove(directory, this);
        boolean interrupted = false;
        for (ClusterNode node : nodes) {
            Process process = node.process();
            if (process != null) {
                if (Files.exists(node.probeDirectory().resolve(ProbeProtocol.STARTED))) {
                    process.destroy();
                } else {
                    process.destroyForcibly();
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        for (ClusterNode node : nodes) {
            Process process = node.process();
            if (process == null) {
                continue;
            }
            try {
                if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(node.pidFile());
            } catch (IOException e) {
                // the next start checks the PID against the command line
            }
            closeLifeline(node);
        }
        RunLock.release(directory);
        if (interrupted) {
            throw new InterruptedException("interrupted while stopping the nodes; those still running were killed");
        }
    }

    /** Kills every node at once, without waiting: the JVM is ending. */
    private void killAll() {
        for (ClusterNode node : nodes) {
            Process process = node.process();
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    private void closeLifeline(ClusterNode node) {
        OutputStream lifeline = lifelines.remove(node);
        if (lifeline != null) {
            try {
                lifeline.close();
            } catch (IOException e) {
                // the node has ended
            }
        }
    }
}
