package io.github.clusterready.tomcat.cluster;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks a configuration must pass before anything is written; what is legal but risky comes back as
 * warnings. Messages name the POM parameter and the nodes; they never contain the encryption key.
 */
final class ClusterRules {
    private static final String NODE = "<nodes><node>";

    private ClusterRules() {
    }

    /** Checks the settings; returns the warnings. */
    static List<String> check(ClusterSettings settings) throws ClusterConfigException {
        List<String> warnings = new ArrayList<>();
        checkLine(settings);
        checkNodes(settings);
        checkValues(settings);
        checkNumbers(settings);
        checkMembership(settings);
        checkPorts(settings);
        checkEncryption(settings, warnings);
        checkSendOptions(settings, warnings);
        warnAboutAddress(settings, warnings);
        checkKubernetes(settings);
        warnAboutDeltaManagerSize(settings, warnings);
        if (settings.deployer()) {
            warnings.add("<deployer> is on: FarmWarDeployer works only when the <Cluster> is inside <Host>, not "
                    + "<Engine>; the merged server.xml puts it there, put cluster.xml there too");
        }
        return warnings;
    }

    /** The number of nodes beyond which Tomcat's documentation advises against the all-to-all DeltaManager. */
    static final int DELTA_MANAGER_NODES = 4;

    /**
     * A warning when the DeltaManager would replicate to more than {@value #DELTA_MANAGER_NODES} nodes: the listed
     * nodes, or with kubernetes or dns membership the replicas.
     */
    private static void warnAboutDeltaManagerSize(ClusterSettings settings, List<String> warnings) {
        if (settings.manager() != ClusterSettings.Manager.DELTA) {
            return;
        }
        boolean replicas = settings.nodes().isEmpty() && KubernetesManifests.needed(settings);
        int nodes = replicas ? settings.kubernetes().replicas() : settings.nodes().size();
        if (nodes > DELTA_MANAGER_NODES) {
            warnings.add("<manager> is DeltaManager for " + nodes + " nodes (" + (replicas ? "<kubernetesReplicas>"
                    : "<nodes>") + "): it sends every session change to every other node, so each change costs "
                    + (nodes - 1) + " messages and every node holds every session; Tomcat advises it for small "
                    + "clusters (up to about " + DELTA_MANAGER_NODES + " nodes); set <manager>BackupManager</manager>, "
                    + "which copies each session to one backup node");
        }
    }

    /** The Kubernetes names are DNS labels, the image a plain reference, the replicas a sane number. */
    private static void checkKubernetes(ClusterSettings settings) throws ClusterConfigException {
        if (!KubernetesManifests.needed(settings)) {
            return;
        }
        KubernetesDeployment app = settings.kubernetes();
        int longest = 63 - KubernetesDeployment.MEMBERS_SUFFIX.length();
        if (app.name() == null || !app.name().matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")
                || app.name().length() > longest) {
            throw new ClusterConfigException("<kubernetesName>", "\"" + printable(String.valueOf(app.name()))
                    + "\" is not a Kubernetes name the manifests can use: 1 to " + longest + " lower-case letters, "
                    + "digits or '-', starting and ending with a letter or digit (the headless Service adds \""
                    + KubernetesDeployment.MEMBERS_SUFFIX + "\")");
        }
        if (app.namespace() == null || !app.namespace().matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")
                || app.namespace().length() > 63) {
            throw new ClusterConfigException("<kubernetesNamespace>", "\""
                    + printable(String.valueOf(app.namespace())) + "\" is not a Kubernetes namespace: 1 to 63 "
                    + "lower-case letters, digits or '-', starting and ending with a letter or digit");
        }
        if (app.image() == null || !app.image().matches("[A-Za-z0-9][A-Za-z0-9._/:@-]*")
                || app.image().length() > 512) {
            throw new ClusterConfigException("<kubernetesImage>", "\"" + printable(String.valueOf(app.image()))
                    + "\" is not an image reference (registry/name:tag or name@sha256:digest: letters, digits and "
                    + ". _ / : @ -, no spaces)");
        }
        if (app.replicas() < 1 || app.replicas() > KubernetesDeployment.MAX_REPLICAS) {
            throw new ClusterConfigException("<kubernetesReplicas>", app.replicas() + " must be a number from 1 to "
                    + KubernetesDeployment.MAX_REPLICAS);
        }
        String path = settings.healthCheckPath();
        if (!isUrlPath(path)) {
            throw new ClusterConfigException("<healthCheckPath>", "\"" + printable(path) + "\" is not a URL path "
                    + "the readiness probe can ask: it must start with '/' and have only letters, digits and "
                    + ". _ ~ / ? & = + , : @ - and %XX escapes (no space, quote or '#')");
        }
    }

