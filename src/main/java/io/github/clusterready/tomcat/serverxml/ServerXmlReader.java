package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.descriptor.SecureSax;
import io.github.clusterready.tomcat.descriptor.TagScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;
import org.xml.sax.ext.Locator2;

/**
 * Reads a server.xml with the JDK's SAX parser as Tomcat's digester reads it (no namespaces, entities of the
 * internal subset expanded), but without ever leaving the bytes: no external DTD is loaded, no external entity
 * resolved, entity expansion is bounded (the JDK's secure processing limits), and the file's size is bounded.
 * Positions come from the file's text: each start tag the parser reports is matched with the tag the text shows,
 * so a finding points at the {@code <} of the element and at the first character of an attribute's value.
 */
final class ServerXmlReader {
    /** A Tomcat server.xml is some 7 KB; one a thousand times larger is not a configuration to check. */
    static final int MAX_BYTES = 8 * 1024 * 1024;
    private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

    private ServerXmlReader() {
    }

    static ServerXmlFile read(String shown, byte[] bytes) throws ServerXmlException {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(shown, bytes.length);
        }
        Outline outline = new Outline(shown);
        try {
            XMLReader parser = SecureSax.factory(false).newSAXParser().getXMLReader();
            parser.setContentHandler(outline);
            parser.setErrorHandler(outline);
            parser.setProperty(LEXICAL_HANDLER, outline);
            parser.parse(new InputSource(new ByteArrayInputStream(bytes)));
        } catch (SAXParseException e) {
            throw new ServerXmlException(shown + ":" + e.getLineNumber() + ":" + e.getColumnNumber()
                    + ": is not well-formed XML (" + e.getMessage() + "): Tomcat would not start with it; correct "
                    + "the file there", e);
        } catch (SAXException e) {
            if (e.getException() instanceof ServerXmlException) {
                throw (ServerXmlException) e.getException();
            }
            throw new ServerXmlException(shown + ": cannot be read as XML: " + e.getMessage(), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new ServerXmlException(shown + ": cannot be read as XML: " + e.getMessage(), e);
        }
        if (outline.elements.isEmpty()) {
            throw new ServerXmlException(shown + ": has no elements");
        }
        Charset charset = charset(outline.encoding);
        String text = new String(bytes, charset);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return new ServerXmlFile(shown, text, charset, tree(text, outline.elements));
    }

    /** The error for a file of {@code size} bytes, more than {@link #MAX_BYTES}. */
    static ServerXmlException tooLarge(String shown, long size) {
        return new ServerXmlException(shown + ": is " + size + " bytes, more than the " + MAX_BYTES
                + " a server.xml may have here: name the node's conf/server.xml, not another file");
    }

