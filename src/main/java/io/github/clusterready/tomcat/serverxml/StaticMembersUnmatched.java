package io.github.clusterready.tomcat.serverxml;

import java.util.ArrayList;
import java.util.List;

/**
 * Static members that are not where the nodes receive: a {@code <Member>} whose host and port are no node's
 * Receiver, or a node no other node lists. Static membership never looks for members: a node reaches exactly
 * the members its file lists, at exactly those ports.
 */
final class StaticMembersUnmatched extends Rule {
    /** {@code NioReceiver}'s default port. */
    private static final String RECEIVER_PORT = "4000";

    StaticMembersUnmatched() {
        super("static-members-unmatched",
                "config/cluster-interceptor.html (StaticMembershipInterceptor: Member host, port); "
                        + "config/cluster-membership.html (StaticMembershipService, 9.0 and later); "
                        + "config/cluster-receiver.html (NioReceiver: address, port 4000)");
    }

    /** A node's receiver as its file says: address (null for auto or unknown) and port. */
    private static final class Receiver {
        final NodeConfig node;
        final String address;
        final String port;

        Receiver(NodeConfig node, String address, String port) {
            this.node = node;
            this.address = address;
            this.port = port;
        }

        boolean is(String host, String memberPort) {
            return port.equals(memberPort) && (address == null || address.equalsIgnoreCase(host));
        }

        @Override
        public String toString() {
            return node.name + " " + (address == null ? "(its address)" : address) + ":" + port;
        }
    }

    @Override
    void checkAcross(List<NodeConfig> nodes, Findings findings) {
        if (nodes.size() < 2) {
            return;
        }
        List<Receiver> receivers = new ArrayList<>();
        for (NodeConfig node : nodes) {
            Receiver receiver = receiver(node);
            if (receiver == null) {
                return; // a node without a Cluster, or with a port nothing gives: nothing to compare with
            }
            receivers.add(receiver);
        }
        for (NodeConfig node : nodes) {
            XmlNode cluster = node.clusters().get(0);
            List<XmlNode> members = Clusters.staticMembers(cluster);
            if (members.isEmpty()) {
                continue;
            }
            List<Receiver> listed = new ArrayList<>();
            for (XmlNode member : members) {
                String host = node.value(member, "host");
                String port = node.value(member, "port");
                if (!findings.checkable(node, member, "host", this) || !findings.checkable(node, member, "port", this)
                        || host == null || port == null) {
                    return;
                }
                Receiver match = null;
                for (Receiver receiver : receivers) {
                    match = match == null && receiver.is(host.trim(), port.trim()) ? receiver : match;
                }
                if (match == null) {
                    findings.add(node, member, "port", Severity.BREAKS_CLUSTER, this, "the <Member> "
                                    + host.trim() + ":" + port.trim() + " is no node's Receiver (" + receivers + ")",
                            "the node sends to a port where no node of this cluster listens; that member never "
                                    + "answers and is never part of the cluster",
                            "list each other node at its Receiver's address and port", null);
                } else {
                    listed.add(match);
                }
            }
            for (Receiver receiver : receivers) {
                if (receiver.node != node && !listed.contains(receiver)) {
                    findings.add(node, Clusters.interceptor(cluster, "StaticMembershipInterceptor") != null
                                    ? Clusters.interceptor(cluster, "StaticMembershipInterceptor")
                                    : Clusters.membership(cluster), null, Severity.BREAKS_CLUSTER, this,
                            node.name + "'s static members do not list " + receiver,
                            node.name + " never learns of " + receiver.node.name + ": sessions changed on one never "
                                    + "reach the other",
                            "add <Member host=\"…\" port=\"" + receiver.port + "\"/> for " + receiver.node.name,
                            null);
                }
            }
        }
    }

    private static Receiver receiver(NodeConfig node) {
        if (node.clusters().isEmpty()) {
            return null;
        }
        XmlNode receiver = Clusters.receiver(node.clusters().get(0));
        String address = receiver == null ? null : node.value(receiver, "address");
        String port = receiver == null ? null : node.value(receiver, "port");
        if (address != null && (Placeholders.unresolved(address) || address.trim().equalsIgnoreCase("auto"))) {
            address = null;
        }
        if (port != null && Placeholders.unresolved(port)) {
            return null;
        }
        return new Receiver(node, address == null ? null : address.trim(), port == null ? RECEIVER_PORT
                : port.trim());
    }
}
