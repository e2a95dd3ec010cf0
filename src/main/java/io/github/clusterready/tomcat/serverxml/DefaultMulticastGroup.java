package io.github.clusterready.tomcat.serverxml;

/**
 * Multicast membership on Tomcat's default group 228.0.0.4:45564: every cluster that kept the example's values on
 * the same network joins every other one, and sessions of unrelated applications travel between them.
 */
final class DefaultMulticastGroup extends Rule {
    static final String ADDRESS = "228.0.0.4";
    static final String PORT = "45564";

    DefaultMulticastGroup() {
        super("default-multicast-group",
                "config/cluster-membership.html (McastService: address 228.0.0.4, port 45564); McastService.java");
    }

    @Override
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
        if (!Clusters.multicast(cluster) || MembershipSwitchedOff.switchedOff(node, cluster)) {
            return;
        }
        XmlNode membership = Clusters.membership(cluster);
        XmlNode at = membership != null ? membership : Clusters.channel(cluster) != null
                ? Clusters.channel(cluster) : cluster;
        String address = membership == null ? null : node.value(membership, "address");
        String port = membership == null ? null : node.value(membership, "port");
        if (membership != null && (!findings.checkable(node, membership, "address", this)
                || !findings.checkable(node, membership, "port", this))) {
            return;
        }
        boolean defaultAddress = address == null || address.trim().equals(ADDRESS);
        boolean defaultPort = port == null || port.trim().equals(PORT);
        if (defaultAddress && defaultPort) {
            findings.add(node, at, membership != null && address != null ? "address" : null, Severity.FRAGILE,
                    this, "multicast membership on Tomcat's default group " + ADDRESS + ":" + PORT,
                    "every other cluster on this network that kept the default joins this one: their nodes "
                            + "become members and session changes of unrelated applications reach them",
                    "give each cluster its own group: set address (e.g. 228.0.0.x) and port of <Membership> "
                            + "alike on the nodes of this cluster only", null);
        }
    }
}
