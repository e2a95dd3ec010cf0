package io.github.clusterready.tomcat.serverxml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every node's Cluster must have alike, compared across the nodes' files: the multicast group (address,
 * port, domain), the session manager, the encryption (interceptor, key and algorithm). A node that differs from
 * the others (from the first node's on a tie) forms no cluster with them. Keys are compared, never shown.
 */
final class NodesDisagree extends Rule {
    /** What one aspect of a node's Cluster is, and where the file says it. */
    private static final class Aspect {
        final NodeConfig node;
        final XmlNode at;
        final String attribute;
        final String value;
        final String shown;

        Aspect(NodeConfig node, XmlNode at, String attribute, String value, String shown) {
            this.node = node;
            this.at = at;
            this.attribute = attribute;
            this.value = value;
            this.shown = shown;
        }
    }

    NodesDisagree() {
        super("nodes-disagree",
                "config/cluster-membership.html (McastService: address, port, domain); McastServiceImpl.java (a "
                        + "member of another domain is ignored); EncryptInterceptor.java (a message it cannot "
                        + "decrypt is dropped: encryptInterceptor.decrypt.failed); cluster-howto.html (all nodes "
                        + "need the same Manager)");
    }

    @Override
    void checkAcross(List<NodeConfig> nodes, Findings findings) {
        if (nodes.size() < 2) {
            return;
        }
        List<Aspect> groups = new ArrayList<>();
        List<Aspect> managers = new ArrayList<>();
        List<Aspect> encryption = new ArrayList<>();
        for (NodeConfig node : nodes) {
            List<XmlNode> clusters = node.clusters();
            if (clusters.isEmpty()) {
                continue;
            }
            XmlNode cluster = clusters.get(0);
            if (Clusters.multicast(cluster) && !MembershipSwitchedOff.switchedOff(node, cluster)) {
                XmlNode m = Clusters.membership(cluster);
                String address = m == null ? null : node.value(m, "address");
                String port = m == null ? null : node.value(m, "port");
                String domain = m == null ? null : node.value(m, "domain");
                String group = trim(address, DefaultMulticastGroup.ADDRESS) + ":" + trim(port,
                        DefaultMulticastGroup.PORT) + (domain == null ? "" : " domain " + domain.trim());
                if (!Placeholders.unresolved(group)) {
                    groups.add(new Aspect(node, m == null ? cluster : m, m != null && address != null ? "address"
                            : null, group, "the multicast group " + group));
                }
            }
            XmlNode manager = Clusters.manager(cluster);
            String managerClass = manager == null ? "DeltaManager (Tomcat's default)" : manager.className();
            managers.add(new Aspect(node, manager == null ? cluster : manager, manager == null ? null : "className",
                    managerClass.replaceAll(".*\\.", "").replace(" (Tomcat's default)", ""),
                    "the Manager " + managerClass));
            XmlNode encrypt = Clusters.interceptor(cluster, "EncryptInterceptor");
            if (encrypt == null) {
                encryption.add(new Aspect(node, Clusters.channel(cluster) == null ? cluster : Clusters.channel(cluster),
                        null, "none", "no EncryptInterceptor"));
            } else if (node.known(encrypt, "encryptionKey")) {
                String algorithm = trim(node.value(encrypt, "encryptionAlgorithm"), "the default algorithm");
                encryption.add(new Aspect(node, encrypt, "encryptionKey", trim(node.value(encrypt, "encryptionKey"),
                        "").toLowerCase(Locale.ROOT) + "/" + algorithm, "an EncryptInterceptor with "
                        + algorithm + " and a key"));
            }
        }
        report(groups, findings, "the multicast group", "the nodes never see each other as members: two clusters "
                + "(or more) form, and sessions do not move between them", "give every node the same <Membership> "
                + "address, port and domain");
        report(managers, findings, "the session manager", "each manager ignores the other kind's messages: sessions "
                + "of one node never reach the others", "give every node the same <Manager> className");
        report(encryption, findings, "the encryption", "each node drops what it cannot decrypt (Tomcat logs "
                + "encryptInterceptor.decrypt.failed): no session reaches the nodes that differ", "give every node "
                + "the same EncryptInterceptor, with one encryptionKey and encryptionAlgorithm");
    }

    private void report(List<Aspect> aspects, Findings findings, String what, String happens, String fix) {
        Map<String, List<Aspect>> byValue = new LinkedHashMap<>();
        for (Aspect aspect : aspects) {
            byValue.computeIfAbsent(aspect.value, v -> new ArrayList<>()).add(aspect);
        }
        if (byValue.size() < 2) {
            return;
        }
        List<Aspect> most = null;
        for (List<Aspect> same : byValue.values()) {
            most = most == null || same.size() > most.size() ? same : most;
        }
        for (List<Aspect> same : byValue.values()) {
            if (same == most) {
                continue;
            }
            for (Aspect aspect : same) {
                findings.add(aspect.node, aspect.at, aspect.attribute, Severity.BREAKS_CLUSTER, this, what + " of "
                                + aspect.node.name + " (" + aspect.shown + ") differs from that of " + names(most)
                                + " (" + most.get(0).shown + ")", happens, fix, null);
            }
        }
    }

    private static String names(List<Aspect> aspects) {
        List<String> names = new ArrayList<>();
        for (Aspect aspect : aspects) {
            names.add(aspect.node.name);
        }
        return String.join(", ", names);
    }

    private static String trim(String value, String whenUnset) {
        return value == null || value.trim().isEmpty() ? whenUnset : value.trim();
    }
}
