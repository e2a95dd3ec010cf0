package io.github.clusterready.tomcat.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Separate hosts on one machine: a network namespace per host (root, iproute2), each with its own address on one
 * Ethernet segment, a bridge inside a namespace of its own (the "switch"), which also holds the test's DNS server
 * and HTTP client. Each host has its own {@code /etc/hosts} and {@code /etc/resolv.conf} ({@code ip netns exec}
 * mounts {@code /etc/netns/<namespace>/} over {@code /etc}): its resolver asks the DNS server on the switch, and the
 * machine's host name resolves to the host's address, as on a real host or a Kubernetes pod, or, for a host made
 * with {@code loopbackHostName}, to 127.0.0.1, as many distributions' {@code /etc/hosts} have it. Nothing is added
 * to the machine's own network namespace; {@link #close()} deletes every namespace and file it made.
 */
final class HostNetwork implements AutoCloseable {
    /** The segment's first three octets; a namespace of the test's own, so no address of the machine's. */
    static final String SUBNET = "10.77.0.";

    private final String prefix;
    private final NetworkNamespace switchNamespace;
    private final List<Host> hosts = new ArrayList<>();
    private final String hostName;

    /** One host: its namespace and address. */
    static final class Host {
        final String name;
        final String address;
        final NetworkNamespace namespace;

        Host(String name, String address, NetworkNamespace namespace) {
            this.name = name;
            this.address = address;
            this.namespace = namespace;
        }
    }

    private HostNetwork(String prefix, NetworkNamespace switchNamespace, String hostName) {
        this.prefix = prefix;
        this.switchNamespace = switchNamespace;
        this.hostName = hostName;
    }

    /** The switch: a namespace with the bridge, at {@link #switchAddress()}. */
    static HostNetwork create(String prefix) throws IOException, InterruptedException {
        NetworkNamespace sw = NetworkNamespace.create(prefix + "-sw");
        HostNetwork network = new HostNetwork(prefix, sw, InetAddress.getLocalHost().getHostName());
        try {
            NetworkNamespace.run(sw.command("ip", "link", "add", "br0", "type", "bridge"));
            NetworkNamespace.run(sw.command("ip", "addr", "add", network.switchAddress() + "/24", "dev", "br0"));
            NetworkNamespace.run(sw.command("ip", "link", "set", "br0", "up"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /** The switch's own address: the DNS server's and the client's. */
    String switchAddress() {
        return SUBNET + "1";
    }

    NetworkNamespace switchNamespace() {
        return switchNamespace;
    }

    /**
     * A new host at {@code SUBNET + octet}, plugged into the bridge by a veth pair.
     *
     * @param loopbackHostName whether the machine's host name resolves to 127.0.0.1 on it, not its address
     */
    Host add(String name, int octet, boolean loopbackHostName) throws IOException, InterruptedException {
        String address = SUBNET + octet;
        Path etc = etc(prefix + "-" + name);
        Files.createDirectories(etc);
        Files.write(etc.resolve("hosts"), ("127.0.0.1 localhost" + (loopbackHostName ? " " + hostName : "") + "\n"
                + (loopbackHostName ? "" : address + " " + hostName + "\n")).getBytes(StandardCharsets.US_ASCII));
        Files.write(etc.resolve("resolv.conf"), ("nameserver " + switchAddress() + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        NetworkNamespace namespace;
        try {
            namespace = NetworkNamespace.create(prefix + "-" + name);
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteEtc(etc);
            throw e;
        }
        Host host = new Host(name, address, namespace);
        hosts.add(host);
        String port = "p" + octet;
        NetworkNamespace.run(switchNamespace.command("ip", "link", "add", port, "type", "veth", "peer", "name",
                "eth0", "netns", namespace.name()));
        NetworkNamespace.run(switchNamespace.command("ip", "link", "set", port, "master", "br0"));
        NetworkNamespace.run(switchNamespace.command("ip", "link", "set", port, "up"));
        NetworkNamespace.run(namespace.command("ip", "addr", "add", address + "/24", "dev", "eth0"));
        NetworkNamespace.run(namespace.command("ip", "link", "set", "eth0", "up"));
        return host;
    }

    List<Host> hosts() {
        return Collections.unmodifiableList(hosts);
    }

    private static Path etc(String namespace) {
        return Paths.get("/etc/netns", namespace);
    }

    private static void deleteEtc(Path etc) throws IOException {
        Files.deleteIfExists(etc.resolve("hosts"));
        Files.deleteIfExists(etc.resolve("resolv.conf"));
        Files.deleteIfExists(etc);
    }

    /** Deletes every host's namespace (its veth goes with it), the switch, and the files under /etc/netns. */
    @Override
    public void close() throws IOException, InterruptedException {
        Exception failure = null;
        List<Host> all = new ArrayList<>(hosts);
        Collections.reverse(all);
        for (Host host : all) {
            try {
                host.namespace.close();
            } catch (IOException | InterruptedException e) {
                failure = failure == null ? e : failure;
            }
            try {
                deleteEtc(etc(host.namespace.name()));
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        hosts.clear();
        switchNamespace.close();
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure instanceof InterruptedException) {
            throw (InterruptedException) failure;
        }
    }
}
