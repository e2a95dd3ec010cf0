package io.github.clusterready.tomcat.descriptor;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/**
 * Descriptors in the encodings XML 1.0 appendix F tells from the first bytes: UTF-32 with and without a byte order
 * mark, EBCDIC, and declarations of any length, edited byte for byte or refused naming the encoding, never read as
 * the UTF-8 they are not.
 */
class XmlEncodingTest {
    private static final String LOCATION = "target/app.war!/WEB-INF/web.xml";
    private static final String BODY = "<web-app version=\"3.0\">\n  <display-name>Caf\u00e9</display-name>\n"
            + "</web-app>\n";
    private static final String EDITED = BODY.replace("</display-name>\n", "</display-name>\n  <distributable/>\n");

    private final WebXmlEditor editor = new WebXmlEditor();

    /** Edits {@code text} written in {@code charset}: the result must be the same text with one line added. */
    private void editsByteForByte(String text, Charset charset, String expected) throws Exception {
        WebXmlEditor.Edit edit = editor.makeDistributable(text.getBytes(charset), LOCATION);
        assertTrue(edit.changed());
        assertArrayEquals(expected.getBytes(charset), edit.bytes(), () -> new String(edit.bytes(), charset));
        assertTrue(new DescriptorReader().read(edit.bytes(), LOCATION).isDistributable());
    }

    private void refused(byte[] bytes, String message) {
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> editor.makeDistributable(bytes, LOCATION));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(!e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void utf32WithoutByteOrderMarkIsEditedInUtf32() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-32\"?>\n" + BODY;
        editsByteForByte(xml, Charset.forName("UTF-32BE"), "<?xml version=\"1.0\" encoding=\"UTF-32\"?>\n" + EDITED);
        editsByteForByte(xml, Charset.forName("UTF-32LE"), "<?xml version=\"1.0\" encoding=\"UTF-32\"?>\n" + EDITED);
        editsByteForByte(BODY, Charset.forName("UTF-32LE"), EDITED);
    }

    @Test
    void utf32WithByteOrderMarkKeepsIt() throws Exception {
        editsByteForByte("\uFEFF" + BODY, Charset.forName("UTF-32BE"), "\uFEFF" + EDITED);
        editsByteForByte("\uFEFF" + BODY, Charset.forName("UTF-32LE"), "\uFEFF" + EDITED);
    }

    @Test
    void ebcdicIsEditedInTheCodePageItDeclares() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"IBM037\"?>\n" + BODY;
        editsByteForByte(xml, Charset.forName("IBM037"), "<?xml version=\"1.0\" encoding=\"IBM037\"?>\n" + EDITED);
        String other = "<?xml version=\"1.0\" encoding=\"IBM1047\"?>\n" + BODY;
        editsByteForByte(other, Charset.forName("IBM1047"), "<?xml version=\"1.0\" encoding=\"IBM1047\"?>\n"
                + EDITED);
    }

    @Test
    void aLongDeclarationIsReadToItsEnd() throws Exception {
        String spaces = " ".repeat(5000);
        String xml = "<?xml version=\"1.0\"" + spaces + "encoding=\"ISO-8859-1\"" + spaces + "?>\r\n" + BODY;
        WebXmlEditor.Edit edit = editor.makeDistributable(xml.getBytes(ISO_8859_1), LOCATION);
        assertEquals("<?xml version=\"1.0\"" + spaces + "encoding=\"ISO-8859-1\"" + spaces + "?>\r\n" + EDITED,
                new String(edit.bytes(), ISO_8859_1));
    }

    @Test
    void firstBytesAndDeclarationThatDisagreeAreRefusedNamingBoth() {
        refused("<?xml version=\"1.0\" encoding=\"UTF-16\"?><web-app/>".getBytes(Charset.forName("UTF-32BE")),
                "starts with the bytes of UTF-32BE but declares encoding \"UTF-16\"");
        refused("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><web-app/>".getBytes(Charset.forName("IBM037")),
                "declares encoding \"ISO-8859-1\", which is not an EBCDIC code page");
    }

    @Test
    void ebcdicWithoutADeclarationIsRefusedNamingEbcdic() {
        refused("<?xml version=\"1.0\"?><web-app/>".getBytes(Charset.forName("IBM037")),
                "starts with the bytes of EBCDIC (IBM037) but declares no encoding");
    }

    @Test
    void ucs4InAnUnusualOrderIsRefusedNamingIt() {
        refused(new byte[] {0, 0, 0x3C, 0, 0, 0, 0x3F, 0}, "UCS-4 with an unusual byte order");
    }

    @Test
    void theWideFamiliesAreToldFromTheFirstBytesWithOrWithoutAByteOrderMark() {
        String xml = "<?xml version=\"1.0\"?><Server/>";
        assertEquals("UTF-32", XmlEncoding.wideFamily(xml.getBytes(Charset.forName("UTF-32BE"))));
        assertEquals("UTF-32", XmlEncoding.wideFamily(xml.getBytes(Charset.forName("UTF-32LE"))));
        assertEquals("UTF-32", XmlEncoding.wideFamily(("\uFEFF" + xml).getBytes(Charset.forName("UTF-32BE"))));
        assertEquals("UTF-32", XmlEncoding.wideFamily(("\uFEFF" + xml).getBytes(Charset.forName("UTF-32LE"))));
        assertEquals("UTF-16", XmlEncoding.wideFamily(xml.getBytes(UTF_16BE)));
        assertEquals("UTF-16", XmlEncoding.wideFamily(xml.getBytes(UTF_16LE)));
        assertEquals("UTF-16", XmlEncoding.wideFamily(("\uFEFF" + xml).getBytes(UTF_16BE)));
        assertEquals("UTF-16", XmlEncoding.wideFamily(("\uFEFF" + xml).getBytes(UTF_16LE)));
        assertEquals("UTF-16", XmlEncoding.wideFamily("<Server/>".getBytes(UTF_16BE)), "no XML declaration");
        assertNull(XmlEncoding.wideFamily(xml.getBytes(UTF_8)));
        assertNull(XmlEncoding.wideFamily(("\uFEFF" + xml).getBytes(UTF_8)));
        assertNull(XmlEncoding.wideFamily(xml.getBytes(ISO_8859_1)));
        assertNull(XmlEncoding.wideFamily(new byte[0]));
    }
}
