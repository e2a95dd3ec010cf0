package io.github.clusterready.tomcat.serverxml;

/**
 * A Channel without {@code EncryptInterceptor}: session data crosses the network as plain Java serialization,
 * which anyone on the network can read and anyone who reaches a receiver port can forge.
 */
final class NoEncryption extends Rule {
    NoEncryption() {
        super("no-encryption",
                "cluster-howto.html (\"Security\": cluster traffic is not encrypted or authenticated); "
                        + "config/cluster-interceptor.html (EncryptInterceptor)");
    }

    @Override
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
        if (Clusters.interceptor(cluster, "EncryptInterceptor") != null) {
            return;
        }
        XmlNode at = Clusters.channel(cluster) == null ? cluster : Clusters.channel(cluster);
        findings.add(node, at, null, Severity.INSECURE, this, "the <" + at.name + "> has no EncryptInterceptor",
                "session data crosses the network as unencrypted, unauthenticated Java serialization: anyone on "
                        + "the network reads it, and anyone who reaches a receiver port can send the nodes "
                        + "objects to deserialize",
                "add <Interceptor className=\"org.apache.catalina.tribes.group.interceptors.EncryptInterceptor\""
                        + " encryptionKey=\"…\"/> inside <Channel> on every node (one key, 32/48/64 hex digits), "
                        + "or keep the receivers on a network of the cluster's own", null);
    }
}
