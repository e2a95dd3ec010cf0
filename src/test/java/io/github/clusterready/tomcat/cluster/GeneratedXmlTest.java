package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/** What the POM gives the cluster-config goal reaches the files as exactly that value, or is refused. */
class GeneratedXmlTest {
    private static final String KEY = "00112233445566778899aabbccddeeff";

    @TempDir
    Path out;

    private static ClusterSettings.Builder twoNodes(String first, String second) {
        return ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC).encryptionKey(KEY)
                .node(new Node(first, "127.0.0.1", 4000, null, null))
                .node(new Node(second, "127.0.0.1", 4001, null, null));
    }

    private ClusterConfigException refused(ClusterSettings.Builder builder) {
        ClusterConfigException e = assertThrows(ClusterConfigException.class,
                () -> new ClusterConfigWriter().write(builder.build(), out.resolve("o"), null, null));
        assertFalse(Files.exists(out.resolve("o")), "nothing written");
        return e;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private List<Path> xmlFiles() throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aDoubleHyphenInANodeNameDoesNotEndTheHeaderComment() throws Exception {
        new ClusterConfigWriter().write(twoNodes("app--1-", "app--2").build(), out, null, null);
        List<Path> files = xmlFiles();
        assertEquals(2, files.size());
        for (Path file : files) {
            Document document = parse(file);
            assertEquals("Cluster", document.getDocumentElement().getTagName());
            assertTrue(document.getFirstChild().getTextContent().contains("node app- -"), file.toString());
        }
        assertTrue(Files.isDirectory(out.resolve("nodes/app--1-")));
    }

    @Test
    void markupInAValueStaysInsideItsAttribute() throws Exception {
        String filter = ".*\\.gif\" evil=\"1' x='<y>&amp;";
        new ClusterConfigWriter().write(ClusterSettings.builder(TomcatLine.V10_1).encryptionKey(KEY)
                .attributes(Element.REPLICATION_VALVE, Map.of("filter", filter)).build(), out, null, null);
        org.w3c.dom.Element valve = (org.w3c.dom.Element) parse(out.resolve("cluster.xml"))
                .getElementsByTagName("Valve").item(0);
        NamedNodeMap attributes = valve.getAttributes();
        assertEquals(2, attributes.getLength());
        assertEquals(filter, valve.getAttribute("filter"));
    }

    @Test
    void aLineBreakInAValueIsRefusedNamingTheParameter() throws Exception {
        ClusterConfigException e = refused(ClusterSettings.builder(TomcatLine.V10_1)
                .attributes(Element.REPLICATION_VALVE, Map.of("filter", ".*\\.gif|\n.*\\.css")));
        assertEquals("<replicationValveAttributes><filter> contains a line break (U+000A) at character 9; write the "
                + "value on one line, without control characters", e.getMessage());
        assertEquals("<replicationValveAttributes><filter>", e.parameter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tmp/a\u0001b", "/tmp/a\tb", "/tmp/a\u0085b", "/tmp/a\ud800b"})
    void controlCharactersInAValueAreRefused(String value) throws Exception {
        ClusterConfigException e = refused(ClusterSettings.builder(TomcatLine.V10_1).deployer(true)
                .attributes(Element.DEPLOYER, Map.of("tempDir", value)));
        assertEquals("<deployerAttributes><tempDir>", e.parameter());
        assertTrue(e.getMessage().contains("at character 7"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xmlns", "xmlns:t", "XMLNS2", "className", "classname", "1port", "a b", "t:port",
        "port=\"1\" x", ""})
    void attributeKeysMustBeXmlNamesThatAreNoNamespaceDeclarationNorTheClass(String key) {
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> ClusterSettings
                .builder(TomcatLine.V10_1).attributes(Element.RECEIVER, Map.of(key, "1")));
        assertEquals("<receiverAttributes>", e.parameter());
        assertTrue(e.getMessage().contains("\"" + key + "\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"app 1", "app1\"", "a<b", "-app", "app-.example", "999.0.0.1", "10.0.0", "::1::",
        "1:2:3:4:5:6:7:8:9", "[::1", "fe80::1%", "bücher.example", "app1\nx"})
    void aHostIsAHostNameOrAnIpLiteral(String host) {
        ClusterConfigException e = refused(ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC)
                .node(new Node("a", host, 4000, null, null)).node(new Node("b", "10.0.0.2", 4000, null, null)));
        assertEquals("<nodes><node><host>", e.parameter());
        assertTrue(e.getMessage().contains(" of node a "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void anInternationalHostNameIsShownInItsAsciiForm() {
        ClusterConfigException e = refused(ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC)
                .node(new Node("a", "bücher.example", 4000, null, null))
                .node(new Node("b", "10.0.0.2", 4000, null, null)));
        assertEquals("<nodes><node><host> \"bücher.example\" of node a is not an ASCII host name; write it as "
                + "xn--bcher-kva.example, the form DNS and Java resolve; give the host name or IP address the "
                + "other nodes reach it at", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-1.example.com", "app_1", "10.0.0.1", "::1", "[fd00::1]", "fe80::1%eth0",
        "::ffff:10.0.0.1", "2001:db8::8a2e:370:7334", "localhost."})
    void validHosts(String host) throws Exception {
        ClusterRules.check(ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC).encryptionKey(KEY)
                .node(new Node("a", host, 4000, null, null)).node(new Node("b", "10.9.9.9", 4000, null, null))
                .build());
    }

    @Test
    void aNodesAddressIsAHostToo() {
        ClusterConfigException e = refused(ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC)
                .node(new Node("a", "10.0.0.1", 4000, "10.0.0.1\" port=\"1", null))
                .node(new Node("b", "10.0.0.2", 4000, null, null)));
        assertEquals("<nodes><node><address>", e.parameter());
    }

    @Test
    void ipv6LoopbackSpellingsAreOneHostForThePortChecks() {
        ClusterConfigException e = refused(ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC)
                .node(new Node("a", "::1", 4000, null, null))
                .node(new Node("b", "0:0:0:0:0:0:0:1", 4000, null, null)));
        assertEquals("<nodes><node><port>", e.parameter());
        assertTrue(e.getMessage().contains("a (4000) and b (4000) overlap on host ::1"), e.getMessage());
        Node v4 = new Node("c", "10.0.0.1", 4000, null, null);
        Node mapped = new Node("d", "::FFFF:10.0.0.1", 4001, null, null);
        Node bracketed = new Node("e", "[::1]", 4002, null, null);
        Node loopback = new Node("f", "127.0.0.1", 4003, null, null);
        assertEquals(List.of(0, 100, 0, 100),
                new ArrayList<>(ClusterConfigWriter.portShifts(List.of(v4, mapped, bracketed, loopback)).values()));
    }

    @Test
    void tomcatVersionIsParsedStrictly() throws Exception {
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> TomcatLine.of("9.0-banana"));
        assertEquals("<tomcatVersion> \"9.0-banana\" is not a Tomcat version; use a line (8.5, 9.0, 10.1, 11.0) or "
                + "a release of one (e.g. 10.1.59, or a milestone such as 11.0.0-M1)", e.getMessage());
        for (String bad : List.of("10.1.59-banana", "10.1.", "10..1", "10.1.59.1", "v10.1", "10.1.59-RC", "")) {
            assertEquals("<tomcatVersion>", assertThrows(ClusterConfigException.class, () -> TomcatLine.of(bad))
                    .parameter(), bad);
            assertFalse(TomcatLine.isRelease(bad), bad);
        }
        assertEquals(TomcatLine.V10_1, TomcatLine.of("10.1.59"));
        assertEquals(TomcatLine.V11_0, TomcatLine.of(" 11.0.0-M1 "));
        assertEquals(TomcatLine.V9_0, TomcatLine.of("9"));
        assertTrue(TomcatLine.isRelease("10.1.59"));
        assertTrue(TomcatLine.isRelease("11.0.0-M1"));
        assertFalse(TomcatLine.isRelease("10.1"));
    }

    private static List<String> warnings(ClusterSettings.Builder builder) throws Exception {
        return ClusterRules.check(builder.encryptionKey(KEY).build());
    }

    @Test
    void theSeedsSendOptionsAndTheirNamedFormAreSynchronous() throws Exception {
        assertEquals(List.of(), warnings(ClusterSettings.builder(TomcatLine.V10_1)));
        assertEquals(List.of(), warnings(ClusterSettings.builder(TomcatLine.V9_0)
                .attributes(Element.CLUSTER, Map.of("channelSendOptions", "use_ack, sync"))));
        assertEquals(List.of(), warnings(ClusterSettings.builder(TomcatLine.V11_0)
                .attributes(Element.CLUSTER, Map.of("channelSendOptions", "synchronized_ack,use_ack,byte"))));
        assertEquals(List.of(), warnings(ClusterSettings.builder(TomcatLine.V8_5).manager(Manager.BACKUP)));
        // the BackupManager sends sessions with mapSendOptions; the Cluster's options do not carry them
        assertEquals(List.of(), warnings(ClusterSettings.builder(TomcatLine.V10_1).manager(Manager.BACKUP)
                .attributes(Element.CLUSTER, Map.of("channelSendOptions", "8"))));
    }

    @Test
    void deltaManagerWithoutSynchronousAcknowledgementIsWarnedAbout() throws Exception {
        assertEquals(List.of("<clusterAttributes><channelSendOptions> is 8 (async), which lacks use_ack and lacks "
                + "sync and has async: the DeltaManager sends each session change to the other nodes with the "
                + "Cluster's channelSendOptions, and without the synchronous acknowledgement (SYNC_ACK with USE_ACK) "
                + "a request completes before the change arrives, so a failover right after it loses the change; "
                + "use 6 (use_ack,sync)"), warnings(ClusterSettings.builder(TomcatLine.V10_1)
                .attributes(Element.CLUSTER, Map.of("channelSendOptions", "async"))));
        assertTrue(warnings(ClusterSettings.builder(TomcatLine.V10_1)
                .attributes(Element.CLUSTER, Map.of("channelSendOptions", "")))
                .get(0).startsWith("<clusterAttributes><channelSendOptions> is not set, so Tomcat uses 8 (async)"));
        assertTrue(warnings(ClusterSettings.builder(TomcatLine.V8_5)
                .attributes(Element.CLUSTER, Map.of("channelSendOptions", "2")))
                .get(0).startsWith("<clusterAttributes><channelSendOptions> is 2 (use_ack), which lacks sync:"));
        assertTrue(warnings(ClusterSettings.builder(TomcatLine.V10_1)
                .attributes(Element.CLUSTER, Map.of("channelSendOptions", "14")))
                .get(0).startsWith("<clusterAttributes><channelSendOptions> is 14 (use_ack,sync,async), which has "
                        + "async:"));
    }

    @Test
    void backupManagerWithoutSynchronousAcknowledgementIsWarnedAbout() throws Exception {
        List<String> warnings = warnings(ClusterSettings.builder(TomcatLine.V10_1).manager(Manager.BACKUP)
                .attributes(Element.MANAGER, Map.of("mapSendOptions", "use_ack")));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("<managerAttributes><mapSendOptions> is 2 (use_ack), which lacks sync: "
                + "the BackupManager copies each session change to its backup node with its mapSendOptions"),
                warnings.get(0));
    }

    @Test
    void sendOptionNamesAreCheckedAsTheLineReadsThem() throws Exception {
        ClusterConfigException names85 = refused(ClusterSettings.builder(TomcatLine.V8_5)
                .attributes(Element.CLUSTER, Map.of("channelSendOptions", "use_ack,sync")));
        assertEquals("<clusterAttributes><channelSendOptions> \"use_ack,sync\" must be a number on Tomcat 8.5, which "
                + "reads no option names here (9.0 and later do): e.g. 6 for use_ack,sync", names85.getMessage());
        ClusterConfigException unknown = refused(ClusterSettings.builder(TomcatLine.V10_1).manager(Manager.BACKUP)
                .attributes(Element.MANAGER, Map.of("mapSendOptions", "USE_ACK,sync")));
        assertEquals("<managerAttributes><mapSendOptions>", unknown.parameter());
        assertTrue(unknown.getMessage().contains("\"USE_ACK\" is not a send option"), unknown.getMessage());
    }

    @Test
    void installTellsThatARestartedBackupNodeNeedsTimeBeforeTheLoadBalancerSendsItTraffic() throws Exception {
        new ClusterConfigWriter().write(ClusterSettings.builder(TomcatLine.V10_1).manager(Manager.BACKUP)
                .encryptionKey(KEY).build(), out, null, null);
        String install = Files.readString(out.resolve("INSTALL.md"));
        assertTrue(install.contains("A restarted node answers HTTP before it holds its backups"), install);
        assertTrue(install.contains("health check"), install);
    }

    @Test
    void everyXmlFileWrittenIsWellFormed() throws Exception {
        new ClusterConfigWriter().write(twoNodes("n--1", "n2").deployer(true).jvmRouteBinderValve(true)
                .attributes(Element.DEPLOYER, Map.of("watchDir", "/tmp/<watch>&\"'"))
                .attributes(Element.MANAGER, Map.of("notifyListenersOnReplication", "\u20ac")).build(), out, null,
                null);
        for (Path file : xmlFiles()) {
            NodeList deployers = parse(file).getElementsByTagName("Deployer");
            assertEquals("/tmp/<watch>&\"'", ((org.w3c.dom.Element) deployers.item(0)).getAttribute("watchDir"));
        }
    }
}
