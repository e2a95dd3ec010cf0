package io.github.clusterready.tomcat.serverxml;

import java.util.List;

/**
 * One check of the configuration. Most look at one node's file; a rule across nodes compares the files of all of
 * them. Each names where its knowledge comes from: a section of Tomcat's documentation or a Tomcat source file.
 */
interface Rule {
    /** A short name for the finding, e.g. {@code asynchronous-send-options}. */
    String name();

    /** Where the rule's knowledge comes from. */
    String source();

    /** Checks one node's file. */
    default void check(NodeConfig node, Findings findings) {
    }

    /** Checks what all nodes must agree on; called once with every node, also a single one. */
    default void checkAcross(List<NodeConfig> nodes, Findings findings) {
    }
}
