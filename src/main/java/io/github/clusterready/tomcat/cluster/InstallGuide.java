package io.github.clusterready.tomcat.cluster;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.util.Map;

/** The {@code INSTALL.md} written beside the configuration: where each file goes, ports, sticky sessions. */
final class InstallGuide {
    private InstallGuide() {
    }

    static String text(ClusterSettings settings, boolean serverXml, Map<Node, Integer> portShifts) {
        String container = settings.deployer() ? "`<Host>`" : "`<Engine>`";
        StringBuilder md = new StringBuilder();
        md.append("# Installing the Tomcat ").append(settings.line()).append(" cluster configuration\n\n");
        md.append("Written by tomcat-cluster-maven-plugin (goal `cluster-config`): ").append(settings.manager()
                .className().substring(settings.manager().className().lastIndexOf('.') + 1))
                .append(", ").append(settings.membership()).append(" membership.\n\n");
        md.append("## Where the files go\n\n");
        if (settings.nodes().isEmpty()) {
            md.append("Every node uses the same `cluster.xml`: paste its `<Cluster>` element inside ")
                    .append(container).append(" of `conf/server.xml`, replacing any `<Cluster>` there.\n");
            if (serverXml) {
                md.append("`server.xml` is your base `server.xml` with that done; it can replace `conf/server.xml`.\n");
            }
        } else {
            md.append("| Node | Host | Receiver port | jvmRoute | File |\n|---|---|---|---|---|\n");
            for (Node node : settings.nodes()) {
                md.append("| ").append(node.name()).append(" | ").append(node.host()).append(" | ")
                        .append(node.port()).append(" | ").append(node.jvmRoute()).append(" | `nodes/")
                        .append(node.name()).append(serverXml ? "/server.xml` → `conf/server.xml`"
                                : "/cluster.xml` inside " + container + " of `conf/server.xml`")
                        .append(" |\n");
            }
            md.append("\n");
            if (serverXml) {
                md.append("Each `server.xml` is your base `server.xml` with the node's `<Cluster>` inside ")
                        .append(container).append(", `jvmRoute` on `<Engine>`");
                boolean shifted = portShifts.values().stream().anyMatch(shift -> shift != 0);
                if (shifted) {
                    md.append(", and, for nodes that share a host, the shutdown and connector ports moved up (");
                    String separator = "";
                    for (Map.Entry<Node, Integer> shift : portShifts.entrySet()) {
                        if (shift.getValue() != 0) {
                            md.append(separator).append(shift.getKey().name()).append(": +").append(shift.getValue());
                            separator = ", ";
                        }
                    }
                    md.append(")");
                }
                md.append(".\n");
            } else {
                md.append("Paste each node's `<Cluster>` inside ").append(container)
                        .append(" of its `conf/server.xml` and set `jvmRoute=\"<jvmRoute>\"` on its `<Engine>`.\n");
            }
        }
        if (settings.encryptionKey() != null) {
            md.append("\nThe files contain the cluster's encryption key: they are readable by their owner only; "
                    + "keep them so on the servers.\n");
        }
        String filter = settings.attributes(Element.MANAGER).get(ClusterSettings.VALUE_CLASS_FILTER);
        if (filter != null && !filter.isEmpty()) {
            md.append("\nThe Manager replicates only session attribute values whose class matches its "
                    + "`sessionAttributeValueClassNameFilter`; Tomcat logs a warning naming each attribute it keeps "
                    + "back. When the webapp starts storing other classes, run the session analysis and "
                    + "`cluster-config` again, and install the new files on every node.\n");
        }
        md.append("\n## Ports to open between the nodes\n\n");
        if (settings.nodes().isEmpty()) {
            md.append("- TCP ").append(settings.attributes(Element.RECEIVER).getOrDefault("port", "4000"))
                    .append(" (the receiver; it takes the first free port of the next ")
                    .append(ClusterXml.autoBind(settings)).append(" if that one is taken)\n");
        } else {
            for (Node node : settings.nodes()) {
                md.append("- TCP ").append(node.port()).append(" on ").append(node.host()).append(" (receiver of ")
                        .append(node.name()).append(")\n");
            }
        }
        if (settings.membership() == Membership.MULTICAST) {
            Map<String, String> multicast = settings.attributes(Element.MULTICAST);
            md.append("- UDP multicast ").append(multicast.get("address")).append(':').append(multicast.get("port"))
                    .append(" (membership heartbeats; the network must route multicast between the nodes)\n");
        } else if (settings.membership() != Membership.STATIC) {
            md.append("- the ").append(settings.membership()).append(" membership asks ")
                    .append(settings.membership() == Membership.KUBERNETES ? "the Kubernetes API for the pods"
                            : "DNS for the service's addresses")
                    .append("; see Tomcat's cluster-membership documentation for its environment variables\n");
        }
        if (settings.encryptionKey() == null) {
            md.append("\nCluster traffic is unauthenticated Java serialization: keep these ports on a trusted "
                    + "network.\n");
        }
        md.append("\n## Load balancer\n\n");
        md.append("Use sticky sessions on the `JSESSIONID` cookie (and `jsessionid` path parameter): Tomcat appends "
                + "`.<jvmRoute>` to each session id");
        if (!settings.nodes().isEmpty()) {
            md.append(" (");
            for (int i = 0; i < settings.nodes().size(); i++) {
                md.append(i == 0 ? "" : ", ").append('`').append('.').append(settings.nodes().get(i).jvmRoute())
                        .append('`');
            }
            md.append(")");
        }
        md.append(". For Apache httpd `mod_proxy_balancer`: `route=<jvmRoute>` on each `BalancerMember` and "
                + "`stickysession=JSESSIONID|jsessionid`; for mod_jk: worker names equal to the jvmRoutes and "
                + "`sticky_session=true`.\n");
        if (settings.manager() == ClusterSettings.Manager.BACKUP) {
            md.append("\nA restarted node answers HTTP before it holds its backups: the BackupManager keeps each "
                    + "session on its primary node and one backup node, and a node that has just started holds no "
                    + "backups until the other nodes send it theirs (as it joins, and as their sessions change). Let "
                    + "the load balancer's health check wait for it before marking it up (e.g. a slow start, or "
                    + "several passed checks over a minute), and in a rolling restart restart the next node only "
                    + "after that: a session whose primary and backup node are both restarted in that time is "
                    + "lost.\n");
        }
        md.append("\nThe webapp's `WEB-INF/web.xml` must contain `<distributable/>` (goal `distributable`).\n");
        return md.toString();
    }
}
