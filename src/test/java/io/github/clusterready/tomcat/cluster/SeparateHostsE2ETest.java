package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import io.github.clusterready.tomcat.cluster.HostNetwork.Host;
import io.github.clusterready.tomcat.cluster.TestTomcats.Reply;
import io.github.clusterready.tomcat.session.Webapp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Tomcat nodes on separate hosts: each node in a network namespace of its own with its own address on one Ethernet
 * segment (veth pairs on a bridge, {@link HostNetwork}), running the {@code server.xml} that {@code cluster-config}
 * writes. For each membership, three nodes start one after the other; a session started on node1 continues on node2
 * and node3; node2 is stopped and started again and continues the session; a fourth node started later joins,
 * receives the sessions and replicates back to node1:
 * <ul>
 * <li>static membership (Tomcat 10.1): each node's receiver listens on its host's address, every node listed
 * (node4 too, not started until the end);
 * <li>DNS membership (Tomcat 9.0, 10.1, 11.0): one {@code server.xml} for every node, receiver address
 * {@code auto}, a real DNS server (dnsmasq) answering the headless Service's name from the generated StatefulSet's
 * {@code DNS_MEMBERSHIP_SERVICE_NAME} with the running nodes' addresses, and each node started with the StatefulSet's
 * environment and {@code CATALINA_OPTS} (its pod name as jvmRoute);
 * <li>Kubernetes membership (Tomcat 10.1) against {@link KubernetesApiStandIn}, a STAND-IN for the Kubernetes API
 * (which cannot run here) listing the running nodes as pods over HTTPS with a self-signed certificate the pods trust
 * as their CA, with the StatefulSet's environment; to a token it does not accept it answers 403, as the real API
 * does without the Role.
 * </ul>
 * Also: {@code address="auto"} on a host whose name resolves to 127.0.0.1 binds the receiver there, and no other
 * host reaches it, as INSTALL.md says; and the time a new node takes to join and receive 100 and 1,000 sessions
 * under DeltaManager, printed as {@code JOIN ...} lines.
 *
 * <p>Runs only with {@code -Dtomcat-cluster.e2e.hosts=true}, as root, with iproute2 and dnsmasq installed (see
 * {@code .ci/run}); uses the Tomcat distributions the build unpacks into {@code target/tomcat/<line>}. Every address
 * is inside the namespaces the test creates; no port is one of Tomcat's defaults. Every process is stopped by its
 * PID and every namespace deleted, also on failure.
 */
@EnabledIfSystemProperty(named = "tomcat-cluster.e2e.hosts", matches = "true")
class SeparateHostsE2ETest {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration MEMBERSHIP = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final int SHUTDOWN_PORT = 18005;
    private static final int HTTP_PORT = 18080;
    private static final int RECEIVER_PORT = 14000;
    private static final int API_PORT = 16443;
    private static final String NAMESPACE = "shop-ns";
    /** Of the stand-in's throw-away key store. */
    private static final String KEY_STORE_PASSWORD = "stand-in";
    private static final String APP = "shop";
    private static final Pattern COUNT = Pattern.compile("count=(\\d+) session=(\\S+)");
    private static final Pattern RECEIVED = Pattern.compile(
            "session state sent at \\[[^]]*\\] received in \\[([0-9,.]+)\\] ms");
    private static final String MEMBER_ADDED = "Replication member added";
    private static final String TEST_CLASSES = testClasses();

    @TempDir
    Path temp;

    /** How the nodes find each other, and what changes for it when a node stops or starts. */
    private interface Members {
        /** Node {@code host} is about to start (its pod gets its address). */
        void starting(Host host) throws Exception;

