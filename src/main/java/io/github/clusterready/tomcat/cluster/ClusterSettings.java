package io.github.clusterready.tomcat.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster as the user configured it: Tomcat line, session manager, membership, nodes, the optional parts,
 * and attribute values that override the defaults of each element. Defaults reproduce the seed configuration.
 */
public final class ClusterSettings {

    /** The session manager every clustered webapp gets. */
    public enum Manager {
        /** All-to-all replication ({@code DeltaManager}). */
        DELTA("org.apache.catalina.ha.session.DeltaManager"),
        /** Each session on one backup node ({@code BackupManager}). */
        BACKUP("org.apache.catalina.ha.session.BackupManager");

        private final String className;

        Manager(String className) {
            this.className = className;
        }

        public String className() {
            return className;
        }

        /** {@code delta}, {@code backup}, or the class's simple or full name. */
        public static Manager of(String value) throws ClusterConfigException {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (Manager manager : values()) {
                String simple = manager.className.substring(manager.className.lastIndexOf('.') + 1);
                if (v.equals(manager.name().toLowerCase(Locale.ROOT)) || v.equals(simple.toLowerCase(Locale.ROOT))
                        || v.equals(manager.className.toLowerCase(Locale.ROOT))) {
                    return manager;
                }
            }
            throw new ClusterConfigException("<manager>", "\"" + value + "\" is not a cluster session manager; use "
                    + "DeltaManager or BackupManager");
        }
    }

    /** How the nodes find each other. */
    public enum Membership {
        MULTICAST, STATIC, KUBERNETES, DNS;

        public static Membership of(String value) throws ClusterConfigException {
            for (Membership membership : values()) {
                if (membership.name().equalsIgnoreCase(value.trim())) {
                    return membership;
                }
            }
            throw new ClusterConfigException("<membership>", "\"" + value + "\" is not a membership; use multicast, "
                    + "static, kubernetes or dns");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The elements whose attributes the POM can set, each with its parameter and the seed's values. */
    public enum Element {
        CLUSTER("clusterAttributes", "channelSendOptions", "6"),
        MANAGER("managerAttributes"),
        MULTICAST("multicastAttributes", "address", "228.0.0.4", "port", "45564", "frequency", "500",
                "dropTime", "3000"),
        CLOUD_MEMBERSHIP("cloudMembershipAttributes"),
        RECEIVER("receiverAttributes", "address", "auto", "port", "4000", "selectorTimeout", "100",
                "maxThreads", "6"),
        SENDER("senderAttributes"),
        TRANSPORT("transportAttributes"),
        REPLICATION_VALVE("replicationValveAttributes", "filter",
                ".*\\.gif|.*\\.js|.*\\.jpeg|.*\\.jpg|.*\\.png|.*\\.htm|.*\\.html|.*\\.css|.*\\.txt"),
        DEPLOYER("deployerAttributes", "tempDir", "/tmp/war-temp/", "deployDir", "/tmp/war-deploy/",
                "watchDir", "/tmp/war-listen/", "watchEnabled", "false");

        private final String parameter;
        private final String[] defaults;

        Element(String parameter, String... defaults) {
            this.parameter = parameter;
            this.defaults = defaults;
        }

        /** The POM parameter that sets this element's attributes, e.g. {@code <receiverAttributes>}. */
        public String parameter() {
            return "<" + parameter + ">";
        }

        Map<String, String> defaults() {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < defaults.length; i += 2) {
                map.put(defaults[i], defaults[i + 1]);
            }
            return map;
        }
    }

    /** The Manager attribute Tomcat reads the allow-list of session attribute value classes from. */
    public static final String VALUE_CLASS_FILTER = "sessionAttributeValueClassNameFilter";
    /** The Manager attribute that makes Tomcat log, as a warning, each attribute the allow-list keeps back. */
    public static final String WARN_ON_FILTER_FAILURE = "warnOnSessionAttributeFilterFailure";

    /** The path the load balancer's health check asks for when none is configured. */
    public static final String DEFAULT_HEALTH_CHECK_PATH = "/";

    /** The algorithm written when none is configured: authenticated, and known to every supported line. */
    public static final String DEFAULT_ENCRYPTION_ALGORITHM = "AES/GCM/NoPadding";

