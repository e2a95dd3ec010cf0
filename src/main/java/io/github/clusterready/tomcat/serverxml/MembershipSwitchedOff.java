package io.github.clusterready.tomcat.serverxml;

/**
 * {@code channelStartOptions} without the membership flags ({@code Channel.MBR_RX_SEQ | MBR_TX_SEQ}, 4 and 8) and
 * no static members: the membership service never starts, no node ever learns of another, and nothing replicates.
 */
final class MembershipSwitchedOff extends Rule {
    MembershipSwitchedOff() {
        super("membership-switched-off",
                "config/cluster.html (Cluster: channelStartOptions, default Channel.DEFAULT = 15); Channel.java "
                        + "(SND_RX_SEQ 1, SND_TX_SEQ 2, MBR_RX_SEQ 4, MBR_TX_SEQ 8); StaticMembershipInterceptor.java");
    }

    /** Whether the Cluster's channelStartOptions leave the membership service off (a number Tomcat reads). */
    static boolean switchedOff(NodeConfig node, XmlNode cluster) {
        String value = node.value(cluster, "channelStartOptions");
        if (value == null || !value.trim().matches("\\d{1,9}")) {
            return false;
        }
        return (Integer.parseInt(value.trim()) & Clusters.MEMBERSHIP_START) == 0;
    }

    @Override
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
        if (!findings.checkable(node, cluster, "channelStartOptions", this) || !switchedOff(node, cluster)
                || !Clusters.staticMembers(cluster).isEmpty()) {
            return;
        }
        String value = node.value(cluster, "channelStartOptions").trim();
        boolean onlyTransport = (Integer.parseInt(value) & 3) == 3;
        findings.add(node, cluster, "channelStartOptions", Severity.BREAKS_CLUSTER, this,
                "channelStartOptions=\"" + value + "\" does not start the membership service (no 4, 8), and "
                        + "the Channel lists no static members",
                "the node never learns of another: it is a cluster of one, and no session change leaves it",
                "remove channelStartOptions (Tomcat then starts everything), or list the other nodes as "
                        + "<Member>s of a StaticMembershipInterceptor",
                onlyTransport ? Fixes.set(node.file, cluster, "channelStartOptions", "15") : null);
    }
}
