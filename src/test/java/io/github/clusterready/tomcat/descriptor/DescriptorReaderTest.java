package io.github.clusterready.tomcat.descriptor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser never reads anything but the bytes it is given. */
class DescriptorReaderTest {
    private final DescriptorReader reader = new DescriptorReader();

    @Test
    void externalDtdIsNotFetched() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/web-app_2_3.dtd";
            String xml = "<!DOCTYPE web-app PUBLIC \"-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN\" \""
                    + url + "\">\n<web-app><display-name>&undeclared;</display-name></web-app>";
            Descriptor descriptor = reader.read(xml.getBytes(UTF_8), "web.xml");
            assertEquals("2.3", descriptor.version());
            server.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, server::accept, "the parser connected to " + url);
        }
    }

    @Test
    void externalEntitiesAreNotRead(@TempDir Path dir) throws Exception {
        Path secret = Files.write(dir.resolve("secret.txt"), "SECRET-FILE".getBytes(UTF_8));
        Path dtd = Files.write(dir.resolve("evil.dtd"), "<!ENTITY leak \"SECRET-DTD\">".getBytes(UTF_8));
        String xml = "<!DOCTYPE web-fragment [\n  <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">\n]>\n"
                + "<web-fragment><name>lib-&xxe;</name></web-fragment>";
        String name = reader.read(xml.getBytes(UTF_8), "web-fragment.xml").fragmentName().get();
        assertEquals("lib-", name); // the entity read as nothing: had the file been read, its text would follow

        String viaParameterEntity = "<!DOCTYPE web-app [\n  <!ENTITY % remote SYSTEM \"" + dtd.toUri() + "\">\n"
                + "  %remote;\n]>\n<web-app><display-name>&leak;</display-name></web-app>";
        // Had the parameter entity been read, &leak; would be declared and expand to the DTD's text.
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> reader.read(viaParameterEntity.getBytes(UTF_8), "web.xml"));
        assertTrue(e.getMessage().contains("\"leak\" was referenced, but not declared"), e.getMessage());
    }

    @Test
    void entityExpansionIsBounded() {
        StringBuilder xml = new StringBuilder("<!DOCTYPE web-app [\n  <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i < 10; i++) {
            xml.append("  <!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                xml.append("&lol").append(i - 1).append(';');
            }
            xml.append("\">\n");
        }
        xml.append("]>\n<web-app><description>&lol9;</description></web-app>");
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> reader.read(xml.toString().getBytes(UTF_8), "target/x.war!/WEB-INF/web.xml"));
        assertTrue(e.getMessage().startsWith("target/x.war!/WEB-INF/web.xml:"), e.getMessage());
    }

    @Test
    void readsWhatVerificationNeeds() throws Exception {
        Descriptor webXml = reader.read(("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\" "
                + "metadata-complete=\"true\"><absolute-ordering><name>a</name><others/><name>b</name>"
                + "</absolute-ordering></web-app>").getBytes(UTF_8), "web.xml");
        assertTrue(webXml.isMetadataComplete());
        assertEquals("6.0", webXml.version());
        assertEquals(java.util.Arrays.asList("a", "b"), webXml.absoluteOrdering().get().names());
        assertTrue(webXml.absoluteOrdering().get().includesOthers());

        Descriptor fragment = reader.read(("<web-fragment><name> lib </name><distributable/></web-fragment>")
                .getBytes(UTF_8), "web-fragment.xml");
        assertEquals("lib", fragment.fragmentName().get());
        assertTrue(fragment.isDistributable());
        assertEquals("web-fragment", fragment.rootName());
    }

    @Test
    void readsTheRootAndOnlyItsOwnChildren() throws Exception {
        Descriptor descriptor = reader.read(("<j:web-app xmlns:j=\"https://jakarta.ee/xml/ns/jakartaee\" "
                + "xmlns:x=\"urn:other\" version=\" 5.0 \"><j:display-name>d</j:display-name><x:distributable/>"
                + "<j:name>  a \n\t b <j:i>nested</j:i> c </j:name><j:servlet><j:distributable/></j:servlet>"
                + "</j:web-app>").getBytes(UTF_8), "web.xml");
        assertEquals("web-app", descriptor.rootName());
        assertEquals("j", descriptor.prefix());
        assertEquals("https://jakarta.ee/xml/ns/jakartaee", descriptor.namespace());
        assertEquals("5.0", descriptor.version());
        // <distributable/> counts only as a child of the root, in the root's namespace.
        assertFalse(descriptor.isDistributable());
        assertEquals(java.util.Arrays.asList("display-name", "name", "servlet"), descriptor.childNames());
        // The element's own text, its whitespace collapsed; not the text of elements inside it.
        assertEquals("a b c", descriptor.fragmentName().get());
        assertFalse(descriptor.absoluteOrdering().isPresent());
    }
}