    private static void checkLine(ClusterSettings settings) throws ClusterConfigException {
        Membership membership = settings.membership();
        if ((membership == Membership.KUBERNETES || membership == Membership.DNS)
                && !settings.line().hasMembershipServices()) {
            throw new ClusterConfigException("<membership>", membership + " needs CloudMembershipService, which "
                    + "Tomcat " + settings.line() + " does not have (Tomcat 9.0 and later do); use multicast or "
                    + "static, or set <tomcatVersion> to 9.0 or later");
        }
        String algorithm = settings.encryptionAlgorithm();
        if (!algorithm.equals("AES/GCM/NoPadding") && !algorithm.equals("AES/CBC/PKCS5Padding")) {
            throw new ClusterConfigException("<encryptionAlgorithm>", "\"" + algorithm + "\" is not an algorithm "
                    + "EncryptInterceptor supports in every Tomcat " + settings.line() + " release; use "
                    + "AES/GCM/NoPadding or AES/CBC/PKCS5Padding");
        }
    }

    private static void checkNodes(ClusterSettings settings) throws ClusterConfigException {
        Map<String, Node> names = new HashMap<>();
        Map<String, Node> routes = new HashMap<>();
        for (Node node : settings.nodes()) {
            if (node.name() == null || !node.name().matches("[A-Za-z0-9_-]+")) {
                throw new ClusterConfigException(NODE + "<name>", "\"" + node.name() + "\" must be letters, "
                        + "digits, '_' or '-' (it names the node's directory and, by default, its jvmRoute)");
            }
            if (!node.jvmRoute().matches("[A-Za-z0-9_-]+")) {
                throw new ClusterConfigException(NODE + "<jvmRoute>", "\"" + node.jvmRoute() + "\" of node "
                        + node.name() + " must be letters, digits, '_' or '-': Tomcat appends it to the session id "
                        + "after a '.'");
            }
            if (node.host() == null || node.host().trim().isEmpty()) {
                throw new ClusterConfigException(NODE + "<host>", "is missing for node " + node.name());
            }
            String host = Hosts.problem(node.host());
            if (host != null) {
                throw new ClusterConfigException(NODE + "<host>", "\"" + printable(node.host()) + "\" of node "
                        + node.name() + " " + host + "; give the host name or IP address the other nodes reach "
                        + "it at");
            }
            if (node.address() != null && !node.address().isEmpty() && !node.address().equals("auto")) {
                String address = Hosts.problem(node.address());
                if (address != null) {
                    throw new ClusterConfigException(NODE + "<address>", "\"" + printable(node.address())
                            + "\" of node " + node.name() + " " + address + "; give an IP address or host name of "
                            + "that node, or auto");
                }
            }
            if (node.port() < 1 || node.port() > 65535) {
                throw new ClusterConfigException(NODE + "<port>", node.port() + " of node " + node.name()
                        + " is not a TCP port (1-65535)");
            }
            Node sameName = names.put(node.name().toLowerCase(Locale.ROOT), node);
            if (sameName != null) {
                throw new ClusterConfigException(NODE + "<name>", "\"" + node.name() + "\" names two nodes ("
                        + sameName + " and " + node + "); names must differ, ignoring case");
            }
            Node sameRoute = routes.put(node.jvmRoute(), node);
            if (sameRoute != null) {
                throw new ClusterConfigException(NODE + "<jvmRoute>", "\"" + node.jvmRoute() + "\" is the "
                        + "jvmRoute of both " + sameRoute.name() + " and " + node.name() + "; the load balancer "
                        + "could not tell them apart");
            }
        }
    }

    /** The longest route mod_proxy_balancer keeps ({@code BalancerMember Route length must be < 64 characters}). */
    static final int MAX_ROUTE = 63;

