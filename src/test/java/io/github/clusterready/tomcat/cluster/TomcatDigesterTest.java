package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import io.github.clusterready.tomcat.session.SessionClassFilter;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every generated variant, merged into the {@code server.xml} each Tomcat line ships, is parsed by that line's own
 * {@code Catalina} start digester (from the distribution the build unpacks into {@code target/tomcat/<line>}), and
 * the objects Tomcat configured from it are inspected. Tomcat warns about every attribute it has no property for;
 * such a warning fails the test.
 */
class TomcatDigesterTest {
    private static final String KEY = "000102030405060708090a0b0c0d0e0f";
    private static final List<String> digesterWarnings = new ArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                digesterWarnings.add(record.getLoggerName() + ": " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path temp;

    @BeforeAll
    static void captureTomcatWarnings() {
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stopCapturing() {
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void defaultsGiveTheSeedsClusterInsideTheEngine(TomcatLine line) throws Exception {
        ClusterSettings settings = ClusterSettings.builder(line).build();
        try (Tomcat tomcat = new Tomcat(line)) {
            Object engine = tomcat.engine(write(settings, tomcat).resolve("server.xml"));
            assertNull(call(engine, "getJvmRoute"));
            Object cluster = call(engine, "getCluster");
            assertEquals("org.apache.catalina.ha.tcp.SimpleTcpCluster", cluster.getClass().getName());
            assertEquals(6, call(cluster, "getChannelSendOptions"));
            Object manager = call(cluster, "getManagerTemplate");
            assertEquals("org.apache.catalina.ha.session.DeltaManager", manager.getClass().getName());
            assertEquals(false, call(manager, "isExpireSessionsOnShutdown"));
            assertEquals(true, call(manager, "isNotifyListenersOnReplication"));
            Object channel = call(cluster, "getChannel");
            assertEquals("org.apache.catalina.tribes.group.GroupChannel", channel.getClass().getName());
            Object membership = call(channel, "getMembershipService");
            assertEquals("org.apache.catalina.tribes.membership.McastService", membership.getClass().getName());
            assertEquals("228.0.0.4", call(membership, "getAddress"));
            assertEquals(45564, call(membership, "getPort"));
            assertEquals(500L, call(membership, "getFrequency"));
            assertEquals(3000L, call(membership, "getDropTime"));
            Object receiver = call(channel, "getChannelReceiver");
            assertEquals("org.apache.catalina.tribes.transport.nio.NioReceiver", receiver.getClass().getName());
            // "auto" is resolved at once, to whatever this machine calls itself: why nodes on several hosts need more
            assertEquals(java.net.InetAddress.getLocalHost().getHostAddress(), call(receiver, "getAddress"));
            assertEquals(4000, call(receiver, "getPort"));
            assertEquals(100L, call(receiver, "getSelectorTimeout"));
            assertEquals(6, call(receiver, "getMaxThreads"));
            assertEquals(100, call(receiver, "getAutoBind"));
            Object sender = call(channel, "getChannelSender");
            assertEquals("org.apache.catalina.tribes.transport.ReplicationTransmitter", sender.getClass().getName());
            assertEquals("org.apache.catalina.tribes.transport.nio.PooledParallelSender",
                    call(sender, "getTransport").getClass().getName());
            assertEquals(List.of("TcpFailureDetector", "MessageDispatchInterceptor", "ThroughputInterceptor"),
                    interceptors(channel));
            Object[] valves = (Object[]) call(cluster, "getValves");
            assertEquals(1, valves.length);
            assertEquals("org.apache.catalina.ha.tcp.ReplicationValve", valves[0].getClass().getName());
            assertEquals(".*\\.gif|.*\\.js|.*\\.jpeg|.*\\.jpg|.*\\.png|.*\\.htm|.*\\.html|.*\\.css|.*\\.txt",
                    call(valves[0], "getFilter"));
            assertNull(call(cluster, "getClusterDeployer"));
            Object[] listeners = (Object[]) call(cluster, "findClusterListeners");
            assertEquals(1, listeners.length);
            assertEquals("org.apache.catalina.ha.session.ClusterSessionListener", listeners[0].getClass().getName());
        }
        assertEquals(List.of(), digesterWarnings);
    }

    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void staticNodesOnOneHostGetTheirMembersPortsAndRoutes(TomcatLine line) throws Exception {
        ClusterSettings settings = ClusterSettings.builder(line).membership(Membership.STATIC)
                .node(new Node("node1", "127.0.0.1", 4000, null, null))
                .node(new Node("node2", "127.0.0.1", 4001, null, null)).build();
        try (Tomcat tomcat = new Tomcat(line)) {
            Path out = write(settings, tomcat);
            for (int n = 1; n <= 2; n++) {
                Object server = tomcat.server(out.resolve("nodes/node" + n + "/server.xml"));
                int shift = (n - 1) * 100;
                assertEquals(8005 + shift, call(server, "getPort"));
                Object service = ((Object[]) call(server, "findServices"))[0];
                Object[] connectors = (Object[]) call(service, "findConnectors");
                assertEquals(8080 + shift, call(connectors[0], "getPort"));
                assertEquals(8443 + shift, call(connectors[0], "getRedirectPort"));
                Object engine = call(service, "getContainer");
                assertEquals("node" + n, call(engine, "getJvmRoute"));
                Object channel = call(call(engine, "getCluster"), "getChannel");
                Object receiver = call(channel, "getChannelReceiver");
                assertEquals("127.0.0.1", call(receiver, "getAddress"));
                assertEquals(3999 + n, call(receiver, "getPort"));
                assertEquals(1, call(receiver, "getAutoBind"));
                Object membership = call(channel, "getMembershipService");
                if (line.hasMembershipServices()) {
                    assertEquals("org.apache.catalina.tribes.membership.StaticMembershipService",
                            membership.getClass().getName());
                    List<?> members = (List<?>) call(membership, "getStaticMembers");
                    assertEquals(2, members.size());
                    assertEquals(4000, call(members.get(0), "getPort"));
                    assertEquals(4001, call(members.get(1), "getPort"));
                    assertEquals(List.of("TcpFailureDetector", "MessageDispatchInterceptor",
                            "ThroughputInterceptor"), interceptors(channel));
                } else {
                    // no service element: GroupChannel keeps its McastService, which channelStartOptions 3 never starts
                    assertEquals(3, call(call(engine, "getCluster"), "getChannelStartOptions"));
                    assertEquals(List.of("TcpPingInterceptor", "TcpFailureDetector", "StaticMembershipInterceptor",
                            "MessageDispatchInterceptor", "ThroughputInterceptor"), interceptors(channel));
                    Object interceptor = interceptor(channel, "StaticMembershipInterceptor");
                    Object local = call(interceptor, "getLocalMember", false);
                    assertEquals(3999 + n, call(local, "getPort"));
                }
            }
        }
        assertEquals(List.of(), digesterWarnings);
    }

    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void backupManagerEncryptionBinderValveAndDeployerInTheDefaultHost(TomcatLine line) throws Exception {
        ClusterSettings settings = ClusterSettings.builder(line).manager(Manager.BACKUP).encryptionKey(KEY)
                .jvmRouteBinderValve(true).deployer(true)
                .attributes(Element.RECEIVER, Map.of("maxThreads", "12"))
                .attributes(Element.MULTICAST, Map.of("ttl", "2", "bind", "127.0.0.1")).build();
        try (Tomcat tomcat = new Tomcat(line)) {
            Object server = tomcat.server(write(settings, tomcat).resolve("server.xml"));
            Object engine = call(((Object[]) call(server, "findServices"))[0], "getContainer");
            Object host = call(engine, "findChild", "localhost");
            Object cluster = call(host, "getCluster");
            assertNotNull(cluster);
            assertTrue(call(engine, "getCluster") == null || call(engine, "getCluster") == cluster,
                    "the Cluster sits in the Host, not the Engine");
            Object manager = call(cluster, "getManagerTemplate");
            assertEquals("org.apache.catalina.ha.session.BackupManager", manager.getClass().getName());
            assertEquals(6, call(manager, "getMapSendOptions"));
            Object channel = call(cluster, "getChannel");
            assertEquals(List.of("EncryptInterceptor", "TcpFailureDetector", "MessageDispatchInterceptor",
                    "ThroughputInterceptor"), interceptors(channel));
            assertEquals("AES/GCM/NoPadding", call(interceptor(channel, "EncryptInterceptor"),
                    "getEncryptionAlgorithm"));
            assertEquals(12, call(call(channel, "getChannelReceiver"), "getMaxThreads"));
            assertEquals(2, call(call(channel, "getMembershipService"), "getTtl"));
            Object[] valves = (Object[]) call(cluster, "getValves");
            assertEquals("org.apache.catalina.ha.session.JvmRouteBinderValve", valves[1].getClass().getName());
            Object deployer = call(cluster, "getClusterDeployer");
            assertEquals("org.apache.catalina.ha.deploy.FarmWarDeployer", deployer.getClass().getName());
            assertEquals("/tmp/war-listen/", call(deployer, "getWatchDir"));
            assertEquals(false, call(deployer, "getWatchEnabled"));
        }
        assertEquals(List.of(), digesterWarnings);
    }

    @ParameterizedTest
    @EnumSource(value = Membership.class, names = {"KUBERNETES", "DNS"})
    void cloudMembershipOnTheLinesThatHaveIt(Membership membership) throws Exception {
        for (TomcatLine line : TomcatLine.values()) {
            ClusterSettings settings = ClusterSettings.builder(line).membership(membership)
                    .attributes(Element.CLOUD_MEMBERSHIP, Map.of("connectTimeout", "2000")).build();
            if (!line.hasMembershipServices()) {
                ClusterConfigException e = assertThrows(ClusterConfigException.class,
                        () -> new ClusterConfigWriter().write(settings, temp.resolve("never"), null, null));
                assertEquals("<membership>", e.parameter());
                continue;
            }
            try (Tomcat tomcat = new Tomcat(line)) {
                System.setProperty("jvmRoute", "shop-0");
                Object engine;
                try {
                    engine = tomcat.engine(write(settings, tomcat).resolve("server.xml"));
                } finally {
                    System.clearProperty("jvmRoute");
                }
                // the StatefulSet's CATALINA_OPTS=-DjvmRoute=$(POD_NAME) reaches the Engine through the placeholder
                assertEquals("shop-0", call(engine, "getJvmRoute"));
                Object service = call(call(call(engine, "getCluster"), "getChannel"), "getMembershipService");
                assertEquals("org.apache.catalina.tribes.membership.cloud.CloudMembershipService",
                        service.getClass().getName());
                assertEquals(2000, call(service, "getConnectTimeout"));
                assertTrue(call(service, "getMembershipProviderClassName").toString()
                        .endsWith(membership == Membership.DNS ? "DNSMembershipProvider" : "KubernetesMembershipProvider")
                        || call(service, "getMembershipProviderClassName").equals(membership.toString()));
            }
        }
        assertEquals(List.of(), digesterWarnings);
    }

    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void anAttributeTomcatDoesNotKnowIsCaught(TomcatLine line) throws Exception {
        ClusterSettings settings = ClusterSettings.builder(line)
                .attributes(Element.RECEIVER, Map.of("noSuchAttribute", "1")).build();
        try (Tomcat tomcat = new Tomcat(line)) {
            tomcat.engine(write(settings, tomcat).resolve("server.xml"));
        }
        assertEquals(1, digesterWarnings.size(), digesterWarnings::toString);
        assertTrue(digesterWarnings.get(0).contains("noSuchAttribute"), digesterWarnings::toString);
        digesterWarnings.clear();
    }

    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void theSessionClassAllowListIsTheOneTomcatApplies(TomcatLine line) throws Exception {
        String regex = SessionClassFilter.regex(List.of("java.lang.Integer", "java.util.ArrayList", "[I",
                "java.time.*"));
        for (Manager kind : Manager.values()) {
            ClusterSettings settings = ClusterSettings.builder(line).manager(kind).sessionAttributeFilter(regex)
                    .build();
            try (Tomcat tomcat = new Tomcat(line)) {
                Object manager = call(call(tomcat.engine(write(settings, tomcat).resolve("server.xml")),
                        "getCluster"), "getManagerTemplate");
                assertEquals(kind.className(), manager.getClass().getName());
                assertEquals(regex, call(manager, "getSessionAttributeValueClassNameFilter"));
                assertEquals(true, call(manager, "getWarnOnSessionAttributeFilterFailure"));
                assertEquals(List.of(), digesterWarnings);
                // Tomcat's own decision, per value, on what the cluster sends and takes
                assertEquals(true, call(manager, "willAttributeDistribute", "count", 1));
                assertEquals(true, call(manager, "willAttributeDistribute", "items", new ArrayList<String>()));
                assertEquals(true, call(manager, "willAttributeDistribute", "counts", new int[] {1}));
                assertEquals(true, call(manager, "willAttributeDistribute", "day", java.time.LocalDate.now()));
                assertEquals(false, call(manager, "willAttributeDistribute", "name", "text"));
                assertEquals(false, call(manager, "willAttributeDistribute", "items", new java.util.LinkedList<>()));
                assertEquals(false, call(manager, "willAttributeDistribute", "items", new ArrayList<String>() {
                    private static final long serialVersionUID = 1L;
                }));
                assertEquals(false, call(manager, "willAttributeDistribute", "counts", new long[] {1}));
            }
        }
    }

    /**
     * A base server.xml in ISO-8859-1 with ports as entity and character references, a Host name outside ASCII,
     * an Engine whose name holds {@code jvmRoute='…'}, and an empty default Host: Tomcat reads node2's file with
     * node2's route, the ports moved up by 100, and the Cluster with its deployer inside that Host.
     */
    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void anAwkwardBaseServerXmlIsReadAsWritten(TomcatLine line) throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!DOCTYPE Server [\n"
                + "  <!ENTITY http \"8080\">\n  <!ENTITY shutdown \"8005\">\n]>\n"
                + "<!-- B\u00fccher -->\n<Server port=\"&shutdown;\" shutdown=\"SHUTDOWN\">\n  <Service name=\"Catalina\">\n"
                + "    <Connector port=\"&http;\" redirectPort=\"&#56;443\"/>\n"
                + "    <Engine name=\"Catalina jvmRoute='old'\" defaultHost=\"b\u00fccher.example\">\n"
                + "      <Host name=\"b\u00fccher.example\" appBase=\"webapps\"/>\n    </Engine>\n  </Service>\n</Server>\n";
        Path base = Files.write(temp.resolve(line.number() + "-server.xml"),
                xml.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ClusterSettings settings = ClusterSettings.builder(line).membership(Membership.STATIC).deployer(true)
                .attributes(Element.DEPLOYER, Map.of("tempDir", "/tmp/war-\u20ac/"))
                .node(new Node("node1", "127.0.0.1", 4000, null, null))
                .node(new Node("node2", "::1", 4001, null, null)).build();
        try (Tomcat tomcat = new Tomcat(line)) {
            Path out = Files.createTempDirectory(temp, line.number() + "-");
            new ClusterConfigWriter().write(settings, out, base, "server.xml");
            Object server = tomcat.server(out.resolve("nodes/node2/server.xml"));
            assertEquals(8105, call(server, "getPort"));
            Object service = ((Object[]) call(server, "findServices"))[0];
            Object connector = ((Object[]) call(service, "findConnectors"))[0];
            assertEquals(8180, call(connector, "getPort"));
            assertEquals(8543, call(connector, "getRedirectPort"));
            Object engine = call(service, "getContainer");
            assertEquals("node2", call(engine, "getJvmRoute"));
            assertEquals("Catalina jvmRoute='old'", call(engine, "getName"));
            Object host = call(engine, "findChild", "b\u00fccher.example");
            Object cluster = call(host, "getCluster");
            assertNotNull(cluster);
            assertEquals("/tmp/war-\u20ac/", call(call(cluster, "getClusterDeployer"), "getTempDir"));
        }
        assertEquals(List.of(), digesterWarnings);
    }

    private Path write(ClusterSettings settings, Tomcat tomcat) throws Exception {
        Path out = Files.createTempDirectory(temp, tomcat.line.number() + "-");
        new ClusterConfigWriter().write(settings, out, tomcat.home.resolve("conf/server.xml"), "server.xml");
        return out;
    }

    private static List<String> interceptors(Object channel) throws Exception {
        List<String> names = new ArrayList<>();
        for (Iterator<?> i = (Iterator<?>) call(channel, "getInterceptors"); i.hasNext(); ) {
            names.add(i.next().getClass().getSimpleName());
        }
        return names;
    }

    private static Object interceptor(Object channel, String simpleName) throws Exception {
        for (Iterator<?> i = (Iterator<?>) call(channel, "getInterceptors"); i.hasNext(); ) {
            Object interceptor = i.next();
            if (interceptor.getClass().getSimpleName().equals(simpleName)) {
                return interceptor;
            }
        }
        throw new AssertionError("no " + simpleName);
    }

    /** Calls the public method of that name and argument count. */
    private static Object call(Object target, String name, Object... args) throws Exception {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                method.setAccessible(true);
                return method.invoke(target, args);
            }
        }
        throw new AssertionError(target.getClass().getName() + " has no " + name);
    }

    /** One Tomcat line's classes in their own class loader, and its start digester. */
    private static final class Tomcat implements AutoCloseable {
        final TomcatLine line;
        final Path home;
        final URLClassLoader loader;

        Tomcat(TomcatLine line) throws IOException {
            this.line = line;
            Path base = Paths.get("target", "tomcat", line.number());
            try (Stream<Path> dirs = Files.list(base)) {
                home = dirs.filter(Files::isDirectory).findFirst()
                        .orElseThrow(() -> new AssertionError("no Tomcat " + line + " in " + base)).toAbsolutePath();
            }
            List<URL> jars = new ArrayList<>();
            try (Stream<Path> libs = Files.list(home.resolve("lib"))) {
                for (Path jar : (Iterable<Path>) libs.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                    jars.add(jar.toUri().toURL());
                }
            }
            jars.add(home.resolve("bin/tomcat-juli.jar").toUri().toURL());
            loader = new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            System.setProperty("catalina.home", home.toString());
            System.setProperty("catalina.base", home.toString());
            digesterWarnings.clear();
        }

        Object server(Path serverXml) throws Exception {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Object catalina = loader.loadClass("org.apache.catalina.startup.Catalina")
                        .getConstructor().newInstance();
                Method create = catalina.getClass().getDeclaredMethod("createStartDigester");
                create.setAccessible(true);
                Object digester = create.invoke(catalina);
                call(digester, "push", catalina);
                Method parse = digester.getClass().getMethod("parse", File.class);
                parse.invoke(digester, serverXml.toFile());
                Object server = call(catalina, "getServer");
                assertNotNull(server, "Tomcat " + line + " built no Server from " + serverXml);
                // the one placeholder the plugin writes on purpose: a pod's name as its route (Kubernetes, DNS)
                assertFalse(Files.readString(serverXml, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .replace("jvmRoute=\"${jvmRoute}\"", "").contains("${"), "no unresolved property");
                return server;
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        Object engine(Path serverXml) throws Exception {
            return call(((Object[]) call(server(serverXml), "findServices"))[0], "getContainer");
        }

        @Override
        public void close() throws IOException {
            loader.close();
        }
    }
}
