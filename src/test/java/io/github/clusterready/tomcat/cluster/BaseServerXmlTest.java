package io.github.clusterready.tomcat.cluster;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The base server.xml is read as XML: its structure, its values as Tomcat reads them, its encoding. */
class BaseServerXmlTest {
    private static final String KEY = "00112233445566778899aabbccddeeff";

    @TempDir
    Path temp;

    /** Two static nodes on one host: node2's ports move up by 100. */
    private static ClusterSettings.Builder twoNodesOnOneHost() {
        return ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC).encryptionKey(KEY)
                .node(new Node("node1", "127.0.0.1", 4000, null, null))
                .node(new Node("node2", "127.0.0.1", 4001, null, null));
    }

    private Path base(String xml) throws Exception {
        return Files.write(temp.resolve("server.xml"), xml.getBytes(UTF_8));
    }

    private Path write(ClusterSettings.Builder settings, Path base) throws Exception {
        Path out = temp.resolve("out");
        new ClusterConfigWriter().write(settings.build(), out, base, "src/main/tomcat/server.xml");
        return out;
    }

    private ClusterConfigException refused(ClusterSettings.Builder settings, Path base) {
        Path out = temp.resolve("out");
        ClusterConfigException e = assertThrows(ClusterConfigException.class,
                () -> new ClusterConfigWriter().write(settings.build(), out, base, "src/main/tomcat/server.xml"));
        assertFalse(Files.exists(out), "nothing written");
        return e;
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static org.w3c.dom.Element first(Document document, String name) {
        return (org.w3c.dom.Element) document.getElementsByTagName(name).item(0);
    }

    private static String server(String engineAndHosts) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Server port=\"8005\" shutdown=\"SHUTDOWN\">\n"
                + "  <Service name=\"Catalina\">\n    <Connector port=\"8080\" redirectPort=\"8443\"/>\n"
                + engineAndHosts + "  </Service>\n</Server>\n";
    }

    @Test
    void jvmRouteInsideAnotherAttributesValueIsNoAttribute() throws Exception {
        Path out = write(twoNodesOnOneHost(), base(server("    <Engine \u00e9=\"x jvmRoute='old'\" "
                + "name=\"Catalina\" defaultHost=\"localhost\">\n      <Host name=\"localhost\"/>\n    </Engine>\n")));
        org.w3c.dom.Element engine = first(parse(out.resolve("nodes/node2/server.xml")), "Engine");
        assertEquals("x jvmRoute='old'", engine.getAttribute("\u00e9"));
        assertEquals("node2", engine.getAttribute("jvmRoute"));
    }

    @Test
    void anEmptyEngineGetsTheClusterInside() throws Exception {
        Path out = write(twoNodesOnOneHost(), base(server("    <Engine name=\"Catalina\" defaultHost=\"localhost\"/>\n")));
        String text = Files.readString(out.resolve("nodes/node1/server.xml"));
        org.w3c.dom.Element engine = first(parse(out.resolve("nodes/node1/server.xml")), "Engine");
        assertEquals("node1", engine.getAttribute("jvmRoute"));
        assertEquals("Engine", ((org.w3c.dom.Element) engine.getElementsByTagName("Cluster").item(0).getParentNode())
                .getTagName());
        assertTrue(text.contains("    <Engine name=\"Catalina\" defaultHost=\"localhost\" jvmRoute=\"node1\">\n"
                + "      <Cluster className=\"org.apache.catalina.ha.tcp.SimpleTcpCluster\""), text);
        assertTrue(text.contains("      </Cluster>\n    </Engine>\n  </Service>"), text);
    }

    @Test
    void anEmptyDefaultHostGetsTheClusterWithTheDeployer() throws Exception {
        Path out = write(twoNodesOnOneHost().deployer(true), base(server("    <Engine name=\"Catalina\" "
                + "defaultHost=\"LocalHost\">\n      <Host name=\"other\"/>\n      <Host name=\"localhost\" "
                + "appBase=\"webapps\"/>\n    </Engine>\n")));
        Document document = parse(out.resolve("nodes/node2/server.xml"));
        org.w3c.dom.Element cluster = first(document, "Cluster");
        assertEquals("localhost", ((org.w3c.dom.Element) cluster.getParentNode()).getAttribute("name"));
    }

    @Test
    void twoServicesAreRefused() throws Exception {
        String xml = server("    <Engine name=\"Catalina\"/>\n").replace("</Server>",
                "  <Service name=\"Admin\">\n    <Engine name=\"Admin\"/>\n  </Service>\n</Server>");
        ClusterConfigException e = refused(twoNodesOnOneHost(), base(xml));
        assertEquals("<serverXml> src/main/tomcat/server.xml:7: has 2 <Service>s; the plugin gives each node one "
                + "<Cluster> and one jvmRoute and cannot tell which Service's <Engine> runs the webapp (two Clusters "
                + "would bind one receiver port): keep one <Service> in the base server.xml and add the others to "
                + "the nodes' files yourself", e.getMessage());
    }

    @Test
    void portsWrittenAsEntityReferencesAreResolvedAndMoved() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Server [\n  <!ENTITY http \"8080\">\n"
                + "  <!ENTITY shutdown \"8005\">\n]>\n"
                + "<Server port=\"&shutdown;\">\n  <Service>\n    <Connector port=\"&http;\" redirectPort=\"&#56;443\"/>\n"
                + "    <Engine name=\"E\">\n    </Engine>\n  </Service>\n</Server>\n";
        Path out = write(twoNodesOnOneHost(), base(xml));
        Document node1 = parse(out.resolve("nodes/node1/server.xml"));
        Document node2 = parse(out.resolve("nodes/node2/server.xml"));
        assertEquals("8080", first(node1, "Connector").getAttribute("port"));
        assertEquals("8180", first(node2, "Connector").getAttribute("port"));
        assertEquals("8543", first(node2, "Connector").getAttribute("redirectPort"));
        assertEquals("8105", first(node2, "Server").getAttribute("port"));
        assertTrue(Files.readString(out.resolve("nodes/node1/server.xml")).contains("port=\"&http;\""));
    }

    @Test
    void aPortTomcatResolvesAtStartupCannotBeMoved() throws Exception {
        Path out = temp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("INSTALL.md"), "the last good configuration");
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(twoNodesOnOneHost().build(), out, base(server("    <Engine name=\"E\"/>\n")
                        .replace("\"8080\"", "\"${http.port}\"")), "src/main/tomcat/server.xml"));
        assertEquals("<serverXml> src/main/tomcat/server.xml:4: the <Connector> port \"${http.port}\" is a property "
                + "Tomcat resolves when it starts, but node2 shares its host with an earlier node and needs this port "
                + "moved up by 100: write the port as a number in the base server.xml, or give the nodes different "
                + "hosts", e.getMessage());
        assertEquals("the last good configuration", Files.readString(out.resolve("INSTALL.md")));
        assertFalse(Files.exists(out.resolve("nodes")));
        // a node that keeps its ports keeps the property
        Path alone = temp.resolve("alone");
        new ClusterConfigWriter().write(ClusterSettings.builder(TomcatLine.V10_1).encryptionKey(KEY).build(), alone,
                base(server("    <Engine name=\"E\"/>\n").replace("\"8080\"", "\"${http.port}\"")), "server.xml");
        assertTrue(Files.readString(alone.resolve("server.xml")).contains("port=\"${http.port}\""));
    }

    @Test
    void aPortMovedBeyond65535IsAnError() throws Exception {
        ClusterConfigException e = refused(twoNodesOnOneHost(), base(server("    <Engine name=\"E\"/>\n")
                .replace("redirectPort=\"8443\"", "redirectPort=\"65500\"")));
        assertEquals("<serverXml> src/main/tomcat/server.xml:4: the <Connector> redirectPort \"65500\" moved up by "
                + "100 for node2 is 65600, beyond 65535, the last TCP port: lower the ports in the base server.xml, "
                + "or put fewer nodes on one host", e.getMessage());
    }

    @Test
    void theEncodingIsKeptAndWhatItCannotHoldBecomesCharacterReferences() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!-- B\u00fccher -->\n<Server port=\"-1\">\n"
                + "  <Service>\n    <Engine name=\"E\" defaultHost=\"b\u00fccher.example\">\n"
                + "      <Host name=\"b\u00fccher.example\" appBase=\"webapps\"/>\n    </Engine>\n  </Service>\n"
                + "</Server>\n";
        Path base = Files.write(temp.resolve("server.xml"), xml.getBytes(ISO_8859_1));
        Path out = write(twoNodesOnOneHost().deployer(true)
                .attributes(Element.DEPLOYER, Map.of("tempDir", "/tmp/war-\u20ac/")), base);
        byte[] bytes = Files.readAllBytes(out.resolve("nodes/node2/server.xml"));
        String text = new String(bytes, ISO_8859_1);
        assertTrue(text.contains("<!-- B\u00fccher -->"), text);
        assertTrue(text.contains("tempDir=\"/tmp/war-&#x20AC;/\""), text);
        Document document = parse(out.resolve("nodes/node2/server.xml"));
        org.w3c.dom.Element cluster = first(document, "Cluster");
        assertEquals("b\u00fccher.example", ((org.w3c.dom.Element) cluster.getParentNode()).getAttribute("name"));
        assertEquals("/tmp/war-\u20ac/", first(document, "Deployer").getAttribute("tempDir"));
    }

    @Test
    void aUtf16FileIsRefused() throws Exception {
        Path base = Files.write(temp.resolve("server.xml"), server("    <Engine name=\"E\"/>\n")
                .replace("UTF-8", "UTF-16").getBytes(UTF_16));
        ClusterConfigException e = refused(twoNodesOnOneHost(), base);
        assertEquals("<serverXml> src/main/tomcat/server.xml is encoded in UTF-16, which the plugin does not edit: "
                + "save it as UTF-8 (with encoding=\"UTF-8\" in its XML declaration, as Tomcat ships it)",
                e.getMessage());
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("tomcat"));
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(twoNodesOnOneHost().build(), temp.resolve("out"), dir, "src/main/tomcat"));
        assertEquals("<serverXml> src/main/tomcat is a directory; set it to the server.xml file (e.g. "
                + "src/main/tomcat/server.xml)", e.getMessage());
    }

    @Test
    void anOutputDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("tomcat-cluster"), "a file");
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(twoNodesOnOneHost().build(), file, null, null));
        assertEquals("<outputDirectory>", e.parameter());
        assertTrue(e.getMessage().endsWith("tomcat-cluster is a file, where the plugin needs a directory: delete it, "
                + "or set <outputDirectory> to a directory"), e.getMessage());
        assertEquals("a file", Files.readString(file));
    }

    @Test
    void anElementOnlyAnEntityWritesIsRefused() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Server [\n  <!ENTITY engine \"<Engine name='E'/>\">\n]>\n"
                + "<Server port=\"8005\">\n  <Service>\n    &engine;\n  </Service>\n</Server>\n";
        ClusterConfigException e = refused(twoNodesOnOneHost(), base(xml));
        assertTrue(e.getMessage().startsWith("<serverXml> src/main/tomcat/server.xml: the element <Engine> is "
                + "written by an entity reference"), e.getMessage());
    }
}