        /** Node {@code host} has stopped (its pod is gone). */
        void stopped(Host host) throws Exception;
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void staticMembersOnSeparateHosts() throws Exception {
        TomcatLine line = TomcatLine.V10_1;
        try (HostNetwork network = HostNetwork.create(prefix())) {
            List<Host> hosts = hosts(network, 4);
            ClusterSettings.Builder builder = ClusterSettings.builder(line).membership(Membership.STATIC);
            for (Host host : hosts) {
                builder.node(new Node(host.name, host.address, RECEIVER_PORT, null, null));
            }
            Path out = write(builder.build());
            String install = Files.readString(out.resolve("INSTALL.md"));
            for (Host host : hosts) {
                assertTrue(install.contains(host.name + ": `" + host.address + "`"), install);
            }
            Map<String, Path> serverXml = new LinkedHashMap<>();
            for (Host host : hosts) {
                serverXml.put(host.name, out.resolve("nodes/" + host.name + "/server.xml"));
            }
            Members none = new Members() {
                @Override
                public void starting(Host host) {
                }

                @Override
                public void stopped(Host host) {
                }
            };
            scenario(line, Membership.STATIC, network, hosts, serverXml,
                    host -> new NodeLaunch(List.of(), Map.of()), none);
        }
    }

    @ParameterizedTest(name = "Tomcat {0}")
    @ValueSource(strings = {"9.0", "10.1", "11.0"})
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void dnsMembersFromARealDnsServer(String version) throws Exception {
        TomcatLine line = TomcatLine.of(version);
        try (HostNetwork network = HostNetwork.create(prefix())) {
            List<Host> hosts = hosts(network, 4);
            Path out = write(cloud(line, Membership.DNS));
            Map<String, Object> container = container(out);
            String service = env(container).get("DNS_MEMBERSHIP_SERVICE_NAME");
            assertEquals(APP + "-members." + NAMESPACE + ".svc.cluster.local", service);
            try (DnsServer dns = DnsServer.start(network.switchNamespace(), network.switchAddress(), temp)) {
                List<String> running = new ArrayList<>();
                Members records = new Members() {
                    @Override
                    public void starting(Host host) throws Exception {
                        running.add(host.address);
                        dns.answer(service, running);
                    }

                    @Override
                    public void stopped(Host host) throws Exception {
                        running.remove(host.address);
                        dns.answer(service, running);
                    }
                };
                scenario(line, Membership.DNS, network, hosts, shared(out, hosts),
                        host -> launch(container, host, Map.of()), records);
                String queries = dns.log();
                assertTrue(queries.contains("query[A] " + service + " from " + hosts.get(3).address), queries);
            }
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void kubernetesMembersFromAStandInForTheApi() throws Exception {
        TomcatLine line = TomcatLine.V10_1;
        try (HostNetwork network = HostNetwork.create(prefix())) {
            List<Host> hosts = hosts(network, 4);
            Path out = write(cloud(line, Membership.KUBERNETES));
            Map<String, Object> container = container(out);
            Map<String, String> env = env(container);
            assertEquals("app=" + APP, env.get("KUBERNETES_LABELS"));
            Path token = Files.writeString(temp.resolve("token"), "stand-in-service-account-token");
            Path pods = Files.writeString(temp.resolve("pods.json"), podList(List.of()));
            Path ca = certificate(network);
            Map<String, String> api = podEnvironment(network, token, ca);
            Path apiLog = temp.resolve("api-stand-in.txt");
            Process standIn = standIn(network, token, pods, apiLog);
            try {
                List<Host> running = new ArrayList<>();
                Members podsApi = new Members() {
                    @Override
                    public void starting(Host host) throws IOException {
                        running.add(host);
                        Files.writeString(pods, podList(running));
                    }

                    @Override
                    public void stopped(Host host) throws IOException {
                        running.remove(host);
                        Files.writeString(pods, podList(running));
                    }
                };
                scenario(line, Membership.KUBERNETES, network, hosts, shared(out, hosts),
                        host -> launch(container, host, api), podsApi);
                String requests = TestTomcats.read(apiLog);
                assertTrue(requests.contains("200 /api/v1/namespaces/" + NAMESPACE + "/pods?labelSelector=app%3D"
                        + APP), requests);
            } finally {
                TestTomcats.stop(List.of(standIn), STOP);
            }
            String requests = TestTomcats.read(apiLog);
            assertFalse(requests.contains("403 "), "every node sent the token:\n" + requests);
        }
    }

    /**
     * What a missing Role looks like: the API (here its stand-in) answers 403 to a node whose token it does not
     * accept, and Tomcat logs it as INSTALL.md says; the node serves, alone.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void kubernetesMembershipRefusedByTheApiIsLogged() throws Exception {
        TomcatLine line = TomcatLine.V10_1;
        try (HostNetwork network = HostNetwork.create(prefix())) {
            Host host = network.add("node1", 11, false);
            Path out = write(cloud(line, Membership.KUBERNETES));
            Map<String, Object> container = container(out);
            Path token = Files.writeString(temp.resolve("token"), "the-token-the-api-knows");
            Path wrongToken = Files.writeString(temp.resolve("wrong-token"), "a-token-without-the-role");
            Path pods = Files.writeString(temp.resolve("pods.json"), podList(List.of(host)));
            Map<String, String> api = podEnvironment(network, wrongToken, certificate(network));
            Path apiLog = temp.resolve("api-stand-in.txt");
            Process standIn = standIn(network, token, pods, apiLog);
            List<Process> tomcats = new ArrayList<>();
            try (Client client = new Client(network)) {
                Path base = base(line, host, shared(out, List.of(host)).get(host.name));
                tomcats.add(start(line, base, host, launch(container, host, api)));
                awaitUp(client, host, tomcats.get(0), base);
                TestTomcats.awaitLine(TestTomcats.console(base), "server returned http response code: 403", START);
                String log = TestTomcats.read(TestTomcats.console(base));
                assertTrue(log.contains("Failed to open stream"), log);
                assertTrue(Files.readString(out.resolve("INSTALL.md")).contains("the API answers 403, Tomcat logs "
                        + "`Failed to open stream` (`Server returned HTTP response code: 403`)"));
                assertEquals(1, count(client.get(url(host), null)));
            } finally {
                TestTomcats.stop(tomcats, STOP);
                TestTomcats.stop(List.of(standIn), STOP);
            }
            assertTrue(TestTomcats.read(apiLog).contains("403 /api/v1/namespaces/" + NAMESPACE + "/pods"),
                    TestTomcats.read(apiLog));
        }
    }

    /**
     * What a pod has from Kubernetes itself, as the provider reads it: the API's address, and the service account's
     * token and CA certificate (in a pod, files under /var/run/secrets/kubernetes.io/serviceaccount/).
     */
    private static Map<String, String> podEnvironment(HostNetwork network, Path token, Path ca) {
        return Map.of("KUBERNETES_SERVICE_HOST", network.switchAddress(), "KUBERNETES_SERVICE_PORT",
                String.valueOf(API_PORT), "SA_TOKEN_FILE", token.toString(), "KUBERNETES_CA_CERTIFICATE_FILE",
                ca.toString());
    }

    /**
     * A self-signed certificate for the stand-in's address, made by the JDK's keytool: the key store the stand-in
     * serves HTTPS with, and the certificate as PEM, the pods' CA file. Returns the PEM.
     */
    private Path certificate(HostNetwork network) throws Exception {
        Path keyStore = temp.resolve("api.p12");
        Path pem = temp.resolve("ca.crt");
        if (Files.exists(pem)) {
            return pem;
        }
        String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
        NetworkNamespace.run(keytool, "-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=kubernetes", "-ext", "SAN=ip:" + network.switchAddress(), "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", KEY_STORE_PASSWORD);
        NetworkNamespace.run(keytool, "-exportcert", "-rfc", "-alias", "api", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", KEY_STORE_PASSWORD, "-file", pem.toString());
        return pem;
    }

    /** The stand-in for the Kubernetes API, listening on the switch; see {@link KubernetesApiStandIn}. */
    private Process standIn(HostNetwork network, Path token, Path pods, Path log) throws Exception {
        certificate(network);
        Process standIn = new ProcessBuilder(network.switchNamespace().command(TestTomcats.JAVA, "-cp",
                TEST_CLASSES, KubernetesApiStandIn.class.getName(), network.switchAddress(),
                String.valueOf(API_PORT), NAMESPACE, token.toString(), pods.toString(),
                temp.resolve("api.p12").toString(), KEY_STORE_PASSWORD))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            TestTomcats.awaitLine(log, "listening on", START);
        } catch (Exception | Error e) {
            TestTomcats.stop(List.of(standIn), STOP);
            throw e;
        }
        return standIn;
    }

    /**
     * What INSTALL.md says of {@code auto}: on a host whose name resolves to 127.0.0.1, the receiver binds there,
     * and the other host cannot reach it, so a session does not continue there; with the name resolving to the
     * host's address (node1) it binds that one. DNS membership, Tomcat 10.1.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void autoOnAHostWhoseNameIsLoopbackIsUnreachable() throws Exception {
        TomcatLine line = TomcatLine.V10_1;
        try (HostNetwork network = HostNetwork.create(prefix())) {
            Host good = network.add("node1", 11, false);
            Host loopback = network.add("node2", 12, true);
            List<Host> hosts = List.of(good, loopback);
            Path out = write(cloud(line, Membership.DNS));
            String install = Files.readString(out.resolve("INSTALL.md"));
            assertTrue(install.contains("but `127.0.0.1` or `127.0.1.1` where the name is mapped to loopback"),
                    install);
            Map<String, Object> container = container(out);
            String service = env(container).get("DNS_MEMBERSHIP_SERVICE_NAME");
            List<Process> tomcats = new ArrayList<>();
            try (DnsServer dns = DnsServer.start(network.switchNamespace(), network.switchAddress(), temp);
                    Client client = new Client(network)) {
                dns.answer(service, List.of(good.address, loopback.address));
                Map<String, Path> bases = new LinkedHashMap<>();
                for (Host host : hosts) {
                    Path base = base(line, host, shared(out, hosts).get(host.name));
                    bases.put(host.name, base);
                    tomcats.add(start(line, base, host, launch(container, host, Map.of())));
                    awaitUp(client, host, tomcats.get(tomcats.size() - 1), base);
                }
                String goodLog = TestTomcats.read(TestTomcats.console(bases.get("node1")));
                String loopbackLog = TestTomcats.read(TestTomcats.console(bases.get("node2")));
                assertTrue(goodLog.contains("bound to:[/" + good.address + ":" + RECEIVER_PORT + "]"), goodLog);
                assertTrue(loopbackLog.contains("bound to:[/127.0.0.1:" + RECEIVER_PORT + "]"), loopbackLog);
                Reply first = client.get(url(good), null);
                String cookie = cookie(first);
                assertEquals(1, count(first));
                assertEquals(1, count(client.get(url(loopback), cookie)), "node2 never received node1's session");
            } finally {
                TestTomcats.stop(tomcats, STOP);
            }
        }
    }

    /**
     * The time a new node takes to join a running DeltaManager node holding N sessions (each a counter and 1 KiB)
     * and receive them all: from its process start until it serves, and the state transfer as Tomcat logs it;
     * then every one of the N sessions is asked for on the new node. DNS membership, Tomcat 10.1. Prints
     * {@code JOIN ...}.
     */
    @ParameterizedTest(name = "{0} sessions")
    @ValueSource(ints = {0, 100, 1000})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void newNodeReceivesTheSessions(int sessions) throws Exception {
        TomcatLine line = TomcatLine.V10_1;
        try (HostNetwork network = HostNetwork.create(prefix())) {
            List<Host> hosts = hosts(network, 2);
            Path out = write(cloud(line, Membership.DNS));
            Map<String, Object> container = container(out);
            String service = env(container).get("DNS_MEMBERSHIP_SERVICE_NAME");
            List<Process> tomcats = new ArrayList<>();
            try (DnsServer dns = DnsServer.start(network.switchNamespace(), network.switchAddress(), temp);
                    Client client = new Client(network)) {
                Host first = hosts.get(0);
                Host joiner = hosts.get(1);
                dns.answer(service, List.of(first.address));
                Path firstBase = base(line, first, shared(out, hosts).get(first.name));
                tomcats.add(start(line, firstBase, first, launch(container, first, Map.of())));
                awaitUp(client, first, tomcats.get(0), firstBase);
                List<String> cookies = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    Reply reply = client.get(url(first), null);
                    assertEquals(1, count(reply));
                    cookies.add(cookie(reply));
                }
                dns.answer(service, List.of(first.address, joiner.address));
                Path joinerBase = base(line, joiner, shared(out, hosts).get(joiner.name));
                long started = System.nanoTime();
                tomcats.add(start(line, joinerBase, joiner, launch(container, joiner, Map.of())));
                awaitUp(client, joiner, tomcats.get(1), joinerBase);
                double serving = (System.nanoTime() - started) / 1e9;
                boolean loggedBeforeServing = RECEIVED.matcher(TestTomcats.read(TestTomcats.console(joinerBase)))
                        .find();
                Matcher received = awaitReceivedState(joinerBase);
                long checked = System.nanoTime();
                for (String cookie : cookies) {
                    assertEquals(2, count(client.get(url(joiner), cookie)), "the new node has session " + cookie);
                }
                System.out.printf(Locale.ROOT, "JOIN Tomcat %s DeltaManager, %d sessions (1 KiB each): the new node "
                        + "serves %.1f s after its start, state transfer %s ms (Tomcat's log, %s), all %d "
                        + "sessions there (asked in %.1f s)%n", line, sessions, serving, received.group(1),
                        loggedBeforeServing ? "logged before it served" : "logged after it served", sessions,
                        (System.nanoTime() - checked) / 1e9);
            } finally {
                TestTomcats.stop(tomcats, STOP);
            }
        }
    }

    /**
     * Three nodes started one after the other; the session from node1 continues on node2 and node3; node2 stops
     * (node1 continues the session) and starts again (it receives the session); node4 starts, receives it and
     * replicates its change to node1 and node3.
     */
    private void scenario(TomcatLine line, Membership membership, HostNetwork network, List<Host> hosts,
            Map<String, Path> serverXml, Launches launches, Members members) throws Exception {
        long began = System.nanoTime();
        Map<String, Process> tomcats = new LinkedHashMap<>();
        try (Client client = new Client(network)) {
            Map<String, Path> bases = new LinkedHashMap<>();
            for (Host host : hosts) {
                bases.put(host.name, base(line, host, serverXml.get(host.name)));
            }
            Host node1 = hosts.get(0);
            Host node2 = hosts.get(1);
            Host node3 = hosts.get(2);
            Host node4 = hosts.get(3);
            for (Host host : List.of(node1, node2, node3)) {
                members.starting(host);
                tomcats.put(host.name, start(line, bases.get(host.name), host, launches.of(host)));
                awaitUp(client, host, tomcats.get(host.name), bases.get(host.name));
            }
            for (Host host : List.of(node1, node2, node3)) {
                awaitMembers(bases.get(host.name), 2);
                String log = TestTomcats.read(TestTomcats.console(bases.get(host.name)));
                assertTrue(log.contains("bound to:[/" + host.address + ":" + RECEIVER_PORT + "]"), log);
            }
            List<Integer> counts = new ArrayList<>();
            Reply first = client.get(url(node1), null);
            String cookie = cookie(first);
            assertTrue(cookie.endsWith(".node1"), "the session id ends with node1's jvmRoute: " + cookie);
            counts.add(count(first));
            counts.add(count(client.get(url(node2), cookie)));
            counts.add(count(client.get(url(node3), cookie)));

            TestTomcats.stop(List.of(tomcats.remove(node2.name)), STOP);
            members.stopped(node2);
            counts.add(count(client.get(url(node1), cookie)));
            Path console = TestTomcats.console(bases.get(node2.name));
            Files.move(console, console.resolveSibling("console-before-restart.txt"));
            members.starting(node2);
            tomcats.put(node2.name, start(line, bases.get(node2.name), node2, launches.of(node2)));
            awaitUp(client, node2, tomcats.get(node2.name), bases.get(node2.name));
            awaitReceivedState(bases.get(node2.name));
            counts.add(count(client.get(url(node2), cookie)));

            members.starting(node4);
            tomcats.put(node4.name, start(line, bases.get(node4.name), node4, launches.of(node4)));
            awaitUp(client, node4, tomcats.get(node4.name), bases.get(node4.name));
            awaitReceivedState(bases.get(node4.name));
            counts.add(count(client.get(url(node4), cookie)));
            counts.add(count(client.get(url(node1), cookie)));
            counts.add(count(client.get(url(node3), cookie)));
            System.out.printf(Locale.ROOT, "E2E separate hosts, Tomcat %s, %s membership: counts on node1, node2, "
                    + "node3, node1 (node2 stopped), node2 (restarted), node4 (new), node1, node3: %s (%.1f s)%n", line,
                    membership, counts, (System.nanoTime() - began) / 1e9);
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), counts, "one session across four hosts");
        } finally {
            TestTomcats.stop(new ArrayList<>(tomcats.values()), STOP);
        }
    }

