package io.github.clusterready.tomcat.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

class ClusterConfigWriterTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path out;

    @Test
    void defaultsWithTheDeployerAreTheSeedsCluster() throws Exception {
        new ClusterConfigWriter().write(ClusterSettings.builder(TomcatLine.V8_5).deployer(true).build(), out,
                null, null);
        String seed = Files.readString(Paths.get("src/test/resources/cluster/seed-cluster.xml"));
        assertEquals(canonical(seed), canonical(Files.readString(out.resolve("cluster.xml"))));
    }

    @Test
    void defaultsAreTheSeedWithoutItsInertDeployer() throws Exception {
        new ClusterConfigWriter().write(ClusterSettings.builder(TomcatLine.V10_1).build(), out, null, null);
        String seed = Files.readString(Paths.get("src/test/resources/cluster/seed-cluster.xml"))
                .replaceAll("(?s)<Deployer .*?/>", "");
        assertEquals(canonical(seed), canonical(Files.readString(out.resolve("cluster.xml"))));
        assertEquals(List.of("INSTALL.md", "cluster.xml"), listing());
    }

    @Test
    void nodesGetTheirOwnFilesAndTheKeyStaysPrivate() throws Exception {
        ClusterSettings settings = ClusterSettings.builder(TomcatLine.V11_0).membership(Membership.STATIC)
                .encryptionKey(KEY).node(new Node("node1", "127.0.0.1", 4000, null, null))
                .node(new Node("node2", "127.0.0.1", 4001, null, null)).build();
        ClusterConfigWriter.Result result = new ClusterConfigWriter().write(settings, out, null, null);
        assertEquals(List.of("INSTALL.md", "nodes/node1/cluster.xml", "nodes/node2/cluster.xml"), listing());
        assertEquals(3, result.files().size());
        assertEquals(List.of(), result.warnings());
        String node2 = Files.readString(out.resolve("nodes/node2/cluster.xml"));
        assertTrue(node2.contains("encryptionAlgorithm=\"AES/GCM/NoPadding\""), node2);
        assertTrue(node2.contains("encryptionKey=\"" + KEY + "\""), node2);
        assertTrue(node2.indexOf("EncryptInterceptor") < node2.indexOf("TcpFailureDetector"), node2);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("nodes/node2/cluster.xml"))));
        String install = Files.readString(out.resolve("INSTALL.md"));
        assertFalse(install.contains(KEY));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                out.resolve("INSTALL.md"))));
        assertTrue(install.contains("- TCP 4001 on 127.0.0.1 (receiver of node2)"), install);
        assertTrue(install.contains("For Tomcat 11.0: any 11.0.x release; the plugin's end-to-end tests run Tomcat "
                + TomcatLine.V11_0.release() + " (`org.apache.tomcat:tomcat:" + TomcatLine.V11_0.release()
                + ":tar.gz` on Maven Central"), install);
        assertEquals(TestTomcats.home(TomcatLine.V11_0).getFileName().toString(),
                "apache-tomcat-" + TomcatLine.V11_0.release(), "the release INSTALL.md names is the one tests run");
    }

    @Test
    void withoutKeyFilesAreReadableByAll() throws Exception {
        new ClusterConfigWriter().write(ClusterSettings.builder(TomcatLine.V9_0).build(), out, null, null);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                out.resolve("cluster.xml"))));
    }

    @Test
    void aFailedCheckWritesNothing() throws Exception {
        Path base = Files.writeString(out.resolve("base.xml"), "<Server/>");
        ClusterSettings settings = ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC)
                .node(new Node("a", "h", 4000, null, null)).node(new Node("b", "h", 4001, null, null)).build();
        ClusterConfigException e = assertThrows(ClusterConfigException.class,
                () -> new ClusterConfigWriter().write(settings, out.resolve("o"), base, "base.xml"));
        assertEquals("<serverXml>", e.parameter());
        assertFalse(Files.exists(out.resolve("o")));
    }

    @Test
    void portShiftsCountEarlierNodesOnTheSameHost() {
        Node a = new Node("a", "h1", 4000, null, null);
        Node b = new Node("b", "h2", 4000, null, null);
        Node c = new Node("c", "H1", 4001, null, null);
        Node d = new Node("d", "h1", 4002, null, null);
        assertEquals(List.of(0, 0, 100, 200),
                List.copyOf(ClusterConfigWriter.portShifts(List.of(a, b, c, d)).values()));
    }

    private List<String> listing() throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** Elements and attributes only, attributes sorted: what Tomcat's digester sees. */
    private static String canonical(String xml) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(UTF_8))).getDocumentElement();
        StringBuilder s = new StringBuilder();
        canonical(root, s, "");
        return s.toString();
    }

    private static void canonical(Element element, StringBuilder s, String indent) {
        s.append(indent).append(element.getTagName());
        NamedNodeMap attributes = element.getAttributes();
        List<String> sorted = new java.util.ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            sorted.add(attributes.item(i).getNodeName() + "=" + attributes.item(i).getNodeValue());
        }
        sorted.sort(null);
        s.append(' ').append(sorted).append('\n');
        for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element) {
                canonical((Element) child, s, indent + "  ");
            }
        }
    }
}
