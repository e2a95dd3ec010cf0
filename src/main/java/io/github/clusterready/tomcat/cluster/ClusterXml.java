package io.github.clusterready.tomcat.cluster;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the {@code <Cluster>} element for the settings, shared by all nodes or for one node. Tomcat drops its
 * default interceptors, valves and listeners as soon as one is configured, so every one needed is listed.
 */
final class ClusterXml {
    private static final String TRIBES = "org.apache.catalina.tribes.";
    private static final String INTERCEPTORS = TRIBES + "group.interceptors.";
    private static final String STATIC_MEMBER = TRIBES + "membership.StaticMember";

    private final ClusterSettings settings;

    ClusterXml(ClusterSettings settings) {
        this.settings = settings;
    }

    /** The Cluster every node can use unchanged (no nodes configured). */
    XmlElement shared() {
        return cluster(null);
    }

    /** The Cluster of one node: its receiver port and address, and for static membership its peers. */
    XmlElement of(Node node) {
        return cluster(node);
    }

    /** The text of the element at {@code indent}. */
    static String render(XmlElement element, String indent) {
        StringBuilder out = new StringBuilder();
        element.render(out, indent);
        return out.toString();
    }

    private XmlElement cluster(Node node) {
        boolean staticInterceptor = settings.membership() == Membership.STATIC
                && !settings.line().hasMembershipServices();
        XmlElement cluster = new XmlElement("Cluster", "org.apache.catalina.ha.tcp.SimpleTcpCluster");
        Map<String, String> clusterAttributes = new LinkedHashMap<>(settings.attributes(Element.CLUSTER));
        if (staticInterceptor) {
            // start only the sender and receiver: no multicast membership beside the static members
            clusterAttributes.putIfAbsent("channelStartOptions", "3");
        }
        cluster.attributes(clusterAttributes);
        cluster.child(new XmlElement("Manager", settings.managerClassName())
                .attributes(settings.attributes(Element.MANAGER)));

        XmlElement channel = new XmlElement("Channel", TRIBES + "group.GroupChannel");
        cluster.child(channel);
        XmlElement membership = membership();
        if (membership != null) {
            channel.child(membership);
        }
        channel.child(receiver(node));
        channel.child(new XmlElement("Sender", TRIBES + "transport.ReplicationTransmitter")
                .attributes(settings.attributes(Element.SENDER))
                .child(new XmlElement("Transport", TRIBES + "transport.nio.PooledParallelSender")
                        .attributes(settings.attributes(Element.TRANSPORT))));
        if (settings.encryptionKey() != null) {
            channel.child(new XmlElement("Interceptor", INTERCEPTORS + "EncryptInterceptor")
                    .attribute("encryptionAlgorithm", settings.encryptionAlgorithm())
                    .attribute("encryptionKey", settings.encryptionKey()));
        }
        if (staticInterceptor) {
            channel.child(new XmlElement("Interceptor", INTERCEPTORS + "TcpPingInterceptor")
                    .attribute("staticOnly", "true"));
        }
        channel.child(new XmlElement("Interceptor", INTERCEPTORS + "TcpFailureDetector"));
        if (staticInterceptor) {
            channel.child(staticMembershipInterceptor(node));
        }
        channel.child(new XmlElement("Interceptor", INTERCEPTORS + "MessageDispatchInterceptor"));
        channel.child(new XmlElement("Interceptor", INTERCEPTORS + "ThroughputInterceptor"));

        cluster.child(new XmlElement("Valve", "org.apache.catalina.ha.tcp.ReplicationValve")
                .attributes(settings.attributes(Element.REPLICATION_VALVE)));
        if (settings.jvmRouteBinderValve()) {
            cluster.child(new XmlElement("Valve", "org.apache.catalina.ha.session.JvmRouteBinderValve"));
        }
        if (settings.deployer()) {
            cluster.child(new XmlElement("Deployer", "org.apache.catalina.ha.deploy.FarmWarDeployer")
                    .attributes(settings.attributes(Element.DEPLOYER)));
        }
        cluster.child(new XmlElement("ClusterListener", "org.apache.catalina.ha.session.ClusterSessionListener"));
        return cluster;
    }

    private XmlElement membership() {
        switch (settings.membership()) {
            case MULTICAST:
                return new XmlElement("Membership", TRIBES + "membership.McastService")
                        .attributes(settings.attributes(Element.MULTICAST));
            case STATIC:
                if (!settings.line().hasMembershipServices()) {
                    return null;
                }
                XmlElement service = new XmlElement("Membership", TRIBES + "membership.StaticMembershipService");
                for (Node member : settings.nodes()) {
                    service.child(member(member));
                }
                return service;
            default:
                return new XmlElement("Membership", TRIBES + "membership.cloud.CloudMembershipService")
                        .attribute("membershipProviderClassName", settings.membership().toString())
                        .attributes(settings.attributes(Element.CLOUD_MEMBERSHIP));
        }
    }

    /** Tomcat 8.5's static cluster: the local member and its peers inside the interceptor. */
    private XmlElement staticMembershipInterceptor(Node node) {
        XmlElement interceptor = new XmlElement("Interceptor", INTERCEPTORS + "StaticMembershipInterceptor");
        interceptor.child(new XmlElement("LocalMember", STATIC_MEMBER).attribute("host", node.host())
                .attribute("port", String.valueOf(node.port())).attribute("uniqueId", uniqueId(node)));
        for (Node member : settings.nodes()) {
            if (!member.name().equals(node.name())) {
                interceptor.child(member(member));
            }
        }
        return interceptor;
    }

    private static XmlElement member(Node member) {
        return new XmlElement("Member", STATIC_MEMBER).attribute("host", member.host())
                .attribute("port", String.valueOf(member.port())).attribute("uniqueId", uniqueId(member));
    }

    private XmlElement receiver(Node node) {
        Map<String, String> attributes = new LinkedHashMap<>(settings.attributes(Element.RECEIVER));
        if (node != null) {
            attributes.put("address", receiverAddress(settings, node));
            attributes.put("port", String.valueOf(node.port()));
            attributes.put("autoBind", String.valueOf(autoBind(settings)));
        }
        return new XmlElement("Receiver", TRIBES + "transport.nio.NioReceiver").attributes(attributes);
    }

    /**
     * The address a node's receiver binds to: the node's own, else its host for static membership (Tomcat finds
     * the local member by comparing the receiver's address with the members' hosts), else the cluster's.
     */
    static String receiverAddress(ClusterSettings settings, Node node) {
        if (node.address() != null && !node.address().isEmpty()) {
            return node.address();
        }
        if (settings.membership() == Membership.STATIC) {
            return node.host();
        }
        return settings.attributes(Element.RECEIVER).getOrDefault("address", "auto");
    }

    /**
     * How many ports from its own a receiver may try: the configured {@code autoBind}; with nodes configured
     * by default 1 (a node binds its port or fails, never a neighbour's), else Tomcat's 100.
     */
    static int autoBind(ClusterSettings settings) {
        String configured = settings.attributes(Element.RECEIVER).get("autoBind");
        if (configured != null && !configured.isEmpty()) {
            return Integer.parseInt(configured.trim());
        }
        return settings.nodes().isEmpty() ? 100 : 1;
    }

    /** A member id every node derives alike from the node's name: 16 bytes, as Tomcat writes byte arrays. */
    static String uniqueId(Node node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(node.name().getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("{");
            for (int i = 0; i < 16; i++) {
                id.append(i == 0 ? "" : ",").append(digest[i]);
            }
            return id.append('}').toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
