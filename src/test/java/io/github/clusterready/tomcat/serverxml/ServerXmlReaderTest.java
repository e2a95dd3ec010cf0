package io.github.clusterready.tomcat.serverxml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear error and reads nothing from the network; positions point into the file's text. */
class ServerXmlReaderTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void notXmlNamesFileLineAndColumn() {
        ServerXmlException e = assertThrows(ServerXmlException.class, () -> ServerXmlReader.read("a/server.xml",
                utf8("<Server>\n  <Service>\n</Server>\n")));
        assertTrue(e.getMessage().startsWith("a/server.xml:3:3: is not well-formed XML ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("): Tomcat would not start with it; correct the file there"),
                e.getMessage());
    }

    @Test
    void anExternalDtdIsRefusedAndNeverFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/server.dtd";
            ServerXmlException e = assertThrows(ServerXmlException.class, () -> ServerXmlReader.read("s.xml",
                    utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE Server SYSTEM \"" + url + "\">\n<Server/>\n")));
            assertEquals("s.xml:2:" + (25 + url.length() + 2) + ": its DOCTYPE names the external DTD \"" + url
                    + "\", which Tomcat's parser would fetch at every start; the checker reads nothing from the "
                    + "network or other files: remove the DOCTYPE (Tomcat's own server.xml has none)",
                    e.getMessage());
            ServerXmlException entity = assertThrows(ServerXmlException.class, () -> ServerXmlReader.read("s.xml",
                    utf8("<!DOCTYPE Server [<!ENTITY c SYSTEM \"" + url + "\">]>\n<Server>&c;</Server>\n")));
            assertTrue(entity.getMessage().startsWith("s.xml:2:12: refers to the external entity &c;"),
                    entity.getMessage());
        } finally {
            server.stop(0);
        }
        assertEquals(0, requests.get(), "nothing was fetched");
    }

    @Test
    void entityExpansionIsBounded() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE Server [<!ENTITY a0 \"xxxxxxxxxx\">");
        for (int i = 1; i < 10; i++) {
            doctype.append("<!ENTITY a").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                doctype.append("&a").append(i - 1).append(';');
            }
            doctype.append("\">");
        }
        String bomb = doctype + "]>\n<Server port=\"&a9;\"/>\n";
        ServerXmlException e = assertThrows(ServerXmlException.class, () -> ServerXmlReader.read("s.xml",
                utf8(bomb)));
        assertTrue(e.getMessage().startsWith("s.xml:"), e.getMessage());
    }

    @Test
    void aHugeFileIsNotRead() throws Exception {
        Path file = dir.resolve("node1/conf/server.xml");
        Files.createDirectories(file.getParent());
        byte[] huge = new byte[ServerXmlReader.MAX_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        Files.write(file, huge);
        ServerXmlException e = assertThrows(ServerXmlException.class, () -> new ServerXmlCheck(TomcatLine.V10_1,
                Collections.emptyMap()).check(List.of(file), p -> dir.relativize(p).toString()));
        assertEquals("node1/conf/server.xml: is 8388609 bytes, more than the 8388608 a server.xml may have here: "
                + "name the node's conf/server.xml, not another file", e.getMessage());
    }

    @Test
    void aMissingInputIsNamed() {
        ServerXmlException e = assertThrows(ServerXmlException.class, () -> new ServerXmlCheck(null,
                Collections.emptyMap()).check(List.of(dir.resolve("nope")), p -> "nope"));
        assertEquals("nope: no such file or directory; name each node's conf/server.xml or its Tomcat directory "
                + "(CATALINA_BASE)", e.getMessage());
    }

    @Test
    void positionsAreTheTagAndTheValueInTheText() throws Exception {
        String text = "<?xml version=\"1.0\"?>\n<!-- <Cluster port=\"1\"/> -->\n<Server>\n"
                + "\t<Service name='S'   >\n    <Engine  jvmRoute = \"a>b\" name=\"E\"/></Service></Server>\n";
        ServerXmlFile file = ServerXmlReader.read("s.xml", utf8(text));
        XmlNode engine = file.root.children("Service").get(0).children("Engine").get(0);
        assertEquals(5, engine.line);
        assertEquals(5, engine.column);
        assertArrayEquals(new int[] {5, 26}, engine.position("jvmRoute"));
        assertArrayEquals(new int[] {5, 37}, engine.position("name"));
        assertEquals("a>b", engine.raw("jvmRoute"));
        assertArrayEquals(new int[] {4, 17}, file.root.children("Service").get(0).position("name"));
    }

    @Test
    void internalEntitiesAreExpandedAsTomcatReadsThem() throws Exception {
        String text = "<!DOCTYPE Server [<!ENTITY opts \"6\">]>\n<Server><Service><Engine><Cluster "
                + "channelSendOptions=\"&opts;\"/></Engine></Service></Server>";
        ServerXmlFile file = ServerXmlReader.read("s.xml", utf8(text));
        XmlNode cluster = file.root.descendants().get(2);
        assertEquals("6", cluster.raw("channelSendOptions"));
        assertEquals(2, cluster.line);
    }
}