    /**
     * With a {@code <loadBalancer>}: every node has an HTTP port the balancer can send to, at an address no other
     * node has; every route is a token the balancers match (letters, digits, '_' and '-', at most
     * {@value #MAX_ROUTE}); the health check path is a plain URL path. {@code <httpPort>} is checked without one too.
     *
     * @param serverXml whether a base server.xml was given (for the message when a port is missing)
     */
    static void checkLoadBalancer(ClusterSettings settings, List<NodePorts> ports, boolean serverXml,
            List<String> warnings) throws ClusterConfigException {
        for (NodePorts node : ports) {
            Integer given = node.node.httpPort();
            if (given != null && (given < 1 || given > 65535)) {
                throw new ClusterConfigException(NODE + "<httpPort>", given + " of node " + node.node.name()
                        + " is not a TCP port (1-65535)");
            }
        }
        LoadBalancer balancer = settings.loadBalancer();
        if (balancer == null) {
            return;
        }
        if (ports.isEmpty()) {
            throw new ClusterConfigException("<nodes>", "is empty, and <loadBalancer> " + balancer + " needs one "
                    + "member per node: list the nodes, each with <name>, <host> and <httpPort> (or set <serverXml>, "
                    + "whose HTTP connector gives the port)");
        }
        Map<String, NodePorts> addresses = new HashMap<>();
        for (NodePorts node : ports) {
            String route = node.node.jvmRoute();
            if (route.length() > MAX_ROUTE) {
                throw new ClusterConfigException(NODE + (node.node.jvmRoute().equals(node.node.name()) ? "<name>"
                        : "<jvmRoute>"), "\"" + route + "\" of node " + node.node.name() + " has " + route.length()
                        + " characters; as a load balancer route it must be 1 to " + MAX_ROUTE + " letters, digits, "
                        + "'_' or '-' (mod_proxy_balancer refuses longer routes): set a shorter <jvmRoute>");
            }
            if (node.http == null) {
                String why = !serverXml ? "without <serverXml> the plugin does not know the node's HTTP port"
                        : node.httpInServerXml == null ? "the base server.xml has no HTTP <Connector> (one without "
                        + "SSLEnabled=\"true\" and not AJP)" : "the base server.xml's HTTP <Connector> port is \""
                        + node.httpInServerXml + "\", not a number";
                throw new ClusterConfigException(NODE + "<httpPort>", "is missing for node " + node.node.name()
                        + ", and <loadBalancer> " + balancer + " must send its requests there: " + why + "; add "
                        + "<httpPort> to the node (the port of its HTTP connector)");
            }
            String address = Hosts.key(node.node.host()) + ":" + node.http;
            NodePorts same = addresses.put(address, node);
            if (same != null) {
                throw new ClusterConfigException(NODE + "<httpPort>", node.http + " is the HTTP port of both "
                        + same.node.name() + " and " + node.node.name() + " on host " + node.node.host() + "; the load "
                        + "balancer would send both members' requests to one Tomcat: give each node its own port");
            }
            if (node.node.httpPort() != null && node.httpInServerXml != null
                    && !node.httpInServerXml.equals(String.valueOf(node.node.httpPort()))) {
                warnings.add("<nodes><node><httpPort> of " + node.node.name() + " is " + node.node.httpPort()
                        + ", while its server.xml's HTTP connector listens on " + node.httpInServerXml + ": the load "
                        + "balancer sends to " + node.node.httpPort() + " (right when a proxy or NAT lies between)");
            }
        }
        String path = settings.healthCheckPath();
        if (!isUrlPath(path)) {
            throw new ClusterConfigException("<healthCheckPath>", "\"" + printable(path) + "\" is not a URL path "
                    + "the load balancer configuration can hold: it must start with '/' and have only letters, "
                    + "digits and . _ ~ / ? & = + , : @ - and %XX escapes (no space, quote or '#')");
        }
    }

    /** A path a balancer's health check or a readiness probe can hold as it is: safe characters, %XX escapes. */
    private static boolean isUrlPath(String path) {
        return path.matches("/[A-Za-z0-9._~/?&=+,:@%-]*") && !path.matches(".*%(?![0-9A-Fa-f]{2}).*");
    }

