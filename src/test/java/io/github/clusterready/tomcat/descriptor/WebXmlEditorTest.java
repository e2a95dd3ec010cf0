package io.github.clusterready.tomcat.descriptor;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebXmlEditorTest {
    private static final String WAR_WEB_XML = "target/app.war!/WEB-INF/web.xml";
    private final WebXmlEditor editor = new WebXmlEditor();

    private String edit(String xml) throws DescriptorException {
        return edit(xml, UTF_8);
    }

    private String edit(String xml, Charset charset) throws DescriptorException {
        WebXmlEditor.Edit edit = editor.makeDistributable(xml.getBytes(charset), WAR_WEB_XML);
        assertTrue(edit.changed());
        return new String(edit.bytes(), charset);
    }

    @Test
    void servlet60GoesAfterDisplayNameAndDescription() throws Exception {
        String input = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    <display-name>Shop</display-name>
                    <description>The shop</description>
                    <servlet>
                        <servlet-name>a</servlet-name>
                        <servlet-class>A</servlet-class>
                    </servlet>
                </web-app>
                """;
        String expected = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    <display-name>Shop</display-name>
                    <description>The shop</description>
                    <distributable/>
                    <servlet>
                        <servlet-name>a</servlet-name>
                        <servlet-class>A</servlet-class>
                    </servlet>
                </web-app>
                """;
        assertEquals(expected, edit(input));
    }

    @ParameterizedTest(name = "Servlet {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "2.2|<!DOCTYPE web-app PUBLIC \"-//Sun Microsystems, Inc.//DTD Web Application 2.2//EN\" \"http://java.sun.com/j2ee/dtds/web-app_2_2.dtd\"><web-app>",
        "2.3|<!DOCTYPE web-app PUBLIC \"-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN\" \"http://java.sun.com/dtd/web-app_2_3.dtd\"><web-app>",
        "2.4|<web-app xmlns=\"http://java.sun.com/xml/ns/j2ee\" version=\"2.4\">",
        "2.5|<web-app xmlns=\"http://java.sun.com/xml/ns/javaee\" version=\"2.5\">",
        "3.0|<web-app xmlns=\"http://java.sun.com/xml/ns/javaee\" version=\"3.0\">",
        "3.1|<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"3.1\">",
        "4.0|<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"4.0\">",
        "5.0|<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"5.0\">",
        "6.0|<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">",
        "6.1|<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\">",
    })
    void everyDescriptorGeneration(String version, String start) throws Exception {
        String input = start + "\n  <display-name>app</display-name>\n  <servlet-mapping/>\n</web-app>\n";
        WebXmlEditor.Edit edit = editor.makeDistributable(input.getBytes(UTF_8), WAR_WEB_XML);
        assertEquals(version, edit.descriptor().version());
        assertEquals(input.replace("</display-name>\n", "</display-name>\n  <distributable/>\n"),
                new String(edit.bytes(), UTF_8));
    }

    @Test
    void withoutLeadingElementsGoesRightAfterTheRootStartTag() throws Exception {
        String input = "<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\"\n         version=\"4.0\">\n"
                + "\t<session-config/>\n</web-app>\n";
        String expected = "<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\"\n         version=\"4.0\">\n"
                + "\t<distributable/>\n\t<session-config/>\n</web-app>\n";
        assertEquals(expected, edit(input));
    }

    @Test
    void dtdDescriptorKeepsDoctypeAndInternalSubsetAndGoesAfterIcon() throws Exception {
        String input = """
                <?xml version="1.0"?>
                <!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN"
                  "http://java.sun.com/dtd/web-app_2_3.dtd" [
                  <!ENTITY name "Shop &amp; more">
                  <!-- <display-name>not an element</display-name> ] -->
                  <!ENTITY tricky '<servlet>]>'>
                ]>
                <web-app>
                  <icon><small-icon>a.gif</small-icon></icon>
                  <display-name>&name;</display-name>
                  <context-param><param-name>a</param-name><param-value><![CDATA[<description/>]]></param-value></context-param>
                </web-app>
                """;
        String expected = input.replace("&name;</display-name>\n",
                "&name;</display-name>\n  <distributable/>\n");
        assertEquals(expected, edit(input));
        assertEquals("2.3", editor.makeDistributable(input.getBytes(UTF_8), WAR_WEB_XML).descriptor().version());
    }

    @Test
    void prefixedRootGetsPrefixedElement() throws Exception {
        String input = """
                <j2ee:web-app xmlns:j2ee="http://java.sun.com/xml/ns/j2ee" version="2.4">
                  <j2ee:description>d</j2ee:description>
                  <j2ee:servlet><j2ee:servlet-name>s</j2ee:servlet-name><j2ee:servlet-class>S</j2ee:servlet-class></j2ee:servlet>
                </j2ee:web-app>
                """;
        String expected = input.replace("</j2ee:description>\n", "</j2ee:description>\n  <j2ee:distributable/>\n");
        assertEquals(expected, edit(input));
    }

    @Test
    void crlfAndIso88591KeepEveryOtherByte() throws Exception {
        String input = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n<web-app version=\"2.5\" "
                + "xmlns=\"http://java.sun.com/xml/ns/javaee\">\r\n  <display-name>Caf\u00e9 M\u00fcller</display-name>\r\n"
                + "  <welcome-file-list><welcome-file>\u00e9.html</welcome-file></welcome-file-list>\r\n</web-app>\r\n";
        byte[] bytes = input.getBytes(ISO_8859_1);
        byte[] edited = editor.makeDistributable(bytes, WAR_WEB_XML).bytes();
        String expected = input.replace("</display-name>\r\n", "</display-name>\r\n  <distributable/>\r\n");
        assertArrayEquals(expected.getBytes(ISO_8859_1), edited);
    }

    @Test
    void utf16WithByteOrderMarkStaysUtf16() throws Exception {
        String input = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<web-app version=\"3.0\">\n"
                + "  <display-name>\u65e5\u672c</display-name>\n</web-app>\n";
        String expected = input.replace("</display-name>\n", "</display-name>\n  <distributable/>\n");
        assertEquals(expected, edit(input, UTF_16LE));
        assertEquals(expected, edit(input, UTF_16BE));
    }

    @Test
    void utf8ByteOrderMarkIsKept() throws Exception {
        String input = "\uFEFF<web-app version=\"3.1\">\n  <servlet-mapping/>\n</web-app>";
        assertEquals("\uFEFF<web-app version=\"3.1\">\n  <distributable/>\n  <servlet-mapping/>\n</web-app>",
                edit(input));
    }

    @Test
    void oneLineDescriptorStaysOnOneLine() throws Exception {
        assertEquals("<web-app version=\"5.0\"><display-name>x</display-name><distributable/><servlet/></web-app>",
                edit("<web-app version=\"5.0\"><display-name>x</display-name><servlet/></web-app>"));
    }

    @Test
    void emptyRootElementIsOpened() throws Exception {
        assertEquals("<web-app version=\"6.1\">\n    <distributable/>\n</web-app>\n",
                edit("<web-app version=\"6.1\"/>\n"));
        assertEquals("<web-app><distributable/></web-app>", edit("<web-app/>"));
    }

    @Test
    void commentAfterTheAnchorStaysOnItsLine() throws Exception {
        String input = "<web-app>\n  <display-name>x</display-name> <!-- the name -->\n  <listener/>\n</web-app>\n";
        assertEquals("<web-app>\n  <display-name>x</display-name> <!-- the name -->\n  <distributable/>\n"
                + "  <listener/>\n</web-app>\n", edit(input));
    }

    @Test
    void mixedLineSeparatorsTakeTheOneEndingTheAnchorLine() throws Exception {
        String input = "<?xml version=\"1.0\"?>\n<web-app>\r\n  <display-name>n</display-name>\r\n  <servlet/>\n</web-app>";
        assertEquals(input.replace("</display-name>\r\n", "</display-name>\r\n  <distributable/>\r\n"), edit(input));
    }

    @Test
    void elementsOfOtherNamespacesNeitherEndNorAnchorTheLeadingRun() throws Exception {
        String input = "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\">\n  <x:note xmlns:x=\"urn:x\"/>\n"
                + "  <display-name>n</display-name>\n  <y:tag xmlns:y=\"urn:y\"/>\n  <description>d</description>\n"
                + "  <servlet/>\n</web-app>\n";
        assertEquals(input.replace("<description>d</description>\n", "<description>d</description>\n  <distributable/>\n"),
                edit(input));
    }

    @Test
    void attributeValuesWithAngleBracketsAndSingleQuotesAreNotMarkup() throws Exception {
        String input = "<web-app x='a>b' y=\"c/>\">\n  <display-name a='>'>x</display-name>\n  <filter/>\n</web-app>";
        assertEquals("<web-app x='a>b' y=\"c/>\">\n  <display-name a='>'>x</display-name>\n  <distributable/>\n"
                + "  <filter/>\n</web-app>", edit(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<web-app>\n  <distributable/>\n</web-app>",
        "<web-app>\n  <distributable></distributable>\n</web-app>",
        "<w:web-app xmlns:w=\"http://java.sun.com/xml/ns/j2ee\">\n  <w:distributable/>\n</w:web-app>",
        "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\"><servlet/><distributable /></web-app>"
    })
    void alreadyDistributableIsReturnedAsItIs(String xml) throws Exception {
        byte[] bytes = xml.getBytes(UTF_8);
        WebXmlEditor.Edit edit = editor.makeDistributable(bytes, WAR_WEB_XML);
        assertFalse(edit.changed());
        assertSame(bytes, edit.bytes());
    }

    @Test
    void distributableInCommentOrOtherNamespaceDoesNotCount() throws Exception {
        assertEquals("<web-app>\n  <distributable/>\n  <!-- <distributable/> -->\n  <x:distributable xmlns:x=\"urn:x\"/>\n"
                        + "</web-app>",
                edit("<web-app>\n  <!-- <distributable/> -->\n  <x:distributable xmlns:x=\"urn:x\"/>\n</web-app>"));
    }

    @Test
    void malformedDescriptorNamesFileLineAndColumn() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> editor.makeDistributable(
                "<web-app>\n  <servlet>\n    <servlet-name>a</servlet-name>\n</web-app>\n".getBytes(UTF_8),
                WAR_WEB_XML));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith(WAR_WEB_XML + ":4:"), e.getMessage());
        assertTrue(e.getMessage().contains("servlet"), e.getMessage());
    }

    @Test
    void otherRootElementIsRefused() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> editor.makeDistributable(
                "<web-fragment/>".getBytes(UTF_8), WAR_WEB_XML));
        assertTrue(e.getMessage().contains("root element <web-fragment>"), e.getMessage());
    }

    @Test
    void unsupportedEncodingIsAClearError() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> editor.makeDistributable(
                "<?xml version=\"1.0\" encoding=\"X-NO-SUCH\"?><web-app/>".getBytes(UTF_8), WAR_WEB_XML));
        assertTrue(e.getMessage().startsWith(WAR_WEB_XML), e.getMessage());
    }

    @Test
    void theOnlyChangeIsOneInsertedLine() throws Exception {
        String[] inputs = {
            "<web-app>\r\n\t<description>d</description>\r\n</web-app>\r\n",
            "<?xml version=\"1.0\"?>\n<!-- c -->\n<web-app>\n<icon/><display-name>n</display-name><servlet/>\n</web-app>",
            "<web-app><!-- only --></web-app>\n",
            "<web-app>\n  <display-name>n</display-name>   \n</web-app>\n",
        };
        for (String input : inputs) {
            String output = edit(input);
            int prefix = 0;
            while (input.charAt(prefix) == output.charAt(prefix)) {
                prefix++;
            }
            String inserted = output.substring(prefix, prefix + output.length() - input.length());
            assertEquals(input, output.substring(0, prefix) + output.substring(prefix + inserted.length()));
            assertTrue(inserted.matches("(\r\n|\n)?[ \t]*<distributable/>|[ \t]*<distributable/>(\r\n|\n)"),
                    "inserted: [" + inserted + "] into " + input);
        }
    }
}