    /** How each node is started: extra JVM options and environment variables. */
    private static final class NodeLaunch {
        final List<String> jvmOptions;
        final Map<String, String> env;

        NodeLaunch(List<String> jvmOptions, Map<String, String> env) {
            this.jvmOptions = jvmOptions;
            this.env = env;
        }
    }

    @FunctionalInterface
    private interface Launches {
        NodeLaunch of(Host host);
    }

    /**
     * The node as the StatefulSet starts its pod: the container's environment, fieldRefs resolved (the pod's name
     * is the node's, the namespace {@value #NAMESPACE}), {@code $(VAR)} expanded, {@code CATALINA_OPTS} on the JVM's
     * command line as catalina.sh puts it; plus what Kubernetes itself gives a pod ({@code cluster}).
     */
    @SuppressWarnings("unchecked")
    private static NodeLaunch launch(Map<String, Object> container, Host host, Map<String, String> cluster) {
        Map<String, String> env = new LinkedHashMap<>(cluster);
        for (Map<String, Object> var : (List<Map<String, Object>>) container.get("env")) {
            String name = (String) var.get("name");
            Object value = var.get("value");
            if (value == null) {
                Map<String, Object> from = (Map<String, Object>) ((Map<String, Object>) var.get("valueFrom"))
                        .get("fieldRef");
                String field = (String) from.get("fieldPath");
                value = field.equals("metadata.name") ? host.name : field.equals("metadata.namespace") ? NAMESPACE
                        : null;
                assertTrue(value != null, "a fieldRef the test does not know: " + field);
            }
            String expanded = value.toString();
            for (Map.Entry<String, String> known : env.entrySet()) {
                expanded = expanded.replace("$(" + known.getKey() + ")", known.getValue());
            }
            env.put(name, expanded);
        }
        List<String> options = new ArrayList<>(List.of(env.getOrDefault("CATALINA_OPTS", "").trim().split("\\s+")));
        options.removeIf(String::isEmpty);
        return new NodeLaunch(options, env);
    }

