package io.github.clusterready.tomcat.serverxml;

import java.util.List;

/**
 * A Receiver bound to {@code localhost} or a 127.x address while members live elsewhere (a static member on
 * another host, or another node's receiver at another address): the receiver accepts connections from this
 * machine only, and the node advertises a loopback address the others cannot reach.
 */
final class LoopbackReceiver extends Rule {
    LoopbackReceiver() {
        super("loopback-receiver",
                "config/cluster-receiver.html (NioReceiver: address, the interface it binds and advertises); "
                        + "McastService.java (the member's host is the receiver's address)");
    }

    @Override
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
        String elsewhere = null;
        for (XmlNode member : Clusters.staticMembers(cluster)) {
            String host = node.value(member, "host");
            if (host != null && !Clusters.loopback(host) && !Placeholders.unresolved(host)) {
                elsewhere = "the static member " + host.trim();
            }
        }
        judge(node, findings, cluster, elsewhere);
    }

    @Override
    void checkAcross(List<NodeConfig> nodes, Findings findings) {
        for (NodeConfig node : nodes) {
            for (XmlNode cluster : node.clusters()) {
                if (!Clusters.staticMembers(cluster).isEmpty()) {
                    continue; // judged by the node's own members
                }
                String elsewhere = null;
                for (NodeConfig other : nodes) {
                    String address = other == node ? null : address(other);
                    if (address != null && !Clusters.loopback(address) && !address.equalsIgnoreCase("auto")) {
                        elsewhere = other.name + "'s receiver at " + address;
                    }
                }
                judge(node, findings, cluster, elsewhere);
            }
        }
    }

    private static String address(NodeConfig node) {
        for (XmlNode cluster : node.clusters()) {
            XmlNode receiver = Clusters.receiver(cluster);
            String address = receiver == null ? null : node.value(receiver, "address");
            if (address != null && !Placeholders.unresolved(address)) {
                return address.trim();
            }
        }
        return null;
    }

    private void judge(NodeConfig node, Findings findings, XmlNode cluster, String elsewhere) {
        XmlNode receiver = Clusters.receiver(cluster);
        if (elsewhere == null || receiver == null || !findings.checkable(node, receiver, "address", this)) {
            return;
        }
        String address = node.value(receiver, "address");
        if (address == null || !Clusters.loopback(address)) {
            return;
        }
        findings.add(node, receiver, "address", Severity.BREAKS_CLUSTER, this, "the Receiver binds " + address.trim()
                        + ", and " + elsewhere + " is on another host",
                "the receiver accepts connections from this machine only and the node advertises a loopback "
                        + "address: the other hosts' nodes never reach it",
                "set address to this node's IP address on the cluster's network (the one the other nodes list)",
                null);
    }
}