    private static void checkNumbers(ClusterSettings settings) throws ClusterConfigException {
        number(settings, Element.RECEIVER, "port", 1, 65535);
        number(settings, Element.RECEIVER, "autoBind", 1, 65535);
        number(settings, Element.RECEIVER, "maxThreads", 1, Integer.MAX_VALUE);
        number(settings, Element.MULTICAST, "port", 1, 65535);
        number(settings, Element.MULTICAST, "frequency", 1, Integer.MAX_VALUE);
        number(settings, Element.MULTICAST, "dropTime", 1, Integer.MAX_VALUE);
        number(settings, Element.MULTICAST, "ttl", 0, 255);
    }

    /** Every attribute value can be written as it is: no line breaks or control characters. */
    private static void checkValues(ClusterSettings settings) throws ClusterConfigException {
        for (Element element : Element.values()) {
            for (Map.Entry<String, String> attribute : settings.attributes(element).entrySet()) {
                String problem = XmlText.problem(attribute.getValue());
                if (problem != null) {
                    throw new ClusterConfigException(element.parameter() + "<" + attribute.getKey() + ">", problem);
                }
            }
        }
    }

    /**
     * The send options parse as the Tomcat line reads them; a warning when the ones that carry session changes,
     * the Cluster's {@code channelSendOptions} for the DeltaManager, the {@code mapSendOptions} for the
     * BackupManager, do not wait for the synchronous acknowledgement.
     */
    private static void checkSendOptions(ClusterSettings settings, List<String> warnings)
            throws ClusterConfigException {
        String clusterParameter = Element.CLUSTER.parameter() + "<channelSendOptions>";
        String clusterValue = settings.attributes(Element.CLUSTER).get("channelSendOptions");
        int cluster = SendOptions.parse(clusterParameter, clusterValue, settings.line(), SendOptions.CLUSTER_DEFAULT);
        if (settings.manager() == ClusterSettings.Manager.DELTA) {
            warnIfNotSynchronous(clusterParameter, clusterValue, cluster, "the DeltaManager sends each session change "
                    + "to the other nodes with the Cluster's channelSendOptions", warnings);
        } else {
            String mapParameter = Element.MANAGER.parameter() + "<mapSendOptions>";
            String mapValue = settings.attributes(Element.MANAGER).get("mapSendOptions");
            int map = SendOptions.parse(mapParameter, mapValue, settings.line(), SendOptions.SYNCHRONOUS);
            warnIfNotSynchronous(mapParameter, mapValue, map, "the BackupManager copies each session change to its "
                    + "backup node with its mapSendOptions", warnings);
        }
    }

    private static void warnIfNotSynchronous(String parameter, String value, int options, String how,
            List<String> warnings) {
        if (SendOptions.synchronous(options)) {
            return;
        }
        String given = value == null || value.isEmpty() ? " is not set, so Tomcat uses " : " is ";
        warnings.add(parameter + given + options + " (" + SendOptions.names(options) + "), which "
                + SendOptions.shortfall(options) + ": " + how + ", and without the synchronous acknowledgement "
                + "(SYNC_ACK with USE_ACK) a request completes before the change arrives, so a failover right after "
                + "it loses the change; use 6 (use_ack,sync)");
    }

    private static void number(ClusterSettings settings, Element element, String name, int min, int max)
            throws ClusterConfigException {
        String value = settings.attributes(element).get(name);
        if (value == null || value.isEmpty()) {
            return;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            parsed = Long.MIN_VALUE;
        }
        if (parsed < min || parsed > max) {
            throw new ClusterConfigException(element.parameter() + "<" + name + ">", "\"" + value + "\" must be a number from "
                    + min + (max == Integer.MAX_VALUE ? " up" : " to " + max));
        }
    }

    private static void checkMembership(ClusterSettings settings) throws ClusterConfigException {
        if (settings.membership() == Membership.STATIC && settings.nodes().size() < 2) {
            throw new ClusterConfigException("<nodes>", "lists " + settings.nodes().size() + " node"
                    + (settings.nodes().size() == 1 ? "" : "s") + "; static membership needs at least two, "
                    + "each with <name>, <host> and <port>");
        }
        if (settings.membership() == Membership.MULTICAST) {
            String address = settings.attributes(Element.MULTICAST).getOrDefault("address", "");
            if (!isMulticast(address)) {
                throw new ClusterConfigException("<multicastAttributes><address>", "\"" + address + "\" is not a "
                        + "multicast address: IPv4 multicast is 224.0.0.0/4 (224.0.0.0 to 239.255.255.255)");
            }
        }
    }

