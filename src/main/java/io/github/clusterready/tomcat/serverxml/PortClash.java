package io.github.clusterready.tomcat.serverxml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Nodes on one host that want the same port: the shutdown port of {@code <Server>}, a {@code <Connector>}'s port, or
 * a Receiver's. A node's host is known from its Receiver's address (the same address, or both loopback); nodes
 * whose receivers bind {@code auto} are not compared. The second node cannot bind a Server or Connector port (its
 * connector does not start, or it cannot be shut down); a Receiver with {@code autoBind} takes the next free port,
 * where the other nodes' static members do not look for it.
 */
final class PortClash extends Rule {
    /** NioReceiver's default: the ports tried from {@code port} on. */
    private static final int AUTO_BIND = 100;

    PortClash() {
        super("port-clash",
                "config/server.html (Server: port); config/http.html (Connector: port, address); "
                        + "config/cluster-receiver.html (NioReceiver: address, port, autoBind, default 100)");
    }

    /** A port a node binds, and where its file says so. */
    private static final class Bound {
        final NodeConfig node;
        final XmlNode element;
        final int port;
        final boolean receiver;
        final int range;

        Bound(NodeConfig node, XmlNode element, int port, boolean receiver, int range) {
            this.node = node;
            this.element = element;
            this.port = port;
            this.receiver = receiver;
            this.range = range;
        }

        /**
         * Whether both want one port first: a receiver binds its own port when it is free, whatever the ranges
         * (only one that finds its port taken moves on).
         */
        boolean clashes(Bound other) {
            return port == other.port;
        }
    }

    @Override
    void checkAcross(List<NodeConfig> nodes, Findings findings) {
        List<String> hosts = new ArrayList<>();
        List<List<Bound>> bound = new ArrayList<>();
        for (NodeConfig node : nodes) {
            hosts.add(host(node));
            bound.add(ports(node));
        }
        for (int j = 1; j < nodes.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (hosts.get(j) == null || !hosts.get(j).equals(hosts.get(i))) {
                    continue;
                }
                for (Bound later : bound.get(j)) {
                    for (Bound earlier : bound.get(i)) {
                        if (later.clashes(earlier)) {
                            report(findings, later, earlier, hosts.get(j));
                        }
                    }
                }
            }
        }
    }

    private void report(Findings findings, Bound later, Bound earlier, String host) {
        boolean shifts = later.receiver && earlier.receiver && later.range > 1;
        String what = "port " + later.port + " of " + later.node.name + "'s <" + later.element.name + "> is also "
                + earlier.node.name + "'s <" + earlier.element.name + "> port, on the same host (" + host + ")";
        findings.add(later.node, later.element, "port", shifts ? Severity.FRAGILE : Severity.BREAKS_CLUSTER, this,
                what, shifts ? "the node that starts second binds the next free port of its range, where the "
                        + "others' static members do not look for it, and which node has which port depends on "
                        + "which started first" : "whichever node starts second cannot bind the port: "
                        + (later.element.name.equals("Connector") || earlier.element.name.equals("Connector")
                        ? "its connector does not start and it serves nothing there" : "it fails to start that part"),
                "give each node on this host its own ports", null);
    }

    /** The host the node's receiver binds, {@code loopback} for 127.x and localhost; null when not known. */
    private static String host(NodeConfig node) {
        for (XmlNode cluster : node.clusters()) {
            XmlNode receiver = Clusters.receiver(cluster);
            String address = receiver == null ? null : node.value(receiver, "address");
            if (address == null || Placeholders.unresolved(address) || address.trim().equalsIgnoreCase("auto")) {
                return null;
            }
            return Clusters.loopback(address) ? "loopback" : address.trim().toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private static List<Bound> ports(NodeConfig node) {
        List<Bound> ports = new ArrayList<>();
        add(ports, node, node.file.root, false, 1);
        for (XmlNode service : node.file.root.children("Service")) {
            for (XmlNode connector : service.children("Connector")) {
                add(ports, node, connector, false, 1);
            }
        }
        for (XmlNode cluster : node.clusters()) {
            XmlNode receiver = Clusters.receiver(cluster);
            if (receiver != null) {
                String autoBind = node.value(receiver, "autoBind");
                int range = autoBind != null && autoBind.trim().matches("\\d{1,5}")
                        ? Math.max(1, Integer.parseInt(autoBind.trim())) : AUTO_BIND;
                add(ports, node, receiver, true, range);
            }
        }
        return ports;
    }

    private static void add(List<Bound> ports, NodeConfig node, XmlNode element, boolean receiver, int range) {
        String value = node.value(element, "port");
        if (receiver && value == null) {
            value = "4000";
        }
        if (value != null && value.trim().matches("\\d{1,5}") && Integer.parseInt(value.trim()) > 0) {
            ports.add(new Bound(node, element, Integer.parseInt(value.trim()), receiver, range));
        }
    }
}
