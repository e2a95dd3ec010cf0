package io.github.clusterready.tomcat.cluster;

import io.github.clusterready.tomcat.war.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code cluster-config} goal's work: checks the settings, then writes {@code cluster.xml} (or one per node),
 * the nodes' merged {@code server.xml} when a base one is given, the load balancer's configuration when one is
 * chosen, and {@code INSTALL.md}. All of them are written before any replaces its target; files holding the
 * encryption key are readable by their owner only.
 */
public final class ClusterConfigWriter {
    /** How far the ports of the second, third, … node on one host move up in its server.xml. */
    public static final int PORT_SHIFT = 100;
    /** The HTTP port of Tomcat's own server.xml and its container images, for manifests without a base one. */
    static final int TOMCAT_HTTP_PORT = 8080;

    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PRIVATE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    /** What was written, and the warnings about the configuration. */
    public static final class Result {
        private final List<Path> files;
        private final List<String> warnings;

        Result(List<Path> files, List<String> warnings) {
            this.files = Collections.unmodifiableList(files);
            this.warnings = Collections.unmodifiableList(warnings);
        }

        public List<Path> files() {
            return files;
        }

        /** Legal but risky choices, one sentence each, for the build log. */
        public List<String> warnings() {
            return warnings;
        }

        /**
         * "Wrote the Tomcat 10.1 cluster configuration (DeltaManager, multicast membership, one for all nodes) to
         * target/tomcat-cluster: 2 files, see target/tomcat-cluster/INSTALL.md", for the build log.
         */
        public String summary(ClusterSettings settings, String outputDirectory, String installGuide) {
            String manager = settings.manager().className();
            return "Wrote the Tomcat " + settings.line() + " cluster configuration ("
                    + manager.substring(manager.lastIndexOf('.') + 1) + ", " + settings.membership() + " membership, "
                    + (settings.nodes().isEmpty() ? "one for all nodes" : settings.nodes().size() + " nodes")
                    + (settings.loadBalancer() == null ? "" : ", " + settings.loadBalancer().title())
                    + ") to " + outputDirectory + ": " + files.size() + " files, see " + installGuide;
        }
    }

    /**
     * Checks the settings and writes the files under {@code outputDirectory}.
     *
     * @param serverXml a base {@code server.xml} to merge the Cluster into, or null
     * @param serverXmlName how messages name it
     */
    public Result write(ClusterSettings settings, Path outputDirectory, Path serverXml, String serverXmlName)
            throws ClusterConfigException, IOException {
        return write(settings, outputDirectory, outputDirectory.toString(), serverXml, serverXmlName);
    }

    /**
     * Checks the settings and the base {@code server.xml}, makes every file in memory, checks that each XML file
     * is well-formed, and only then writes them under {@code outputDirectory}: bad input writes nothing.
     *
     * @param outputDirectoryName how messages name {@code outputDirectory}
     * @param serverXml a base {@code server.xml} to merge the Cluster into, or null
     * @param serverXmlName how messages name it
     */
    public Result write(ClusterSettings settings, Path outputDirectory, String outputDirectoryName, Path serverXml,
            String serverXmlName) throws ClusterConfigException, IOException {
        List<String> warnings = ClusterRules.check(settings);
        ServerXmlEditor base = serverXml == null ? null : new ServerXmlEditor(serverXmlName, read(serverXml,
                serverXmlName));
        ClusterXml clusterXml = new ClusterXml(settings);
        Map<Path, byte[]> files = new LinkedHashMap<>();
        Map<Node, Integer> shifts = portShifts(settings.nodes());
        List<NodePorts> ports = new ArrayList<>();
        for (Node node : settings.nodes()) {
            ports.add(NodePorts.of(node, base, shifts.get(node)));
        }
        ClusterRules.checkLoadBalancer(settings, ports, base != null, warnings);
        String container = settings.deployer() ? "<Host>" : "<Engine>";
        if (settings.nodes().isEmpty()) {
            XmlElement cluster = clusterXml.shared();
            files.put(outputDirectory.resolve("cluster.xml"), utf8(header(settings, null, container)
                    + ClusterXml.render(cluster, "")));
            if (base != null) {
                // on Kubernetes every pod runs this one file: the route comes from the pod's name
                String jvmRoute = KubernetesManifests.needed(settings)
                        ? "${" + KubernetesManifests.JVM_ROUTE_PROPERTY + "}" : null;
                files.put(outputDirectory.resolve("server.xml"),
                        base.edit(cluster, jvmRoute, 0, settings.deployer(), "every node"));
            }
        }
        for (Node node : settings.nodes()) {
            Path directory = outputDirectory.resolve("nodes").resolve(node.name());
            XmlElement cluster = clusterXml.of(node);
            files.put(directory.resolve("cluster.xml"), utf8(header(settings, node, container)
                    + ClusterXml.render(cluster, "")));
            if (base != null) {
                files.put(directory.resolve("server.xml"),
                        base.edit(cluster, node.jvmRoute(), shifts.get(node), settings.deployer(), node.name()));
            }
        }
        if (settings.loadBalancer() != null) {
            files.put(outputDirectory.resolve(settings.loadBalancer().file()),
                    utf8(LoadBalancerConfig.text(settings, ports)));
        }
        KubernetesManifests manifests = null;
        if (KubernetesManifests.needed(settings)) {
            manifests = new KubernetesManifests(settings, httpPort(base));
            for (Map.Entry<String, String> manifest : manifests.files().entrySet()) {
                files.put(outputDirectory.resolve(manifest.getKey()), utf8(manifest.getValue()));
            }
        }
        files.put(outputDirectory.resolve("INSTALL.md"), utf8(InstallGuide.text(settings, base != null, shifts,
                ports, manifests)));
        for (Map.Entry<Path, byte[]> file : files.entrySet()) {
            if (file.getKey().getFileName().toString().endsWith(".xml")) {
                wellFormed(file.getKey(), file.getValue());
            }
            checkWritable(outputDirectory, outputDirectoryName, file.getKey());
        }
        writeAll(files, settings.encryptionKey() == null ? PUBLIC : PRIVATE);
        return new Result(new ArrayList<>(files.keySet()), warnings);
    }

