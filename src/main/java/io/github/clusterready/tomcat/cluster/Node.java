package io.github.clusterready.tomcat.cluster;

import java.util.Objects;

/**
 * One Tomcat of the cluster: its name (also its {@code jvmRoute}), its host, its receiver port, and the HTTP port
 * a load balancer sends its requests to.
 */
public final class Node {
    private final String name;
    private final String host;
    private final int port;
    private final String address;
    private final String jvmRoute;
    private final Integer httpPort;

    /**
     * @param address the receiver's bind address, or null for the cluster's receiver address
     * @param jvmRoute the Engine's {@code jvmRoute}, or null for the name
     */
    public Node(String name, String host, int port, String address, String jvmRoute) {
        this(name, host, port, address, jvmRoute, null);
    }

    /**
     * @param address the receiver's bind address, or null for the cluster's receiver address
     * @param jvmRoute the Engine's {@code jvmRoute}, or null for the name
     * @param httpPort the HTTP port the load balancer sends to, or null for the one of the node's server.xml
     */
    public Node(String name, String host, int port, String address, String jvmRoute, Integer httpPort) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.address = address;
        this.jvmRoute = jvmRoute;
        this.httpPort = httpPort;
    }

    public String name() {
        return name;
    }

    /** Where the other nodes reach this one. */
    public String host() {
        return host;
    }

    /** The receiver port. */
    public int port() {
        return port;
    }

    /** The receiver's bind address as configured for this node, or null. */
    public String address() {
        return address;
    }

    /** The Engine's {@code jvmRoute}: the configured one, else the name. */
    public String jvmRoute() {
        return jvmRoute == null || jvmRoute.isEmpty() ? name : jvmRoute;
    }

    /** The HTTP port as configured for this node, or null: then the one of its server.xml, if known. */
    public Integer httpPort() {
        return httpPort;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Node && ((Node) other).name.equals(name) && ((Node) other).host.equals(host)
                && ((Node) other).port == port && Objects.equals(((Node) other).address, address)
                && Objects.equals(((Node) other).jvmRoute, jvmRoute)
                && Objects.equals(((Node) other).httpPort, httpPort);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, host, port, address, jvmRoute, httpPort);
    }

    @Override
    public String toString() {
        return name + " (" + host + ":" + port + ")";
    }
}
