package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import io.github.clusterready.tomcat.cluster.LineChoice;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.session.SessionClassAllowList;
import io.github.clusterready.tomcat.session.SessionClassesException;
import io.github.clusterready.tomcat.war.WarException;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The cluster as the POM describes it, shared by the goals that write its configuration ({@code cluster-config})
 * and those that start it ({@code run}, {@code start}, {@code stop}): one plugin-level {@code <configuration>}
 * serves them all.
 */
abstract class AbstractClusterMojo extends AbstractPluginMojo {
    /** The environment variable read when {@code <encryptionKey>} is not set. */
    static final String KEY_VARIABLE = "TOMCAT_CLUSTER_ENCRYPTION_KEY";

    /**
     * The Tomcat line to write for: 8.5, 9.0, 10.1 or 11.0 (a full version such as 10.1.59 works too). By default
     * the line of the Servlet API the project compiles against (3.1: 8.5, 4.0: 9.0, 5.0 and 6.0: 10.1, 6.1: 11.0),
     * else 10.1. The run goals start this release when it names one (10.1.59), else the line's newest tested
     * release (8.5.100, 9.0.117, 10.1.59, 11.0.24).
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.tomcatVersion")
    String tomcatVersion;

    /**
     * The session manager: {@code DeltaManager} (all-to-all) or {@code BackupManager} (one backup per session).
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.manager", defaultValue = "DeltaManager")
    private String manager;

    /**
     * How nodes find each other: {@code multicast}, {@code static} (the members are the {@code <nodes>}),
     * {@code kubernetes} or {@code dns} (Tomcat 9.0 and later).
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.membership", defaultValue = "multicast")
    private String membership;

    /**
     * The cluster's Tomcats, each {@code <node>} with {@code <name>}, {@code <host>}, {@code <port>} (receiver)
     * and optionally {@code <address>} (receiver bind address), {@code <jvmRoute>} and {@code <httpPort>} (where
     * the load balancer sends requests; by default the HTTP connector port of the node's server.xml). With nodes,
     * each gets its own {@code nodes/<name>/cluster.xml}; without, all share one {@code cluster.xml}:
     *
     * <pre>
     * &lt;nodes&gt;
     *   &lt;node&gt;&lt;name&gt;node1&lt;/name&gt;&lt;host&gt;10.0.0.1&lt;/host&gt;&lt;port&gt;4000&lt;/port&gt;&lt;/node&gt;
     *   &lt;node&gt;&lt;name&gt;node2&lt;/name&gt;&lt;host&gt;10.0.0.2&lt;/host&gt;&lt;port&gt;4000&lt;/port&gt;&lt;/node&gt;
     * &lt;/nodes&gt;
     * </pre>
     *
     * @since 1.0.0
     */
    @Parameter
    private List<Node> nodes;

    /**
     * The AES key for {@code EncryptInterceptor}: 32, 48 or 64 hex digits. Prefer the environment variable
     * {@code TOMCAT_CLUSTER_ENCRYPTION_KEY}, read when this is not set: a POM or command-line value shows in
     * Maven's debug output. Files holding the key are readable by their owner only.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.encryptionKey")
    private String encryptionKey;

    /**
     * The {@code EncryptInterceptor} algorithm, always written so that nodes on different patch releases agree:
     * {@code AES/GCM/NoPadding} or {@code AES/CBC/PKCS5Padding}.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.encryptionAlgorithm", defaultValue = "AES/GCM/NoPadding")
    private String encryptionAlgorithm;

    /**
     * Adds a {@code JvmRouteBinderValve}, which moves a session to the node that serves it after a failover.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.jvmRouteBinderValve", defaultValue = "false")
    private boolean jvmRouteBinderValve;

    /**
     * Adds a {@code FarmWarDeployer}; it works only with the Cluster inside {@code <Host>}, where the merged
     * {@code server.xml} then puts it.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.deployer", defaultValue = "false")
    private boolean deployer;

    /**
     * Attributes of {@code <Cluster>} ({@code SimpleTcpCluster}), one element each, named after the attribute; the
     * other {@code *Attributes} maps are written the same way:
     *
     * <pre>
     * &lt;clusterAttributes&gt;
     *   &lt;channelSendOptions&gt;6&lt;/channelSendOptions&gt;
     * &lt;/clusterAttributes&gt;
     * </pre>
     *
     * @since 1.0.0
     */
    @Parameter
    private Map<String, String> clusterAttributes;