    private ClusterSettings cloud(TomcatLine line, Membership membership) throws ClusterConfigException {
        Map<String, String> receiver = Map.of("port", String.valueOf(RECEIVER_PORT));
        return ClusterSettings.builder(line).membership(membership).attributes(ClusterSettings.Element.RECEIVER,
                receiver).healthCheckPath("/app/")
                .kubernetes(new KubernetesDeployment(APP, NAMESPACE, "registry.example/shop:1.0", 3)).build();
    }

    private Path write(ClusterSettings settings) throws Exception {
        Path base = Files.writeString(temp.resolve("base-server.xml"), ""
                + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Server port=\"" + SHUTDOWN_PORT + "\" shutdown=\"SHUTDOWN\">\n"
                + "  <Service name=\"Catalina\">\n"
                + "    <Connector port=\"" + HTTP_PORT + "\" protocol=\"HTTP/1.1\" connectionTimeout=\"20000\"/>\n"
                + "    <Engine name=\"Catalina\" defaultHost=\"localhost\">\n"
                + "      <Host name=\"localhost\" appBase=\"webapps\" unpackWARs=\"true\" autoDeploy=\"false\"/>\n"
                + "    </Engine>\n"
                + "  </Service>\n"
                + "</Server>\n");
        Path out = temp.resolve("config");
        new ClusterConfigWriter().write(settings, out, base, "server.xml");
        return out;
    }