    static boolean isMulticast(String address) {
        String[] octets = address.trim().split("\\.", -1);
        if (octets.length == 4) {
            int first = -1;
            for (int i = 0; i < 4; i++) {
                if (!octets[i].matches("\\d{1,3}") || Integer.parseInt(octets[i]) > 255) {
                    return false;
                }
                if (i == 0) {
                    first = Integer.parseInt(octets[i]);
                }
            }
            return first >= 224 && first <= 239;
        }
        return address.trim().toLowerCase(Locale.ROOT).matches("ff[0-9a-f]{2}:[0-9a-f:]*");
    }

    /** Receiver port ranges ({@code port} to {@code port + autoBind - 1}) of nodes on one host are disjoint. */
    private static void checkPorts(ClusterSettings settings) throws ClusterConfigException {
        int autoBind = ClusterXml.autoBind(settings);
        List<Node> nodes = settings.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                Node a = nodes.get(i);
                Node b = nodes.get(j);
                if (!sameHost(a.host(), b.host())) {
                    continue;
                }
                if (Math.abs(a.port() - b.port()) < autoBind) {
                    throw new ClusterConfigException(NODE + "<port>", "ranges of " + a.name() + " (" + range(a,
                            autoBind) + ") and " + b.name() + " (" + range(b, autoBind) + ") overlap on host "
                            + a.host() + ": a receiver binds the first free port of its range (<receiverAttributes>"
                            + "<autoBind> is " + autoBind + "); give co-hosted nodes ports at least " + autoBind
                            + " apart");
                }
            }
        }
    }

    private static String range(Node node, int autoBind) {
        return autoBind == 1 ? String.valueOf(node.port()) : node.port() + "-" + (node.port() + autoBind - 1);
    }

    /** Whether two host names denote one machine as far as the configuration can tell. */
    static boolean sameHost(String a, String b) {
        return Hosts.same(a, b);
    }

    /** The value with its control characters shown as {@code \\u000A}, for a message on one line. */
    private static String printable(String value) {
        StringBuilder s = new StringBuilder();
        for (char c : value.toCharArray()) {
            s.append(c < 0x20 || (c >= 0x7F && c <= 0x9F) ? String.format(Locale.ROOT, "\\u%04X", (int) c) : c);
        }
        return s.toString();
    }

    private static void checkEncryption(ClusterSettings settings, List<String> warnings)
            throws ClusterConfigException {
        String key = settings.encryptionKey();
        if (key == null) {
            warnings.add("No <encryptionKey>: cluster traffic is unauthenticated Java serialization; keep the "
                    + "receiver ports on a trusted network only, or set an encryption key");
            return;
        }
        if (!key.matches("[0-9A-Fa-f]+") || (key.length() != 32 && key.length() != 48 && key.length() != 64)) {
            throw new ClusterConfigException("<encryptionKey>", "must be 32, 48 or 64 hex digits (a 128, 192 or "
                    + "256 bit AES key); the value given has " + key.length() + " characters"
                    + (key.matches("[0-9A-Fa-f]*") ? "" : ", not all of them hex digits"));
        }
    }

    private static void warnAboutAddress(ClusterSettings settings, List<String> warnings) {
        Set<String> hosts = new LinkedHashSet<>();
        List<String> auto = new ArrayList<>();
        for (Node node : settings.nodes()) {
            boolean known = false;
            for (String host : hosts) {
                known |= sameHost(host, node.host());
            }
            if (!known) {
                hosts.add(node.host());
            }
            if ("auto".equalsIgnoreCase(ClusterXml.receiverAddress(settings, node))) {
                auto.add(node.name());
            }
        }
        if (hosts.size() > 1 && !auto.isEmpty()) {
            warnings.add("Receiver address is \"auto\" for " + String.join(", ", auto) + ": Tomcat then "
                    + "advertises what InetAddress.getLocalHost() returns, often 127.0.0.1, and nodes on other "
                    + "hosts never reach it; set <nodes><node><address> (or <receiverAttributes><address>)");
        }
    }
}
