package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks hand-written Tomcat cluster configurations: one server.xml per node, each against the rules for its
 * Tomcat line, then all of them against what the nodes must agree on. Reads the files; writes nothing.
 */
public final class ServerXmlCheck {
    private final TomcatLine line;
    private final Map<String, String> properties;

    /**
     * @param line the nodes' Tomcat line, or null to read it from each node's installation (else unknown)
     * @param properties the system properties the nodes' JVMs get, for {@code ${…}} in the files
     */
    public ServerXmlCheck(TomcatLine line, Map<String, String> properties) {
        this.line = line;
        this.properties = new LinkedHashMap<>(properties);
    }

    /** The number of rules the checker runs. */
    public static int ruleCount() {
        return Rules.ALL.size();
    }

    /** The rules' names and sources, for the docs. */
    public static Map<String, String> sources() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Rule rule : Rules.ALL) {
            map.put(rule.name(), rule.source());
        }
        return map;
    }

    /**
     * Checks the nodes' files.
     *
     * @param inputs files or directories, one per node (or the plugin's output directory)
     * @param shown how a path appears in messages
     */
    public Checked check(List<Path> inputs, Function<Path, String> shown) throws ServerXmlException, IOException {
        List<NodeConfig> nodes = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (NodeFiles.Found found : NodeFiles.find(inputs, shown)) {
            String fileShown = shown.apply(found.file);
            long size = Files.size(found.file);
            if (size > ServerXmlReader.MAX_BYTES) {
                throw ServerXmlReader.tooLarge(fileShown, size);
            }
            ServerXmlFile file = ServerXmlReader.read(fileShown, Files.readAllBytes(found.file));
            TomcatLine nodeLine = line;
            String lineSource = "given";
            if (nodeLine == null) {
                nodeLine = NodeFiles.lineOf(found.home);
                lineSource = nodeLine == null ? null : "from lib/catalina.jar";
            }
            Map<String, String> nodeProperties = new LinkedHashMap<>();
            if (found.home != null) {
                nodeProperties.put("catalina.base", found.home.toAbsolutePath().toString());
                nodeProperties.put("catalina.home", found.home.toAbsolutePath().toString());
            }
            nodeProperties.putAll(properties);
            nodeProperties.putAll(NodeFiles.catalinaProperties(found.home));
            nodes.add(new NodeConfig(found.name, file, nodeLine, lineSource, nodeProperties));
            described.add(found.name + ": " + fileShown + ", Tomcat " + (nodeLine == null ? "line unknown (checked "
                    + "against 8.5, 9.0, 10.1, 11.0)" : nodeLine + " " + lineSource));
        }
        Findings findings = new Findings();
        int clusters = 0;
        for (NodeConfig node : nodes) {
            clusters += node.clusters().size();
            for (Rule rule : Rules.ALL) {
                rule.check(node, findings);
            }
        }
        for (Rule rule : Rules.ALL) {
            rule.checkAcross(nodes, findings);
        }
        List<Finding> sorted = new ArrayList<>(findings.all());
        sorted.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
                .thenComparingInt(Finding::column));
        return new Checked(new CheckReport(described, Rules.ALL.size(), clusters, sorted, findings.unchecked()),
                nodes);
    }

    /** The report, and the files it speaks of (for the fixed copies). */
    public static final class Checked {
        private final CheckReport report;
        final List<NodeConfig> nodes;

        Checked(CheckReport report, List<NodeConfig> nodes) {
            this.report = report;
            this.nodes = nodes;
        }

        public CheckReport report() {
            return report;
        }
    }
}
