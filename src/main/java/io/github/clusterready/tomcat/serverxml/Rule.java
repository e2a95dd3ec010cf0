package io.github.clusterready.tomcat.serverxml;

import java.util.List;

/**
 * One check of the configuration. Most look at each {@code <Cluster>} of one node's file; a rule across nodes
 * compares the files of all of them. Each names where its knowledge comes from: a section of Tomcat's
 * documentation or a Tomcat source file.
 */
abstract class Rule {
    private final String name;
    private final String source;

    /**
     * @param name a short name for the finding, e.g. {@code asynchronous-send-options}
     * @param source where the rule's knowledge comes from
     */
    Rule(String name, String source) {
        this.name = name;
        this.source = source;
    }

    /** A short name for the finding, e.g. {@code asynchronous-send-options}. */
    final String name() {
        return name;
    }

    /** Where the rule's knowledge comes from. */
    final String source() {
        return source;
    }

    /** Checks one node's file: unless a rule looks at the file as a whole, each of its {@code <Cluster>}s. */
    void check(NodeConfig node, Findings findings) {
        for (XmlNode cluster : node.clusters()) {
            checkCluster(node, cluster, findings);
        }
    }

    /** Checks one {@code <Cluster>} of a node's file, in the file's order. */
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
    }

    /** Checks what all nodes must agree on; called once with every node, also a single one. */
    void checkAcross(List<NodeConfig> nodes, Findings findings) {
    }
}