    private final TomcatLine line;
    private final Manager manager;
    private final Membership membership;
    private final List<Node> nodes;
    private final Map<Element, Map<String, String>> attributes;
    private final boolean jvmRouteBinderValve;
    private final boolean deployer;
    private final String encryptionKey;
    private final String encryptionAlgorithm;
    private final String managerClassName;
    private final LoadBalancer loadBalancer;
    private final String healthCheckPath;
    private final KubernetesDeployment kubernetes;

    private ClusterSettings(Builder builder) {
        this.line = builder.line;
        this.manager = builder.manager;
        this.membership = builder.membership;
        this.nodes = Collections.unmodifiableList(new ArrayList<>(builder.nodes));
        this.attributes = new EnumMap<>(Element.class);
        for (Element element : Element.values()) {
            Map<String, String> merged = element.defaults();
            if (element == Element.MANAGER) {
                merged.putAll(managerDefaults(builder.manager));
                if (builder.sessionAttributeFilter != null) {
                    merged.put(VALUE_CLASS_FILTER, builder.sessionAttributeFilter);
                    merged.put(WARN_ON_FILTER_FAILURE, "true");
                }
            }
            merged.putAll(builder.attributes.getOrDefault(element, Collections.emptyMap()));
            attributes.put(element, Collections.unmodifiableMap(merged));
        }
        this.jvmRouteBinderValve = builder.jvmRouteBinderValve;
        this.deployer = builder.deployer;
        this.encryptionKey = builder.encryptionKey;
        this.encryptionAlgorithm = builder.encryptionAlgorithm;
        this.managerClassName = builder.managerClassName;
        this.loadBalancer = builder.loadBalancer;
        this.healthCheckPath = builder.healthCheckPath;
        this.kubernetes = builder.kubernetes;
    }

    private static Map<String, String> managerDefaults(Manager manager) {
        Map<String, String> map = new LinkedHashMap<>();
        if (manager == Manager.DELTA) {
            map.put("expireSessionsOnShutdown", "false");
            map.put("notifyListenersOnReplication", "true");
        } else {
            // the seed's commented-out BackupManager also sets expireSessionsOnShutdown, which it does not have
            map.put("notifyListenersOnReplication", "true");
            map.put("mapSendOptions", "6");
        }
        return map;
    }

    public static Builder builder(TomcatLine line) {
        return new Builder(line);
    }

    public TomcatLine line() {
        return line;
    }

    public Manager manager() {
        return manager;
    }

    /** The class written as the {@code <Manager>}: the manager's own, or a subclass of it (the run goals' probe). */
    public String managerClassName() {
        return managerClassName != null ? managerClassName : manager.className();
    }

    public Membership membership() {
        return membership;
    }

    /** The configured nodes; empty when every node shares one configuration. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The element's attributes: the seed's defaults overridden by the configured values, in writing order. */
    public Map<String, String> attributes(Element element) {
        return attributes.get(element);
    }

    public boolean jvmRouteBinderValve() {
        return jvmRouteBinderValve;
    }

    /** Whether a {@code FarmWarDeployer} is written (which needs the Cluster inside {@code <Host>}). */
    public boolean deployer() {
        return deployer;
    }

    /** The hex encryption key, or null without encryption. Never log it. */
    public String encryptionKey() {
        return encryptionKey;
    }

    public String encryptionAlgorithm() {
        return encryptionAlgorithm;
    }

    /** The load balancer to write a configuration for, or null for none. */
    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    /** The path the load balancer's health check asks each node for, e.g. {@code /shop/}. */
    public String healthCheckPath() {
        return healthCheckPath;
    }

    /** Where the Kubernetes manifests (written with kubernetes or dns membership) deploy the cluster. */
    public KubernetesDeployment kubernetes() {
        return kubernetes;
    }

    /** Collects the settings; everything not set keeps the seed's default. */
    public static final class Builder {
        private final TomcatLine line;
        private Manager manager = Manager.DELTA;
        private Membership membership = Membership.MULTICAST;
        private final List<Node> nodes = new ArrayList<>();
        private final Map<Element, Map<String, String>> attributes = new EnumMap<>(Element.class);
        private boolean jvmRouteBinderValve;
        private boolean deployer;
        private String encryptionKey;
        private String encryptionAlgorithm = DEFAULT_ENCRYPTION_ALGORITHM;
        private String sessionAttributeFilter;
        private String managerClassName;
        private LoadBalancer loadBalancer;
        private String healthCheckPath = DEFAULT_HEALTH_CHECK_PATH;
        private KubernetesDeployment kubernetes = new KubernetesDeployment("tomcat",
                KubernetesDeployment.DEFAULT_NAMESPACE, "tomcat", KubernetesDeployment.DEFAULT_REPLICAS);

