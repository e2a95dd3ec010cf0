package io.github.clusterready.tomcat.cluster;

import java.util.Objects;

/** One Tomcat of the cluster: its name (also its {@code jvmRoute}), its host and its receiver port. */
public final class Node {
    private final String name;
    private final String host;
    private final int port;
    private final String address;
    private final String jvmRoute;

    /**
     * @param address the receiver's bind address, or null for the cluster's receiver address
     * @param jvmRoute the Engine's {@code jvmRoute}, or null for the name
     */
    public Node(String name, String host, int port, String address, String jvmRoute) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.address = address;
        this.jvmRoute = jvmRoute;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof Node && ((Node) other).name.equals(name) && ((Node) other).host.equals(host)
                && ((Node) other).port == port && Objects.equals(((Node) other).address, address)
                && Objects.equals(((Node) other).jvmRoute, jvmRoute);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, host, port, address, jvmRoute);
    }

    @Override
    public String toString() {
        return name + " (" + host + ":" + port + ")";
    }
}