    /** The one server.xml every node of a kubernetes or dns cluster runs. */
    private static Map<String, Path> shared(Path out, List<Host> hosts) throws IOException {
        Path serverXml = out.resolve("server.xml");
        assertTrue(Files.readString(serverXml).contains("jvmRoute=\"${jvmRoute}\""), Files.readString(serverXml));
        Map<String, Path> files = new LinkedHashMap<>();
        for (Host host : hosts) {
            files.put(host.name, serverXml);
        }
        return files;
    }

    /** The tomcat container of the generated StatefulSet, parsed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Path out) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> statefulSet = (Map<String, Object>) yaml.load(Files.readString(
                out.resolve("kubernetes/statefulset.yaml")));
        Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) statefulSet
                .get("spec")).get("template")).get("spec");
        return ((List<Map<String, Object>>) spec.get("containers")).get(0);
    }

    /** The container's plain {@code value} environment variables. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> var : (List<Map<String, Object>>) container.get("env")) {
            if (var.get("value") != null) {
                env.put((String) var.get("name"), var.get("value").toString());
            }
        }
        return env;
    }

    /** The PodList JSON the API answers for these running nodes, with the fields the provider reads. */
    private static String podList(List<Host> running) {
        StringBuilder json = new StringBuilder("{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[");
        for (int i = 0; i < running.size(); i++) {
            Host host = running.get(i);
            json.append(i == 0 ? "" : ",").append("{\"metadata\":{\"name\":\"").append(host.name)
                    .append("\",\"namespace\":\"").append(NAMESPACE).append("\",\"uid\":\"uid-").append(host.name)
                    .append("\",\"creationTimestamp\":\"").append(Instant.now().minusSeconds(5).toString()
                            .replaceAll("\\.\\d+Z$", "Z"))
                    .append("\",\"labels\":{\"app\":\"").append(APP).append("\"}},\"status\":{\"phase\":\"Running\","
                            + "\"podIP\":\"").append(host.address).append("\"}}");
        }
        return json.append("]}").toString();
    }

