package io.github.clusterready.tomcat.maven;

/** A {@code <node>} of the {@code cluster-config} goal's {@code <nodes>}: Maven fills its fields. */
public final class Node {
    /** The node's name; directory name under {@code nodes/} and, by default, its {@code jvmRoute}. */
    String name;
    /** Where the other nodes reach this node. */
    String host;
    /** The receiver port; by default the cluster's receiver port. */
    Integer port;
    /** The receiver's bind address; by default the host for static membership, else the cluster's. */
    String address;
    /** The Engine's {@code jvmRoute}; by default the name. */
    String jvmRoute;
    /**
     * The HTTP port the load balancer sends to; by default the HTTP connector port of the node's server.xml (the
     * base {@code <serverXml>}'s, moved up with the node's other ports).
     */
    Integer httpPort;
}
