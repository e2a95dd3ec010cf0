package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One node's server.xml with what the checker knows about the node: its name, its Tomcat line (given, read from
 * its installation, or unknown), and the system properties its {@code ${…}} placeholders are replaced from.
 */
final class NodeConfig {
    final String name;
    final ServerXmlFile file;
    /** The node's Tomcat line, or null when neither given nor found. */
    final TomcatLine line;
    /** Where {@link #line} comes from, for the report, e.g. {@code given} or {@code lib/catalina.jar}. */
    final String lineSource;
    private final Map<String, String> properties;

    NodeConfig(String name, ServerXmlFile file, TomcatLine line, String lineSource, Map<String, String> properties) {
        this.name = name;
        this.file = file;
        this.line = line;
        this.lineSource = lineSource;
        this.properties = properties;
    }

    /** The attribute's value as Tomcat sees it, placeholders replaced where a property gives them; or null. */
    String value(XmlNode element, String attribute) {
        return Placeholders.resolve(element.raw(attribute), properties, line);
    }

    /** A system property as the node's JVM would have it (given to the checker), or null. */
    String property(String name) {
        return properties.get(name);
    }

    /** Whether the attribute's value is known: absent, or with every placeholder replaced. */
    boolean known(XmlNode element, String attribute) {
        return !Placeholders.unresolved(value(element, attribute));
    }

    /** The {@code <Engine>} of the first {@code <Service>}, or null. */
    XmlNode engine() {
        for (XmlNode service : file.root.children("Service")) {
            for (XmlNode engine : service.children("Engine")) {
                return engine;
            }
        }
        return null;
    }

    /**
     * Every {@code <Cluster>} at the Engine or a Host, in the file's order; the root of a {@code cluster.xml} (the
     * plugin's output without a base server.xml) is the one Cluster of its file.
     */
    List<XmlNode> clusters() {
        List<XmlNode> clusters = new ArrayList<>();
        if (file.root.name.equals("Cluster")) {
            clusters.add(file.root);
        }
        for (XmlNode service : file.root.children("Service")) {
            for (XmlNode engine : service.children("Engine")) {
                clusters.addAll(engine.children("Cluster"));
                for (XmlNode host : engine.children("Host")) {
                    clusters.addAll(host.children("Cluster"));
                }
            }
        }
        return Collections.unmodifiableList(clusters);
    }

    /** The lines whose rules apply: the node's, or every line when it is unknown. */
    List<TomcatLine> lines() {
        List<TomcatLine> lines = new ArrayList<>();
        if (line != null) {
            lines.add(line);
        } else {
            Collections.addAll(lines, TomcatLine.values());
        }
        return lines;
    }

    @Override
    public String toString() {
        return name;
    }
}
