package io.github.clusterready.tomcat.serverxml;

/**
 * A Channel without {@code EncryptInterceptor}: session data crosses the network as plain Java serialization,
 * which anyone on the network can read and anyone who reaches a receiver port can forge.
 */
final class NoEncryption implements Rule {
    @Override
    public String name() {
        return "no-encryption";
    }

    @Override
    public String source() {
        return "cluster-howto.html (\"Security\": cluster traffic is not encrypted or authenticated); "
                + "config/cluster-interceptor.html (EncryptInterceptor)";
    }

    @Override
    public void check(NodeConfig node, Findings findings) {
        for (XmlNode cluster : node.clusters()) {
            if (Clusters.interceptor(cluster, "EncryptInterceptor") != null) {
                continue;
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
}
