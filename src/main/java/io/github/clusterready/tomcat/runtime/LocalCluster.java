package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.cluster.ClusterConfigWriter;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.Node;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A cluster of real Tomcat nodes on 127.0.0.1, started from one distribution: one {@code CATALINA_BASE} per node
 * under the run directory, each with the {@code server.xml} that {@code cluster-config} writes for it (static
 * membership among the nodes, free ports), the project's WAR and the probe. Node 1 starts first and the others once
 * it serves, as nodes join a running cluster. Each node's PID is kept in its base: {@link #stop} ends each by PID,
 * and a later start first ends any node a dead build left behind. The nodes also end by themselves when the JVM
 * that started them ends, since the probe watches their standard input.
 */
public final class LocalCluster {
    /** The clusters this JVM started and has not stopped, by run directory: start and stop are two Mojos. */
    private static final Map<Path, LocalCluster> RUNNING = new ConcurrentHashMap<>();
    private static final Duration MEMBERSHIP = Duration.ofSeconds(30);
    private static final long STOP_MILLIS = 30_000;

    private final Path directory;
    private final List<ClusterNode> nodes;
    private final ClusterSettings settings;
    /** The pipes to each node's standard input, held open while the nodes run. */
    private final List<OutputStream> lifelines = new ArrayList<>();

    private LocalCluster(Path directory, List<ClusterNode> nodes, ClusterSettings settings) {
        this.directory = directory;
        this.nodes = Collections.unmodifiableList(nodes);
        this.settings = settings;
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
    }

    /** The cluster this JVM started in {@code directory}, if it still runs. */
    public static Optional<LocalCluster> running(Path directory) {
        return Optional.ofNullable(RUNNING.get(directory.toAbsolutePath().normalize()));
    }