    /**
     * Attributes of {@code <Manager>}, e.g. {@code <expireSessionsOnShutdown>}.
     *
     * @since 1.0.0
     */
    @Parameter
    private Map<String, String> managerAttributes;

    /**
     * Attributes of the multicast {@code <Membership>}: {@code address}, {@code port}, {@code frequency},
     * {@code dropTime}, {@code bind}, {@code ttl}, …
     *
     * @since 1.0.0
     */
    @Parameter
    private Map<String, String> multicastAttributes;

    /**
     * Attributes of the kubernetes or dns {@code <Membership>} ({@code CloudMembershipService}), e.g.
     * {@code connectTimeout}, {@code readTimeout}, {@code expirationTime}.
     *
     * @since 1.0.0
     */
    @Parameter
    private Map<String, String> cloudMembershipAttributes;

    /**
     * Attributes of {@code <Receiver>} ({@code NioReceiver}): {@code address}, {@code port},
     * {@code selectorTimeout}, {@code maxThreads}, {@code autoBind}, … An empty value leaves the attribute out.
     *
     * @since 1.0.0
     */
    @Parameter
    private Map<String, String> receiverAttributes;

    /**
     * Attributes of {@code <Sender>} ({@code ReplicationTransmitter}).
     *
     * @since 1.0.0
     */
    @Parameter
    private Map<String, String> senderAttributes;

    /**
     * Attributes of the sender's {@code <Transport>} ({@code PooledParallelSender}), e.g. {@code timeout}.
     *
     * @since 1.0.0
     */
    @Parameter
    private Map<String, String> transportAttributes;

    /**
     * Attributes of the {@code ReplicationValve}, e.g. its {@code filter} of requests that never change a session.
     *
     * @since 1.0.0
     */
    @Parameter
    private Map<String, String> replicationValveAttributes;

    /**
     * Attributes of the {@code FarmWarDeployer}: {@code tempDir}, {@code deployDir}, {@code watchDir},
     * {@code watchEnabled}, …
     *
     * @since 1.0.0
     */
    @Parameter
    private Map<String, String> deployerAttributes;

    /**
     * Lets the Manager replicate only session attribute values of the classes the webapp is known to store
     * ({@code sessionAttributeValueClassNameFilter}, the allow-list Tomcat's security guide recommends): those the
     * session analysis of {@code verify} or {@code session-check} listed in {@code sessionClassesFile}, plus
     * {@code allowedSessionClasses}. Tomcat neither sends nor accepts any other value, and logs a warning for each.
     * Run {@code verify} or {@code session-check} before this goal. Fails when the analysis found stored values
     * whose classes it cannot list and {@code allowedSessionClasses} is empty.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.restrictSessionClasses", defaultValue = "false")
    private boolean restrictSessionClasses;

    /**
     * With {@code restrictSessionClasses}, more classes whose session attribute values are replicated: class names
     * as {@code Class.getName()} spells them ({@code com.example.Cart}, {@code com.example.Cart$Item}), or
     * packages ({@code com.example.model.*}: its classes and those of the packages under it). For the values the
     * analysis cannot list: stored through {@code Object} or an interface, by JSP pages, or by libraries not
     * analysed.
     *
     * @since 1.0.0
     */
    @Parameter
    private List<String> allowedSessionClasses;

    /**
     * With {@code restrictSessionClasses}, the list of the classes stored in sessions that {@code verify} or
     * {@code session-check} wrote (their {@code sessionClassesFile}).
     *
     * @since 1.0.0
     */
    @Parameter(defaultValue = "${project.build.directory}/tomcat-cluster/session-classes.txt", required = true)
    private File sessionClassesFile;