    private static List<Host> hosts(HostNetwork network, int count) throws Exception {
        List<Host> hosts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            hosts.add(network.add("node" + i, 10 + i, false));
        }
        return hosts;
    }

    /** The node's CATALINA_BASE with {@code serverXml} and the webapp for the line's Servlet API. */
    private Path base(TomcatLine line, Host host, Path serverXml) throws IOException {
        Path home = TestTomcats.home(line);
        return TestTomcats.catalinaBase(home, temp.resolve(host.name), serverXml, war(line), "app.war");
    }

    private Path war(TomcatLine line) throws IOException {
        boolean javax = line == TomcatLine.V9_0 || line == TomcatLine.V8_5;
        Path war = temp.resolve(javax ? "javax" : "jakarta").resolve("app.war");
        if (Files.exists(war)) {
            return war;
        }
        String api = javax ? "javax" : "jakarta";
        String webXml = javax
                ? "<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"4.0\">\n  <distributable/>\n"
                + "</web-app>\n"
                : "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n  <distributable/>\n"
                + "</web-app>\n";
        return new Webapp(war.getParent())
                .source("hosts/CountServlet.java", "package hosts;\n"
                        + "import " + api + ".servlet.annotation.WebServlet;\n"
                        + "import " + api + ".servlet.http.*;\n"
                        + "@WebServlet(\"/count\")\n"
                        + "public class CountServlet extends HttpServlet {\n"
                        + "  @Override\n"
                        + "  protected void doGet(HttpServletRequest request, HttpServletResponse response)\n"
                        + "      throws java.io.IOException {\n"
                        + "    HttpSession session = request.getSession();\n"
                        + "    Integer count = (Integer) session.getAttribute(\"count\");\n"
                        + "    count = count == null ? 1 : count + 1;\n"
                        + "    session.setAttribute(\"count\", count);\n"
                        + "    if (session.getAttribute(\"payload\") == null) {\n"
                        + "      session.setAttribute(\"payload\", new byte[1024]);\n"
                        + "    }\n"
                        + "    response.setContentType(\"text/plain\");\n"
                        + "    response.getWriter().print(\"count=\" + count + \" session=\" + session.getId());\n"
                        + "  }\n"
                        + "}\n")
                .entry("index.html", "<p>up</p>\n".getBytes(StandardCharsets.UTF_8))
                .entry("WEB-INF/web.xml", webXml.getBytes(StandardCharsets.UTF_8))
                .war("app.war");
    }

    private static Process start(TomcatLine line, Path base, Host host, NodeLaunch launch) throws IOException {
        List<String> command = new ArrayList<>(TestTomcats.command(TestTomcats.home(line), base));
        command.addAll(1, launch.jvmOptions);
        ProcessBuilder builder = new ProcessBuilder(host.namespace.command(command.toArray(new String[0])))
                .redirectErrorStream(true).redirectOutput(TestTomcats.console(base).toFile());
        builder.environment().putAll(launch.env);
        return builder.start();
    }

    private static void awaitUp(Client client, Host host, Process tomcat, Path base) throws Exception {
        TestTomcats.awaitUp("http://" + host.address + ":" + HTTP_PORT + "/app/", tomcat, TestTomcats.console(base),
                START, u -> client.get(u, null).status);
    }

    private static void awaitMembers(Path base, int members) throws Exception {
        Path log = TestTomcats.console(base);
        long deadline = System.nanoTime() + MEMBERSHIP.toNanos();
        while (System.nanoTime() < deadline) {
            String text = TestTomcats.read(log);
            int count = 0;
            for (int at = text.indexOf(MEMBER_ADDED); at >= 0; at = text.indexOf(MEMBER_ADDED, at + 1)) {
                count++;
            }
            if (count >= members) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("fewer than " + members + " \"" + MEMBER_ADDED + "\" in " + log + " within "
                + MEMBERSHIP + ":\n" + TestTomcats.read(log));
    }

    /** Waits (bounded) for the DeltaManager's line that it received the session state as it joined. */
    private static Matcher awaitReceivedState(Path base) throws Exception {
        Path log = TestTomcats.console(base);
        long deadline = System.nanoTime() + MEMBERSHIP.toNanos();
        while (true) {
            Matcher received = RECEIVED.matcher(TestTomcats.read(log));
            if (received.find()) {
                return received;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the node did not log that it received the session state within "
                        + MEMBERSHIP + ":\n" + TestTomcats.read(log));
            }
            Thread.sleep(100);
        }
    }

    private static String url(Host host) {
        return "http://" + host.address + ":" + HTTP_PORT + "/app/count";
    }

    private static String cookie(Reply reply) {
        assertTrue(reply.cookie != null && reply.cookie.startsWith("JSESSIONID="), "no session cookie: "
                + reply.cookie + " " + reply.body);
        return reply.cookie.substring(0, reply.cookie.indexOf(';') < 0 ? reply.cookie.length()
                : reply.cookie.indexOf(';'));
    }

    private static int count(Reply reply) {
        assertEquals(200, reply.status, reply.body);
        Matcher m = COUNT.matcher(reply.body);
        assertTrue(m.find(), reply.body);
        return Integer.parseInt(m.group(1));
    }

    private static String prefix() {
        return "tc" + ProcessHandle.current().pid();
    }

    private static String testClasses() {
        try {
            return Paths.get(NamespaceClient.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@link NamespaceClient} in the switch's namespace, which reaches every host. Stopped on close. */
    private static final class Client implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Client(HostNetwork network) throws IOException {
            process = new ProcessBuilder(network.switchNamespace().command(TestTomcats.JAVA, "-cp", TEST_CLASSES,
                    NamespaceClient.class.getName())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** A GET; status 0 when the request failed (e.g. nothing listens yet). */
        Reply get(String url, String cookie) throws IOException {
            in.write(url + " " + (cookie == null ? "-" : cookie) + "\n");
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the namespace client ended");
            }
            String[] fields = line.split(" ", 3);
            String body = new String(Base64.getDecoder().decode(fields.length > 2 ? fields[2] : ""),
                    StandardCharsets.UTF_8);
            return new Reply(Integer.parseInt(fields[0]), fields[1].equals("-") ? null
                    : fields[1].replace('\u00a0', ' '), body);
        }

        @Override
        public void close() {
            TestTomcats.stop(List.of(process), Duration.ofSeconds(10));
        }
    }
}