    public List<ClusterNode> nodes() {
        return nodes;
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** A node that has ended although nobody stopped it, if any. */
    public Optional<ClusterNode> ended() {
        for (ClusterNode node : nodes) {
            if (node.process() != null && !node.process().isAlive()) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    /**
     * Ends what an earlier run in {@code directory} left running (a build that died between start and stop), by
     * the PIDs it wrote, when the process still has that node's base on its command line.
     *
     * @return the names of the nodes ended
     */
    public static List<String> endLeftovers(Path directory) throws IOException, InterruptedException {
        List<String> ended = new ArrayList<>();
        Path nodesDirectory = directory.resolve("nodes");
        if (!Files.isDirectory(nodesDirectory)) {
            return ended;
        }
        try (DirectoryStream<Path> bases = Files.newDirectoryStream(nodesDirectory)) {
            for (Path base : bases) {
                Path pidFile = base.resolve("pid");
                if (!Files.isRegularFile(pidFile)) {
                    continue;
                }
                String text = new String(Files.readAllBytes(pidFile), StandardCharsets.US_ASCII).trim();
                if (text.matches("\\d{1,19}")) {
                    long pid = Long.parseLong(text);
                    Optional<String> command = Processes.commandLine(pid);
                    if (command.isPresent() && command.get().contains("-Dcatalina.base=" + base.toAbsolutePath())) {
                        Processes.terminate(pid, STOP_MILLIS);
                        ended.add(base.getFileName().toString());
                    }
                }
                Files.delete(pidFile);
            }
        }
        return ended;
    }

    /** Lays out and starts the nodes; on any failure stops those already started. */
    public static LocalCluster start(Options options, Consumer<String> log)
            throws IOException, RuntimeClusterException, InterruptedException {
        Path directory = options.directory.toAbsolutePath().normalize();
        LocalCluster previous = RUNNING.get(directory);
        if (previous != null) {
            previous.stop();
        }
        for (String node : endLeftovers(directory)) {
            log.accept("Stopped " + node + ", left running in " + directory + " by an earlier build");
        }
        TomcatDistribution.deleteTree(directory.resolve("nodes"));
        TomcatDistribution.deleteTree(directory.resolve("config"));

        List<ClusterNode> nodes = new ArrayList<>();
        int[][] ports = freePorts(options.nodeNames.size());
        ClusterSettings.Builder builder = options.settings.membership(Membership.STATIC);
        for (int i = 0; i < options.nodeNames.size(); i++) {
            String name = options.nodeNames.get(i);
            // each node's base server.xml ports move up by PORT_SHIFT per node before it on the host
            int shift = i * ClusterConfigWriter.PORT_SHIFT;
            nodes.add(new ClusterNode(name, directory.resolve("nodes").resolve(name), ports[0][1] + shift,
                    options.contextPath));
            builder.node(new Node(name, "127.0.0.1", ports[1][i], "127.0.0.1", null));
        }
        if (options.probe) {
            Manager manager = builder.build().manager();
            builder.managerClassName(manager == Manager.BACKUP ? ProbeJar.BACKUP_MANAGER : ProbeJar.DELTA_MANAGER);
        }
        ClusterSettings settings = builder.build();

        Path config = directory.resolve("config");
        Path baseServerXml = config.resolve("base-server.xml");
        Files.createDirectories(config);
        Files.write(baseServerXml, baseServerXml(ports[0][0], ports[0][1], options.probe)
                .getBytes(StandardCharsets.UTF_8));
        try {
            new ClusterConfigWriter().write(settings, config, baseServerXml, baseServerXml.toString());
        } catch (ClusterConfigException e) {
            throw new RuntimeClusterException(e.getMessage(), e);
        }
        Path probeJar = config.resolve("tomcat-cluster-probe.jar");
        ProbeJar.write(probeJar);

        LocalCluster cluster = new LocalCluster(directory, nodes, settings);
        RUNNING.put(directory, cluster);
        boolean started = false;
        try {
            for (ClusterNode node : nodes) {
                layOut(options, node, config.resolve("nodes").resolve(node.name()).resolve("server.xml"), probeJar);
                cluster.launch(options, node);
                awaitServing(node, options.startTimeout);
                log.accept(node.name() + " serves " + node.url() + " (log: " + node.log() + ")");
            }
            for (ClusterNode node : nodes) {
                awaitLine(node, "member added", MEMBERSHIP);
            }
            started = true;
            return cluster;
        } finally {
            if (!started) {
                cluster.stop();
            }
        }
    }

    private static String baseServerXml(int shutdownPort, int httpPort, boolean probe) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- written by tomcat-cluster-maven-plugin for a local test cluster; not for production -->\n"
                + "<Server port=\"" + shutdownPort + "\" address=\"127.0.0.1\" shutdown=\"SHUTDOWN\">\n"
                + "  <Listener className=\"" + ProbeJar.NODE_WATCH + "\"/>\n"
                + "  <Service name=\"Catalina\">\n"
                + "    <Connector port=\"" + httpPort + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\""
                + " connectionTimeout=\"20000\"/>\n"
                + "    <Engine name=\"Catalina\" defaultHost=\"localhost\">\n"
                + (probe ? "      <Valve className=\"" + ProbeJar.VALVE + "\"/>\n" : "")
                + "      <Host name=\"localhost\" appBase=\"webapps\" unpackWARs=\"true\" autoDeploy=\"false\"/>\n"
                + "    </Engine>\n"
                + "  </Service>\n"
                + "</Server>\n";
    }

    private static void layOut(Options options, ClusterNode node, Path serverXml, Path probeJar) throws IOException {
        Path base = node.base();
        for (String dir : new String[] {"conf", "logs", "temp", "work", "webapps", "lib", "probe"}) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> conf = Files.list(options.home.resolve("conf"))) {
            for (Path file : (Iterable<Path>) conf.filter(Files::isRegularFile)::iterator) {
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(serverXml, base.resolve("conf/server.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(probeJar, base.resolve("lib").resolve(probeJar.getFileName()));
        Files.copy(options.war, base.resolve("webapps").resolve(warName(options.contextPath)));
    }

    /**
     * The context path Tomcat gives a WAR it finds in {@code webapps} under {@code warFileName}: {@code /shop} for
     * {@code shop.war}, {@code /} for {@code ROOT.war}, {@code /a/b} for {@code a#b.war}, and {@code /shop} for
     * {@code shop##2.war} (a version of it), as Tomcat's {@code ContextName} has it.
     */
    public static String contextPathOf(String warFileName) {
        String name = warFileName.toLowerCase(Locale.ENGLISH).endsWith(".war")
                ? warFileName.substring(0, warFileName.length() - 4) : warFileName;
        int version = name.indexOf("##");
        String base = version < 0 ? name : name.substring(0, version);
        return base.equals("ROOT") ? "/" : "/" + base.replace('#', '/');
    }

    /** {@code ROOT.war} for {@code /}, {@code shop.war} for {@code /shop}, {@code a#b.war} for {@code /a/b}. */
    static String warName(String contextPath) {
        return contextPath.equals("/") || contextPath.isEmpty() ? "ROOT.war"
                : contextPath.substring(1).replace('/', '#') + ".war";
    }

    private void launch(Options options, ClusterNode node) throws IOException {
        Path home = options.home;
        Path base = node.base();
        List<String> command = new ArrayList<>();
        command.add(options.java.toString());
        command.addAll(options.jvmArguments);
        command.add("-Dcatalina.home=" + home);
        command.add("-Dcatalina.base=" + base);
        command.add("-Djava.io.tmpdir=" + base.resolve("temp"));
        command.add("-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager");
        command.add("-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"));
        // the path to the offending field in NotSerializableException's message, which the probe reports
        command.add("-Dsun.io.serialization.extendedDebugInfo=true");
        command.add("-Dtomcat-cluster.probe.watchStandardInput=true");
        // Tomcat's messages, which the plugin reads, in English
        command.add("-Duser.language=en");
        command.add("-Duser.country=US");
        command.add("-cp");
        command.add(home.resolve("bin/bootstrap.jar") + File.pathSeparator + home.resolve("bin/tomcat-juli.jar"));
        command.add("org.apache.catalina.startup.Bootstrap");
        command.add("start");
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(node.log().toFile());
        Process process = builder.start();
        long pid = Processes.pid(process);
        node.started(process, pid);
        lifelines.add(process.getOutputStream());
        Files.write(node.pidFile(), Long.toString(pid).getBytes(StandardCharsets.US_ASCII));
    }

    /** Until the probe says the server has started, with the webapp available. */
    private static void awaitServing(ClusterNode node, Duration timeout)
            throws IOException, RuntimeClusterException, InterruptedException {
        Path started = node.probeDirectory().resolve("started");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(started)) {
            if (!node.process().isAlive()) {
                throw new RuntimeClusterException(node.name() + " ended while starting (exit code "
                        + node.process().exitValue() + "); its log " + node.log() + " ends with:\n" + tail(node.log()));
            }
            if (System.nanoTime() > deadline) {
                throw new RuntimeClusterException(node.name() + " did not start within " + timeout.getSeconds()
                        + " s (<startTimeout>); its log " + node.log() + " ends with:\n" + tail(node.log()));
            }
            Thread.sleep(100);
        }
        for (String line : Files.readAllLines(started, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", -1);
            if (fields.length >= 2 && !fields[1].equals("available")) {
                throw new RuntimeClusterException("the webapp " + fields[0] + " failed to start on " + node.name()
                        + "; its log " + node.log() + " ends with:\n" + tail(node.log()));
            }
            if (fields.length >= 3 && fields[2].equals("not-distributable")) {
                // Tomcat's own verdict after merging web.xml and the web fragments: nothing would replicate
                throw new RuntimeClusterException("Tomcat does not replicate the sessions of the webapp " + fields[0]
                        + " on " + node.name() + ": after merging web.xml and the libraries' web-fragment.xml files "
                        + "it is not distributable. Run the distributable goal before this one (and verify, which "
                        + "names a fragment that turns replication off)");
            }
        }
    }

    private static void awaitLine(ClusterNode node, String text, Duration timeout)
            throws IOException, RuntimeClusterException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (new String(Files.readAllBytes(node.log()), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                    .contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new RuntimeClusterException(node.name() + " found no other member within " + timeout.getSeconds()
                + " s; its log " + node.log() + " ends with:\n" + tail(node.log()));
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }

    /**
     * Asks every running node for a snapshot of its sessions; a node that does not answer within the time is
     * left out.
     */
    public Map<String, Path> snapshots(String token, Duration timeout) throws IOException, InterruptedException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (ClusterNode node : nodes) {
            if (node.process() != null && node.process().isAlive()) {
                Files.write(node.probeDirectory().resolve("snapshot.request"),
                        token.getBytes(StandardCharsets.US_ASCII));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ClusterNode node : nodes) {
            Path file = node.probeDirectory().resolve("snapshot-" + token + ".txt");
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
     * for each to end.
     */
    public void stop() throws InterruptedException {
        RUNNING.remove(directory, this);
        boolean interrupted = false;
        for (ClusterNode node : nodes) {
            if (node.process() != null) {
                node.process().destroy();
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
        }
        for (OutputStream lifeline : lifelines) {
            try {
                lifeline.close();
            } catch (IOException e) {
                // the node has ended
            }
        }
        if (interrupted) {
            throw new InterruptedException("interrupted while stopping the nodes; those still running were killed");
        }
    }

    /**
     * For {@code count} nodes: {@code [0]} a shutdown and an HTTP port that are free together with the ports
     * {@code PORT_SHIFT}, {@code 2 × PORT_SHIFT}, … above (where the other nodes' base server.xml ports move), and
     * {@code [1]} one free receiver port per node.
     */
    static int[][] freePorts(int count) throws IOException, RuntimeClusterException {
        int[] base = new int[2];
        for (int i = 0; i < base.length; i++) {
            for (int attempt = 0; base[i] == 0 && attempt < 100; attempt++) {
                int candidate = anyFreePort();
                boolean all = candidate + (count - 1) * ClusterConfigWriter.PORT_SHIFT < 65536
                        && candidate != base[0];
                for (int n = 1; all && n < count; n++) {
                    all = free(candidate + n * ClusterConfigWriter.PORT_SHIFT);
                }
                if (all) {
                    base[i] = candidate;
                }
            }
            if (base[i] == 0) {
                throw new RuntimeClusterException("found no free ports on 127.0.0.1 for " + count + " nodes");
            }
        }
        int[] receivers = new int[count];
        for (int n = 0; n < count; n++) {
            int candidate;
            do {
                candidate = anyFreePort();
            } while (contains(receivers, candidate) || isNodePort(candidate, base, count));
            receivers[n] = candidate;
        }
        return new int[][] {base, receivers};
    }

    /** Whether {@code port} is a shutdown or HTTP port of one of the nodes. */
    private static boolean isNodePort(int port, int[] base, int count) {
        for (int n = 0; n < count; n++) {
            int shift = n * ClusterConfigWriter.PORT_SHIFT;
            if (port == base[0] + shift || port == base[1] + shift) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static int anyFreePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