        private Builder(TomcatLine line) {
            this.line = line;
        }

        public Builder manager(Manager value) {
            this.manager = value;
            return this;
        }

        /**
         * Writes this subclass of the manager's class as the {@code <Manager>} instead: the probe of the run goals,
         * never a configuration for production.
         */
        public Builder managerClassName(String value) {
            this.managerClassName = value;
            return this;
        }

        public Builder membership(Membership value) {
            this.membership = value;
            return this;
        }

        public Builder node(Node node) {
            nodes.add(node);
            return this;
        }

        /** Overrides attributes of an element; {@code className} belongs to the plugin and is refused. */
        public Builder attributes(Element element, Map<String, String> values) throws ClusterConfigException {
            Map<String, String> map = attributes.computeIfAbsent(element, e -> new LinkedHashMap<>());
            for (Map.Entry<String, String> entry : values.entrySet()) {
                String name = entry.getKey();
                if (name == null || !XmlText.isName(name)) {
                    throw new ClusterConfigException(element.parameter(), "has the key \"" + name + "\", which is "
                            + "not an XML attribute name (letters, digits, '_', '-', '.', not starting with a digit, "
                            + "no ':'); use the attribute's name as Tomcat's configuration reference spells it");
                }
                if (name.toLowerCase(Locale.ROOT).startsWith("xmlns")) {
                    throw new ClusterConfigException(element.parameter(), "cannot set \"" + name + "\": it would "
                            + "declare an XML namespace, not set an attribute Tomcat reads; remove it");
                }
                if (name.equalsIgnoreCase("className")) {
                    throw new ClusterConfigException(element.parameter(), "cannot set the attribute \"" + name
                            + "\": the plugin chooses the class; remove it");
                }
                if (element == Element.MANAGER && name.equals(VALUE_CLASS_FILTER) && sessionAttributeFilter != null) {
                    throw filterSetTwice();
                }
                map.put(name, entry.getValue() == null ? "" : entry.getValue().trim());
            }
            return this;
        }

        /**
         * Restricts the session attribute values the Manager replicates to the classes {@code regex} matches
         * ({@code sessionAttributeValueClassNameFilter}), and has Tomcat log a warning for each value it keeps back.
         */
        public Builder sessionAttributeFilter(String regex) throws ClusterConfigException {
            Map<String, String> manager = attributes.getOrDefault(Element.MANAGER, Collections.emptyMap());
            if (manager.containsKey(VALUE_CLASS_FILTER)) {
                throw filterSetTwice();
            }
            this.sessionAttributeFilter = regex;
            return this;
        }

        private static ClusterConfigException filterSetTwice() {
            return new ClusterConfigException(Element.MANAGER.parameter(), "sets " + VALUE_CLASS_FILTER + ", which "
                    + "restrictSessionClasses writes from the session analysis; remove it from "
                    + Element.MANAGER.parameter() + ", or set restrictSessionClasses to false");
        }

        public Builder jvmRouteBinderValve(boolean value) {
            this.jvmRouteBinderValve = value;
            return this;
        }

        public Builder deployer(boolean value) {
            this.deployer = value;
            return this;
        }

        /** A 128, 192 or 256 bit key in hex, or null for no encryption. */
        public Builder encryptionKey(String value) {
            this.encryptionKey = value == null || value.trim().isEmpty() ? null : value.trim();
            return this;
        }

        public Builder encryptionAlgorithm(String value) {
            if (value != null && !value.trim().isEmpty()) {
                this.encryptionAlgorithm = value.trim();
            }
            return this;
        }

        /** The load balancer to write a configuration for, or null for none. */
        public Builder loadBalancer(LoadBalancer value) {
            this.loadBalancer = value;
            return this;
        }

        /** The path the load balancer's health check asks each node for; null or empty keeps {@code /}. */
        public Builder healthCheckPath(String value) {
            if (value != null && !value.trim().isEmpty()) {
                this.healthCheckPath = value.trim();
            }
            return this;
        }

        /** Where the Kubernetes manifests deploy the cluster. */
        public Builder kubernetes(KubernetesDeployment value) {
            this.kubernetes = value;
            return this;
        }

        public ClusterSettings build() {
            return new ClusterSettings(this);
        }
    }
}