    /** The settings as configured, to build (cluster-config) or to add the local nodes to (the run goals). */
    ClusterSettings.Builder settingsBuilder(TomcatLine line) throws ClusterConfigException, SessionClassesException,
            IOException {
        ClusterSettings.Builder builder = ClusterSettings.builder(line)
                .manager(ClusterSettings.Manager.of(manager))
                .membership(ClusterSettings.Membership.of(membership))
                .jvmRouteBinderValve(jvmRouteBinderValve)
                .deployer(deployer)
                .encryptionKey(encryptionKey != null ? encryptionKey : System.getenv(KEY_VARIABLE))
                .encryptionAlgorithm(encryptionAlgorithm)
                .attributes(Element.CLUSTER, orEmpty(clusterAttributes))
                .attributes(Element.MANAGER, orEmpty(managerAttributes))
                .attributes(Element.MULTICAST, orEmpty(multicastAttributes))
                .attributes(Element.CLOUD_MEMBERSHIP, orEmpty(cloudMembershipAttributes))
                .attributes(Element.RECEIVER, orEmpty(receiverAttributes))
                .attributes(Element.SENDER, orEmpty(senderAttributes))
                .attributes(Element.TRANSPORT, orEmpty(transportAttributes))
                .attributes(Element.REPLICATION_VALVE, orEmpty(replicationValveAttributes))
                .attributes(Element.DEPLOYER, orEmpty(deployerAttributes));
        String filter = sessionAttributeFilter();
        if (filter != null) {
            builder.sessionAttributeFilter(filter);
        }
        return builder;
    }

    /** The settings with the configured nodes. */
    ClusterSettings settings() throws ClusterConfigException, SessionClassesException, IOException, WarException,
            DescriptorException {
        ClusterSettings.Builder builder = settingsBuilder(lineChoice(null).line());
        String receiverPort = receiverAttributes == null ? null : receiverAttributes.get("port");
        for (Node node : configuredNodes()) {
            int port = node.port != null ? node.port
                    : receiverPort != null && receiverPort.trim().matches("\\d{1,5}")
                    ? Integer.parseInt(receiverPort.trim())
                    : 4000;
            builder.node(new io.github.clusterready.tomcat.cluster.Node(node.name, node.host, port, node.address,
                    node.jvmRoute, node.httpPort));
        }
        configure(builder);
        return builder.build();
    }

    /** Adds the goal's own settings to those the goals share; nothing by default. */
    void configure(ClusterSettings.Builder builder) throws ClusterConfigException {
    }

    /**
     * The {@code sessionAttributeValueClassNameFilter} that {@code restrictSessionClasses} asks for, from the
     * session analysis's list and {@code allowedSessionClasses}; null when not asked for.
     */
    String sessionAttributeFilter() throws SessionClassesException, IOException {
        List<String> allowed = allowedSessionClasses == null ? Collections.<String>emptyList() : allowedSessionClasses;
        if (!restrictSessionClasses) {
            if (!allowed.isEmpty()) {
                getLog().warn("<allowedSessionClasses> is ignored: it adds to the allow-list that "
                        + "tomcat-cluster.restrictSessionClasses writes, which is false");
            }
            return null;
        }
        String shown = shown(sessionClassesFile.toPath());
        SessionClassAllowList allowList = SessionClassAllowList.read(sessionClassesFile.toPath(), shown,
                project.getBasedir().toPath(), allowed);
        for (String warning : allowList.warnings()) {
            getLog().warn(warning);
        }
        getLog().info("Session attributes replicated only for " + allowList.summary() + ": "
                + ClusterSettings.VALUE_CLASS_FILTER + "=\"" + allowList.regex() + "\"");
        return allowList.regex();
    }

    /**
     * The line to write for or run, and why: {@code <tomcatVersion>}, else the project's Servlet API dependency,
     * else what {@code war} uses (null for a goal without a WAR), else 10.1.
     */
    LineChoice lineChoice(LineChoice.War war) throws ClusterConfigException, IOException, WarException,
            DescriptorException {
        List<LineChoice.Dependency> dependencies = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            dependencies.add(new LineChoice.Dependency(artifact.getGroupId(), artifact.getArtifactId(),
                    artifact.getBaseVersion()));
        }
        return LineChoice.choose(tomcatVersion, dependencies, war);
    }

    /** The {@code <nodes>} of the POM; empty when none are configured. */
    List<Node> configuredNodes() {
        return nodes == null ? Collections.<Node>emptyList() : nodes;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Collections.<String, String>emptyMap() : map;
    }
}