    private static Charset charset(String encoding) {
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8; // the parser read it, so Java knows it; a name only the parser knows
        }
    }

    /**
     * The elements as a tree, each placed where the text shows its start tag; when an entity writes elements the
     * text does not show, every element keeps the place the parser reported (the end of its start tag).
     */
    private static XmlNode tree(String text, List<Parsed> elements) {
        List<int[]> tags = new ArrayList<>();
        TagScanner scanner = new TagScanner(text);
        boolean matches = true;
        try {
            int index = 0;
            while (scanner.next()) {
                if (scanner.isEndTag()) {
                    continue;
                }
                if (index >= elements.size() || !elements.get(index).name.equals(scanner.name())) {
                    matches = false;
                    break;
                }
                tags.add(new int[] {scanner.start(), scanner.end()});
                index++;
            }
            matches &= index == elements.size();
        } catch (IllegalStateException e) {
            matches = false;
        }
        Lines lines = new Lines(text);
        Deque<XmlNode> open = new ArrayDeque<>();
        XmlNode root = null;
        for (int i = 0; i < elements.size(); i++) {
            Parsed element = elements.get(i);
            while (open.size() > element.depth) {
                open.pop();
            }
            int line = element.line;
            int column = element.column;
            if (matches) {
                line = lines.line(tags.get(i)[0]);
                column = lines.column(tags.get(i)[0]);
            }
            XmlNode node = new XmlNode(element.name, open.peek(), line, column);
            for (int a = 0; a < element.attributes.size(); a += 2) {
                String name = element.attributes.get(a);
                int valueAt = matches ? valueStart(text, tags.get(i)[0], tags.get(i)[1], name) : -1;
                node.attribute(name, element.attributes.get(a + 1), valueAt < 0 ? 0 : lines.line(valueAt),
                        valueAt < 0 ? 0 : lines.column(valueAt));
            }
            root = root == null ? node : root;
            open.push(node);
        }
        return root;
    }

    /** Where the value of {@code name} begins inside the start tag {@code [from, to)}, or -1. */
    private static int valueStart(String text, int from, int to, String name) {
        int pos = from + 1;
        while (pos < to) {
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                int close = text.indexOf(c, pos + 1);
                pos = close < 0 ? to : close + 1;
                continue;
            }
            if (text.startsWith(name, pos) && Character.isWhitespace(text.charAt(pos - 1))) {
                int after = pos + name.length();
                while (after < to && Character.isWhitespace(text.charAt(after))) {
                    after++;
                }
                if (after < to && text.charAt(after) == '=') {
                    after++;
                    while (after < to && Character.isWhitespace(text.charAt(after))) {
                        after++;
                    }
                    return after < to ? after + 1 : -1;
                }
            }
            pos++;
        }
        return -1;
    }

    /** Line and column (1-based, in characters) of offsets in a text. */
    static final class Lines {
        private final int[] starts;

        Lines(String text) {
            List<Integer> list = new ArrayList<>();
            list.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    list.add(i + 1);
                }
            }
            starts = new int[list.size()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = list.get(i);
            }
        }

        int line(int offset) {
            int low = 0;
            int high = starts.length - 1;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (starts[mid] <= offset) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return low + 1;
        }

        int column(int offset) {
            return offset - starts[line(offset) - 1] + 1;
        }
    }

    /** One element as the parser reported it: name, depth, attributes (name, value, …), where its start tag ends. */
    private static final class Parsed {
        final String name;
        final int depth;
        final int line;
        final int column;
        final List<String> attributes = new ArrayList<>();

        Parsed(String name, int depth, int line, int column) {
            this.name = name;
            this.depth = depth;
            this.line = line;
            this.column = column;
        }
    }

    /**
     * The elements as the parser reports them. As {@code DefaultHandler} does, validity errors are ignored (Tomcat
     * does not validate either) and only well-formedness errors stop the parser.
     */
    private static final class Outline extends DefaultHandler2 {
        private final String shown;
        final List<Parsed> elements = new ArrayList<>();
        String encoding;
        private Locator locator;
        private int depth;

        Outline(String shown) {
            this.shown = shown;
        }

        @Override
        public void setDocumentLocator(Locator value) {
            locator = value;
        }

        @Override
        public void startDTD(String name, String publicId, String systemId) throws SAXException {
            if (systemId != null) {
                throw new SAXException(new ServerXmlException(shown + ":" + locator.getLineNumber() + ":"
                        + locator.getColumnNumber() + ": its DOCTYPE names the external DTD \"" + systemId + "\", "
                        + "which Tomcat's parser would fetch at every start; the checker reads nothing from the "
                        + "network or other files: remove the DOCTYPE (Tomcat's own server.xml has none)"));
            }
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (encoding == null && locator instanceof Locator2) {
                encoding = ((Locator2) locator).getEncoding();
            }
            Parsed element = new Parsed(qName, depth, locator.getLineNumber(), locator.getColumnNumber());
            for (int i = 0; i < attributes.getLength(); i++) {
                element.attributes.add(attributes.getQName(i));
                element.attributes.add(attributes.getValue(i));
            }
            elements.add(element);
            depth++;
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            depth--;
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            throw new SAXException(new ServerXmlException(shown + ":" + locator.getLineNumber() + ":"
                    + locator.getColumnNumber() + ": refers to the external entity &" + name.replace("%", "")
                    + ";, which the checker does not read (nor fetch): write its content into the file"));
        }
    }
}
