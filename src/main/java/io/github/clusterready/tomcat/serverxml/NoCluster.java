package io.github.clusterready.tomcat.serverxml;

/** A node's file without a {@code <Cluster>} (Tomcat's own server.xml has its example commented out). */
final class NoCluster extends Rule {
    NoCluster() {
        super("no-cluster",
                "cluster-howto.html (\"add the <Cluster> element to your <Engine> or your <Host>\"); "
                        + "config/cluster.html");
    }

    @Override
    void check(NodeConfig node, Findings findings) {
        if (node.clusters().isEmpty()) {
            findings.add(node, node.file.root, null, Severity.BREAKS_CLUSTER, this, "no <Cluster> inside <Engine> "
                            + "or <Host> (a commented-out one does not count)",
                    "the node is no member of any cluster: its sessions live on it alone",
                    "add the <Cluster> inside <Engine> (or the <Host>) as on the other nodes", null);
        }
    }
}