    /**
     * Writes every file beside its target first, and only then moves each over its target: the files are one
     * configuration, so a failure on the way (a full disk) leaves all of them, and every directory, as they were,
     * rather than some nodes with new files and others with old ones.
     */
    private static void writeAll(Map<Path, byte[]> files, Set<PosixFilePermission> permissions) throws IOException {
        List<AtomicFile.Pending> written = new ArrayList<>();
        List<Path> madeDirectories = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                madeDirectories.addAll(createDirectories(file.getKey().getParent()));
                // INSTALL.md and the load balancer's file never hold the key
                boolean secret = file.getKey().getFileName().toString().endsWith(".xml");
                written.add(AtomicFile.prepare(file.getKey(), file.getValue(), secret ? permissions : PUBLIC));
            }
            for (AtomicFile.Pending file : written) {
                file.commit();
            }
        } catch (IOException | RuntimeException | Error e) {
            for (AtomicFile.Pending file : written) {
                try {
                    file.close(); // deletes the new file unless it replaced its target
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            Collections.reverse(madeDirectories);
            for (Path directory : madeDirectories) {
                try {
                    Files.deleteIfExists(directory); // empty again: what was written into it is deleted
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /** Creates {@code directory} and those above it that are missing; returns the ones it made, outermost first. */
    private static List<Path> createDirectories(Path directory) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path at = directory; at != null && Files.notExists(at); at = at.getParent()) {
            missing.add(0, at);
        }
        Files.createDirectories(directory);
        return missing;
    }

    private static String header(ClusterSettings settings, Node node, String container) {
        return "<!-- " + XmlText.comment("Written by tomcat-cluster-maven-plugin for Tomcat " + settings.line()
                + (node == null ? "" : " node " + node.name()) + ": put this <Cluster> inside " + container
                + " of conf/server.xml") + " -->\n";
    }

    private static byte[] read(Path serverXml, String name) throws ClusterConfigException {
        if (Files.isDirectory(serverXml)) {
            throw new ClusterConfigException("<serverXml>", name + " is a directory; set it to the server.xml file "
                    + "(e.g. " + name.replaceAll("/+$", "") + "/server.xml)");
        }
        if (!Files.exists(serverXml)) {
            throw new ClusterConfigException("<serverXml>", name + " does not exist");
        }
        try {
            return Files.readAllBytes(serverXml);
        } catch (IOException e) {
            throw new ClusterConfigException("<serverXml>", name + " cannot be read: " + e);
        }
    }

    /** A generated file that is not well-formed is a bug of the plugin, never written. */
    private static void wellFormed(Path file, byte[] bytes) {
        try {
            ServerXmlEditor.parse(file.toString(), bytes);
        } catch (ClusterConfigException e) {
            throw new IllegalStateException("tomcat-cluster-maven-plugin made a file that is not well-formed XML, "
                    + "a bug; nothing was written: " + e.getMessage(), e);
        }
    }

    /** Every directory on the way to {@code file} is one, or can be made, and {@code file} is not a directory. */
    private static void checkWritable(Path outputDirectory, String outputDirectoryName, Path file)
            throws ClusterConfigException {
        if (Files.isDirectory(file)) {
            throw new ClusterConfigException("<outputDirectory>", outputDirectoryName + "/"
                    + outputDirectory.relativize(file).toString().replace('\\', '/') + " is a directory, where the "
                    + "plugin writes a file: delete it, or set <outputDirectory> to another directory");
        }
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                String shown = dir.startsWith(outputDirectory) ? (outputDirectoryName + "/"
                        + outputDirectory.relativize(dir).toString().replace('\\', '/')).replaceAll("/$", "")
                        : dir.toString();
                throw new ClusterConfigException("<outputDirectory>", shown + " is a file, where the plugin needs "
                        + "a directory: delete it, or set <outputDirectory> to a directory");
            }
        }
    }

    /** The port of the base server.xml's first HTTP connector, else Tomcat's (and its images') 8080. */
    private static int httpPort(ServerXmlEditor base) {
        if (base != null) {
            for (NodePorts.Connector connector : base.connectorPorts()) {
                if (connector.kind == NodePorts.Kind.HTTP && connector.port != null
                        && connector.port.trim().matches("\\d{1,5}")) {
                    return Integer.parseInt(connector.port.trim());
                }
            }
        }
        return TOMCAT_HTTP_PORT;
    }

    /** 0 for the first node on a host, {@link #PORT_SHIFT} for the second, and so on. */
    static Map<Node, Integer> portShifts(List<Node> nodes) {
        Map<Node, Integer> shifts = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            int before = 0;
            for (int j = 0; j < i; j++) {
                before += ClusterRules.sameHost(nodes.get(j).host(), nodes.get(i).host()) ? 1 : 0;
            }
            shifts.put(nodes.get(i), before * PORT_SHIFT);
        }
        return shifts;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
