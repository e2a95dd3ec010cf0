package io.github.clusterready.tomcat.cluster;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.util.List;
import java.util.Map;

/**
 * The {@code INSTALL.md} written beside the configuration: where each file and the WAR go, every port of every
 * node, two nodes in one Tomcat installation, the start order, and the load balancer.
 */
final class InstallGuide {
    private InstallGuide() {
    }

    /** @param manifests the Kubernetes manifests written beside, or null */
    static String text(ClusterSettings settings, boolean serverXml, Map<Node, Integer> portShifts,
            List<NodePorts> ports, KubernetesManifests manifests) {
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
        if (!ports.isEmpty()) {
            portsTable(md, ports, serverXml);
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
        receiverAddress(md, settings);
        war(md);
        if (settings.nodes().size() >= 2) {
            sharedInstallation(md, settings, serverXml);
        }
        startOrder(md, settings);
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
        loadBalancer(md, settings, ports);
        if (settings.manager() == ClusterSettings.Manager.BACKUP) {
            md.append("\nA restarted node answers HTTP before it holds its backups: the BackupManager keeps each "
                    + "session on its primary node and one backup node, and a node that has just started holds no "
                    + "backups until the other nodes send it theirs (as it joins, and as their sessions change). Let "
                    + "the load balancer's health check wait for it before marking it up (e.g. a slow start, or "
                    + "several passed checks over a minute), and in a rolling restart restart the next node only "
                    + "after that: a session whose primary and backup node are both restarted in that time is "
                    + "lost.\n");
        }
        if (manifests != null) {
            kubernetes(md, settings, manifests, serverXml);
        }
        md.append("\nThe webapp's `WEB-INF/web.xml` must contain `<distributable/>` (goal `distributable`).\n");
        return md.toString();
    }

    /** Where each receiver listens and what it tells the other nodes; what {@code auto} means. */
    private static void receiverAddress(StringBuilder md, ClusterSettings settings) {
        md.append("\n## The receiver's address\n\n");
        if (!settings.nodes().isEmpty()) {
            md.append("Each node's receiver listens on, and tells the other nodes, ");
            for (int i = 0; i < settings.nodes().size(); i++) {
                Node node = settings.nodes().get(i);
                md.append(i == 0 ? "" : ", ").append(node.name()).append(": `")
                        .append(ClusterXml.receiverAddress(settings, node)).append('`');
            }
            md.append(". ");
        } else {
            md.append("Every node's receiver listens on, and tells the other nodes, `")
                    .append(settings.attributes(Element.RECEIVER).getOrDefault("address", "auto")).append("`. ");
        }
        md.append("`auto` is the address the host's own name resolves to (Java's `InetAddress.getLocalHost()`): "
                + "the host's network address where `/etc/hosts` or DNS maps the name to it, as Kubernetes does "
                + "for a pod's name and IP, but `127.0.0.1` or `127.0.1.1` where the name is mapped to loopback, as "
                + "many distributions' `/etc/hosts` do; there no other host reaches the node: set "
                + "`<nodes><node><address>` (or `<receiverAttributes><address>`) to the host's own address.\n");
    }

    /** The manifests, what each is for, and the commands that apply them. */
    private static void kubernetes(StringBuilder md, ClusterSettings settings, KubernetesManifests manifests,
            boolean serverXml) {
        KubernetesDeployment app = settings.kubernetes();
        boolean api = settings.membership() == Membership.KUBERNETES;
        md.append("\n## Kubernetes\n\n");
        md.append("`").append(KubernetesManifests.DIRECTORY).append("/` holds the manifests for namespace `")
                .append(app.namespace()).append("`:\n\n");
        if (api) {
            md.append("- `rbac.yaml`: ServiceAccount `").append(app.name()).append("`, Role `").append(app.name())
                    .append("-pod-reader` (`get` and `list` on `pods`) and their RoleBinding. "
                            + "`KubernetesMembershipProvider` lists the pods labelled `").append(app.labelSelector())
                    .append("` through the Kubernetes API with the pod's service account token; without the Role "
                            + "the API answers 403, Tomcat logs `Failed to open stream` (`Server returned HTTP "
                            + "response code: 403`) and every pod stays alone.\n");
        }
        md.append("- `services.yaml`: the headless Service `").append(app.membersService())
                .append("` (`clusterIP: None`, `publishNotReadyAddresses: true`, port ")
                .append(manifests.receiverPort()).append(")");
        if (!api) {
            md.append(", whose DNS name `").append(app.membersDnsName()).append("` lists every pod's address: "
                    + "`DNSMembershipProvider` resolves it (`DNS_MEMBERSHIP_SERVICE_NAME`) and takes each address "
                    + "but its own as a member at the same receiver port; the JVM caches DNS answers for 30 s, so the "
                    + "running pods see a new one within that time, or as soon as it sends to them");
        }
        md.append("; and the Service `").append(app.name()).append("` in front of the pods, sticky by client IP "
                + "(`sessionAffinity: ClientIP`).\n");
        md.append("- `statefulset.yaml`: ").append(app.replicas()).append(" pods of `").append(app.image())
                .append("`; each gets `KUBERNETES_NAMESPACE`, ")
                .append(api ? "`KUBERNETES_LABELS`" : "`DNS_MEMBERSHIP_SERVICE_NAME`")
                .append(" and `CATALINA_OPTS=-D").append(KubernetesManifests.JVM_ROUTE_PROPERTY)
                .append("=$(POD_NAME)`: ");
        md.append(serverXml ? "`server.xml` sets" : "set").append(" `jvmRoute=\"${")
                .append(KubernetesManifests.JVM_ROUTE_PROPERTY).append("}\"` on `<Engine>`")
                .append(serverXml ? "" : " of your `server.xml`")
                .append(", so each session id ends with the name of the pod that made it (a node outside "
                        + "Kubernetes needs `-D").append(KubernetesManifests.JVM_ROUTE_PROPERTY)
                .append("=<its name>` in `CATALINA_OPTS`, e.g. in `bin/setenv.sh`). A pod is ready when `GET ")
                .append(settings.healthCheckPath()).append("` (`<healthCheckPath>`) answers on "
                        + "its HTTP port");
        if (settings.manager() == ClusterSettings.Manager.DELTA) {
            md.append("; pods start one at a time (`OrderedReady`), each receiving the sessions of the running "
                    + "ones before its webapp, and so its readiness, is up");
        }
        md.append(". The `server.xml` comes from the ConfigMap `").append(manifests.configMap())
                .append("`, mounted over `").append(KubernetesManifests.CATALINA_HOME)
                .append("/conf/server.xml` (the official Tomcat images' `CATALINA_HOME`).\n");
        md.append("- `ingress.yaml`: an Ingress for ingress-nginx with cookie affinity (`TOMCAT_AFFINITY`); other "
                + "controllers need their own affinity settings.\n\n");
        md.append("```sh\n");
        if (!KubernetesDeployment.DEFAULT_NAMESPACE.equals(app.namespace())) {
            md.append("kubectl create namespace ").append(app.namespace()).append("   # once\n");
        }
        md.append("kubectl -n ").append(app.namespace()).append(" create configmap ").append(manifests.configMap())
                .append(" --from-file=server.xml=").append(serverXml ? "server.xml" : "path/to/your/server.xml")
                .append('\n');
        md.append("kubectl apply -f ").append(KubernetesManifests.DIRECTORY).append("/\n");
        md.append("kubectl -n ").append(app.namespace()).append(" rollout status statefulset/").append(app.name())
                .append('\n');
        md.append("```\n");
    }

    /** Every port of every node, as its server.xml has them; what each one is for. */
    private static void portsTable(StringBuilder md, List<NodePorts> ports, boolean serverXml) {
        boolean https = false;
        boolean ajp = false;
        for (NodePorts node : ports) {
            https |= !node.https.isEmpty();
            ajp |= !node.ajp.isEmpty();
        }
        String unknown = "in its server.xml";
        md.append("\n## Ports of each node\n\n");
        md.append("| Node | Host | HTTP | ").append(https ? "HTTPS | " : "").append("Shutdown | Redirect | ")
                .append(ajp ? "AJP | " : "").append("Receiver |\n|---|---|---|").append(https ? "---|" : "")
                .append("---|---|").append(ajp ? "---|" : "").append("---|\n");
        for (NodePorts node : ports) {
            md.append("| ").append(node.node.name()).append(" | ").append(node.node.host()).append(" | ")
                    .append(node.http != null ? String.valueOf(node.http) : unknown).append(" | ");
            if (https) {
                md.append(join(node.https, "none")).append(" | ");
            }
            md.append(node.shutdown != null ? node.shutdown : unknown).append(" | ")
                    .append(serverXml ? join(node.redirect, "none") : unknown).append(" | ");
            if (ajp) {
                md.append(join(node.ajp, "none")).append(" | ");
            }
            md.append(node.receiver).append(" |\n");
        }
        md.append("\n- **HTTP**: where the load balancer sends requests; open it to the load balancer.\n");
        if (https) {
            md.append("- **HTTPS**: the TLS connector; open it where clients or the balancer use TLS.\n");
        }
        md.append("- **Shutdown**: Tomcat listens on localhost for the shutdown command (`bin/shutdown.sh`); "
                + "never open it (`-1` turns it off).\n");
        md.append("- **Redirect**: the port Tomcat redirects to when a security constraint asks for a "
                + "confidential (TLS) connection; nothing listens there unless an HTTPS connector does.\n");
        if (ajp) {
            md.append("- **AJP**: for a balancer that speaks AJP (mod_jk, mod_proxy_ajp); open it to that balancer "
                    + "only, or remove the connector when it speaks HTTP.\n");
        }
        md.append("- **Receiver**: session replication from the other nodes (below).\n");
        if (!serverXml) {
            md.append("\nWithout `<serverXml>` the plugin knows only the ports above; the others are those of "
                    + "each node's `conf/server.xml`: nodes that share a host need different ones.\n");
        }
    }

    private static String join(List<String> values, String none) {
        return values.isEmpty() ? none : String.join(", ", values);
    }

    private static void war(StringBuilder md) {
        md.append("\n## Where the WAR goes\n\n");
        md.append("Copy the WAR that the `distributable` goal made into `webapps/` of every node's "
                + "`CATALINA_BASE`, the same file on every node: `webapps/ROOT.war` serves it at `/`, "
                + "`webapps/shop.war` at `/shop`. Tomcat unpacks and starts it.\n");
    }

    /** One Tomcat installation ({@code CATALINA_HOME}), one {@code CATALINA_BASE} per node, with the commands. */
    private static void sharedInstallation(StringBuilder md, ClusterSettings settings, boolean serverXml) {
        List<Node> nodes = settings.nodes();
        Node first = nodes.get(0);
        Node second = nodes.get(1);
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                if (ClusterRules.sameHost(nodes.get(i).host(), nodes.get(j).host())) {
                    first = nodes.get(i);
                    second = nodes.get(j);
                    i = j = nodes.size();
                }
            }
        }
        md.append("\n## Two nodes on one host, one Tomcat installation\n\n");
        md.append("Nodes on one host share the Tomcat installation (`CATALINA_HOME`, unpacked once) and each has a "
                + "`CATALINA_BASE` of its own: its `conf/`, `logs/`, `temp/`, `webapps/` and `work/`. For ")
                .append(first.name()).append(" and ").append(second.name()).append(":\n\n```sh\n")
                .append("export CATALINA_HOME=/opt/tomcat          # the unpacked Tomcat ").append(settings.line())
                .append("\n");
        md.append("for node in ").append(first.name()).append(' ').append(second.name()).append("; do\n")
                .append("  base=/srv/tomcat/$node\n")
                .append("  mkdir -p $base/conf $base/logs $base/temp $base/webapps $base/work\n")
                .append("  cp -r $CATALINA_HOME/conf/. $base/conf/\n");
        if (serverXml) {
            md.append("  cp nodes/$node/server.xml $base/conf/server.xml\n");
        } else {
            md.append("  # paste nodes/$node/cluster.xml into $base/conf/server.xml (see above) and, for the second "
                    + "node, move its shutdown and connector ports\n");
        }
        md.append("  cp path/to/your.war $base/webapps/\n")
                .append("done\n")
                .append("CATALINA_BASE=/srv/tomcat/").append(first.name())
                .append(" $CATALINA_HOME/bin/startup.sh\n")
                .append("# wait until its logs/catalina.out says \"Server startup in\", then\n")
                .append("CATALINA_BASE=/srv/tomcat/").append(second.name())
                .append(" $CATALINA_HOME/bin/startup.sh\n")
                .append("```\n\n")
                .append("Stop a node with `CATALINA_BASE=/srv/tomcat/<node> $CATALINA_HOME/bin/shutdown.sh`. "
                        + "Nodes on one host need different shutdown, connector and receiver ports")
                .append(serverXml ? "; their `server.xml` files have them (see the table above)" : "")
                .append(".\n");
    }

    private static void startOrder(StringBuilder md, ClusterSettings settings) {
        String first = settings.nodes().isEmpty() ? "one node" : settings.nodes().get(0).name();
        md.append("\n## Start order\n\n");
        md.append("Start ").append(first).append(" first, and each next node once the one before serves (its "
                + "log says `Server startup in`). A node that joins a running cluster gets the sessions at once");
        if (settings.manager() == ClusterSettings.Manager.DELTA) {
            md.append(": its DeltaManager asks the running nodes for them as the webapp starts. A node started "
                    + "while another is still starting may ask before that one's webapp has its manager; the "
                    + "request is dropped and the new node waits out the state transfer (`stateTransferTimeout`, "
                    + "60 s) before it starts with what it has");
        } else {
            md.append(" as the BackupManager's map fills");
        }
        md.append(". Restart the nodes one at a time, the next once the restarted one serves again.\n");
    }

    /** The chosen balancer's file and what to do with it; without one, what any balancer needs. */
    private static void loadBalancer(StringBuilder md, ClusterSettings settings, List<NodePorts> ports) {
        LoadBalancer balancer = settings.loadBalancer();
        md.append("\nAny load balancer needs: one member per node at its HTTP port (table above); the session id's "
                + "route (the text after the last `.`) mapped to the node whose jvmRoute it is; a health check "
                + "(`").append(settings.healthCheckPath()).append("`, `<healthCheckPath>`) that takes a failed "
                + "node out; and, for a session whose node has failed, another node instead of an error: every "
                + "node holds the session");
        md.append(settings.jvmRouteBinderValve() ? ", and its JvmRouteBinderValve moves the session id's route to "
                + "the node that serves it after the failover.\n" : ". With `<jvmRouteBinderValve>` the node that "
                + "takes over also changes the session id's route to its own, so the session sticks there "
                + "afterwards.\n");
        if (balancer == null) {
            md.append("\n`<loadBalancer>httpd</loadBalancer>` or `<loadBalancer>haproxy</loadBalancer>` writes a "
                    + "ready configuration for Apache httpd or HAProxy.\n");
            return;
        }
        md.append("\n`").append(balancer.file()).append("` is the ").append(balancer.title())
                .append(" configuration for these nodes (");
        for (int i = 0; i < ports.size(); i++) {
            NodePorts node = ports.get(i);
            md.append(i == 0 ? "" : ", ").append(node.node.name()).append(" at ")
                    .append(LoadBalancerConfig.urlHost(node.node.host())).append(':').append(node.http)
                    .append(" with route `").append(node.node.jvmRoute()).append('`');
        }
        md.append("). ");
        if (balancer == LoadBalancer.HTTPD) {
            md.append("Copy it to `/etc/apache2/conf-available/tomcat-cluster.conf` (Debian, Ubuntu) and run "
                    + "`a2enmod proxy_http proxy_balancer lbmethod_byrequests proxy_hcheck`, "
                    + "`a2enconf tomcat-cluster`, `apachectl -t` and `systemctl reload apache2`; elsewhere "
                    + "`Include` it in `httpd.conf` or a `<VirtualHost>` with those modules loaded (`proxy_hcheck` "
                    + "needs `watchdog`). It proxies `/` to the nodes; change `ProxyPass` to proxy less.\n");
        } else {
            md.append("Add its `backend tomcat-cluster` section to `/etc/haproxy/haproxy.cfg`, after `global` and "
                    + "`defaults` (or pass the file as another `-f`), send a `mode http` frontend to it with "
                    + "`default_backend tomcat-cluster`, check with `haproxy -c -f /etc/haproxy/haproxy.cfg` and "
                    + "reload (`systemctl reload haproxy`).\n");
        }
    }
}
