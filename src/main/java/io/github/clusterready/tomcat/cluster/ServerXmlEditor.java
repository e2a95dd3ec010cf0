package io.github.clusterready.tomcat.cluster;

import io.github.clusterready.tomcat.descriptor.SecureSax;
import io.github.clusterready.tomcat.descriptor.TagScanner;
import io.github.clusterready.tomcat.descriptor.XmlEncoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.Attributes2;
import org.xml.sax.ext.DefaultHandler2;
import org.xml.sax.ext.Locator2;

/**
 * Writes one node's {@code server.xml} from a base one with a minimal text edit: the Cluster goes inside
 * {@code <Engine>} (or its default {@code <Host>}), replacing any existing one; the Engine gets the node's
 * {@code jvmRoute}; the Server's shutdown port and the Connectors' ports move by {@code portShift}. Comments,
 * formatting, encoding and everything else stay as they were.
 *
 * <p>The file is read twice, and both readings must agree: by the XML parser, which gives the structure and each
 * attribute's value as Tomcat reads it (entity and character references resolved, DTD defaults applied), and by a
 * scanner of its text, which gives where each tag and attribute value is, to edit it in place. An element that
 * only an entity reference writes, which the text does not show, is refused.
 */
final class ServerXmlEditor {
    private final String location;
    private final String text;
    private final Charset charset;
    private final String lineSeparator;
    private final Tag engine;
    private final Tag server;
    private final List<Tag> connectors = new ArrayList<>();
    private final List<Tag> hosts = new ArrayList<>();
    private final List<Tag> clusters = new ArrayList<>();

    /** Reads {@code bytes}; {@code location} names the file in messages. */
    ServerXmlEditor(String location, byte[] bytes) throws ClusterConfigException {
        this.location = location;
        refuseWideEncodings(bytes);
        Parsed parsed = parse(location, bytes);
        this.charset = charset(parsed.encoding);
        this.text = new String(bytes, charset);
        this.lineSeparator = text.contains("\r\n") ? "\r\n" : "\n";
        Tag root = scan(parsed.elements);
        if (!root.name.equals("Server")) {
            throw error(root, "the root element is <" + root.name + ">, not <Server>: set <serverXml> to a Tomcat "
                    + "conf/server.xml");
        }
        this.server = root;
        List<Tag> services = root.children("Service");
        if (services.size() > 1) {
            throw error(services.get(1), "has " + services.size() + " <Service>s; the plugin gives each node one "
                    + "<Cluster> and one jvmRoute and cannot tell which Service's <Engine> runs the webapp (two "
                    + "Clusters would bind one receiver port): keep one <Service> in the base server.xml and add "
                    + "the others to the nodes' files yourself");
        }
        List<Tag> engines = services.isEmpty() ? new ArrayList<>() : services.get(0).children("Engine");
        if (engines.isEmpty()) {
            throw new ClusterConfigException("<serverXml>", location + " has no <Engine> inside "
                    + "<Server><Service> to put the <Cluster> in");
        }
        if (engines.size() > 1) {
            throw error(engines.get(1), "has a second <Engine> in its <Service>; Tomcat uses one: remove the other");
        }
        this.engine = engines.get(0);
        this.connectors.addAll(services.get(0).children("Connector"));
        this.hosts.addAll(engine.children("Host"));
        this.clusters.addAll(engine.children("Cluster"));
        for (Tag host : hosts) {
            clusters.addAll(host.children("Cluster"));
        }
    }

    /** The Server's shutdown port as Tomcat reads it (a number, {@code -1} for none, or a {@code ${…}}), or null. */
    String shutdownPort() {
        return server.value("port");
    }

    /** The Service's Connectors, in the file's order: each one's kind, port and redirect port as Tomcat reads them. */
    List<NodePorts.Connector> connectorPorts() {
        List<NodePorts.Connector> list = new ArrayList<>();
        for (Tag connector : connectors) {
            String protocol = connector.value("protocol");
            NodePorts.Kind kind = protocol != null && protocol.toLowerCase(Locale.ROOT).contains("ajp")
                    ? NodePorts.Kind.AJP : "true".equalsIgnoreCase(String.valueOf(connector.value("SSLEnabled")).trim())
                    ? NodePorts.Kind.HTTPS : NodePorts.Kind.HTTP;
            list.add(new NodePorts.Connector(kind, connector.value("port"), connector.value("redirectPort")));
        }
        return list;
    }

    /** The node's server.xml, in the base file's encoding. */
    byte[] edit(XmlElement cluster, String jvmRoute, int portShift, boolean inHost, String node)
            throws ClusterConfigException {
        List<Edit> edits = new ArrayList<>();
        if (portShift != 0) {
            shiftPort(server, "port", portShift, node, edits);
            for (Tag connector : connectors) {
                shiftPort(connector, "port", portShift, node, edits);
                shiftPort(connector, "redirectPort", portShift, node, edits);
            }
        }
        if (jvmRoute != null) {
            setAttribute(engine, "jvmRoute", jvmRoute, edits);
        }
        Tag container = inHost ? defaultHost() : engine;
        int insertAt = -1;
        String insertIndent = null;
        for (Tag old : clusters) {
            int from = lineStart(old.from);
            edits.add(new Edit(from, lineEnd(old.elementEnd), ""));
            if (old.parent == container && insertAt < 0) {
                insertAt = from;
                insertIndent = text.substring(from, old.from);
            }
        }
        if (insertAt >= 0) {
            edits.add(new Edit(insertAt, insertAt, encodable(render(cluster, insertIndent))));
        } else if (container.empty) {
            // <Engine …/>: the element gets an end tag, and the Cluster between
            String indent = text.substring(lineStart(container.from), container.from);
            String inside = indent + indentUnit(indent);
            edits.add(new Edit(container.to - 2, container.to, ">" + lineSeparator
                    + encodable(render(cluster, inside)) + indent + "</" + container.name + ">"));
        } else {
            int at = lineStart(container.endTagFrom);
            String closingIndent = text.substring(at, container.endTagFrom);
            edits.add(new Edit(at, at, encodable(render(cluster, closingIndent + indentUnit(closingIndent)))));
        }
        return apply(edits).getBytes(charset);
    }

    private Tag defaultHost() throws ClusterConfigException {
        String name = engine.value("defaultHost");
        for (Tag host : hosts) {
            String hostName = host.value("name");
            if (name == null || hostName != null && hostName.toLowerCase(Locale.ENGLISH)
                    .equals(name.toLowerCase(Locale.ENGLISH))) {
                return host;
            }
        }
        throw new ClusterConfigException("<serverXml>", location + " has no <Host>" + (name == null ? ""
                : " named \"" + name + "\" (the Engine's defaultHost)") + " to put the <Cluster> in, which the "
                + "FarmWarDeployer of <deployer> needs");
    }

    private String render(XmlElement cluster, String indent) {
        return ClusterXml.render(cluster, indent).replace("\n", lineSeparator);
    }

    /** Characters the file's encoding cannot hold become character references (they are in attribute values). */
    private String encodable(String inserted) {
        CharsetEncoder encoder = charset.newEncoder();
        StringBuilder s = new StringBuilder(inserted.length());
        for (int i = 0; i < inserted.length(); ) {
            int c = inserted.codePointAt(i);
            String ch = new String(Character.toChars(c));
            s.append(encoder.canEncode(ch) ? ch : "&#x" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ";");
            i += Character.charCount(c);
        }
        return s.toString();
    }

    private static String indentUnit(String indent) {
        return indent.contains("\t") ? "\t" : "  ";
    }

    /**
     * Moves a port by {@code shift}, writing the number in place of what the file has (a number, an entity or a
     * character reference). A property Tomcat resolves at startup, a value that is no number, or a result beyond
     * 65535 would give the node a port it shares or cannot bind, while INSTALL.md says it moved: an error.
     */
    private void shiftPort(Tag tag, String name, int shift, String node, List<Edit> edits)
            throws ClusterConfigException {
        Attribute attribute = tag.attributes.get(name);
        if (attribute == null) {
            return;
        }
        String value = attribute.value.trim();
        String what = "the <" + tag.name + "> " + name + " \"" + value + "\"";
        if (value.contains("${")) {
            throw error(tag, what + " is a property Tomcat resolves when it starts, but " + node + " shares its host "
                    + "with an earlier node and needs this port moved up by " + shift + ": write the port as a "
                    + "number in the base server.xml, or give the nodes different hosts");
        }
        if (!value.matches("-?\\d{1,9}")) {
            throw error(tag, what + " is not a number, so it cannot be moved up by " + shift + " for " + node
                    + ", which shares its host with an earlier node: write the port as a number");
        }
        int port = Integer.parseInt(value);
        if (port <= 0) {
            return; // 0: any free port; -1: none (the shutdown port)
        }
        if (port + shift > 65535) {
            throw error(tag, what + " moved up by " + shift + " for " + node + " is " + (port + shift) + ", beyond "
                    + "65535, the last TCP port: lower the ports in the base server.xml, or put fewer nodes on one "
                    + "host");
        }
        edits.add(new Edit(attribute.valueFrom, attribute.valueTo, String.valueOf(port + shift)));
    }

    private void setAttribute(Tag tag, String name, String value, List<Edit> edits) {
        Attribute attribute = tag.attributes.get(name);
        if (attribute != null && attribute.specified) {
            edits.add(new Edit(attribute.valueFrom, attribute.valueTo, encodable(XmlText.attribute(value))));
        } else {
            int at = tag.nameEnd;
            for (Attribute other : tag.attributes.values()) {
                at = other.specified ? Math.max(at, other.valueTo + 1) : at;
            }
            edits.add(new Edit(at, at, " " + name + "=\"" + encodable(XmlText.attribute(value)) + "\""));
        }
    }

    private String apply(List<Edit> edits) {
        // later positions first; at one position, removals before insertions keep the insertion in place
        edits.sort(Comparator.comparingInt((Edit e) -> e.from).thenComparingInt(e -> e.to).reversed());
        StringBuilder out = new StringBuilder(text);
        for (Edit edit : edits) {
            out.replace(edit.from, edit.to, edit.replacement);
        }
        return out.toString();
    }

    private int lineStart(int pos) {
        int start = pos;
        while (start > 0 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
            start--;
        }
        return start == 0 || text.charAt(start - 1) == '\n' ? start : pos;
    }

    private int lineEnd(int pos) {
        int end = pos;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        if (end < text.length() && text.charAt(end) == '\r') {
            end++;
        }
        if (end < text.length() && text.charAt(end) == '\n') {
            return end + 1;
        }
        return pos;
    }

    private ClusterConfigException error(Tag tag, String problem) {
        int line = 1;
        for (int i = 0; i < tag.from; i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return new ClusterConfigException("<serverXml>", location + ":" + line + ": " + problem);
    }

    /**
     * The start tags of the text, each with its attributes' positions, matched one by one with the elements the
     * parser read; returns the root.
     */
    private Tag scan(List<Parsed.Element> elements) throws ClusterConfigException {
        Deque<Tag> open = new ArrayDeque<>();
        TagScanner scanner = new TagScanner(text);
        Tag root = null;
        int index = 0;
        while (scanner.next()) {
            if (scanner.isEndTag()) {
                Tag start = open.pop();
                start.endTagFrom = scanner.start();
                start.elementEnd = scanner.end();
                continue;
            }
            Tag tag = new Tag(scanner.name(), scanner.start(), scanner.end(), scanner.nameEnd(),
                    scanner.isEmptyElement(), open.peek());
            Parsed.Element element = index < elements.size() ? elements.get(index) : null;
            index++;
            readAttributes(tag, element);
            if (open.isEmpty()) {
                root = tag;
            } else {
                open.peek().children.add(tag);
            }
            if (tag.empty) {
                tag.endTagFrom = tag.to;
                tag.elementEnd = tag.to;
            } else {
                open.push(tag);
            }
        }
        if (index != elements.size()) {
            Parsed.Element extra = elements.get(Math.min(index, elements.size() - 1));
            throw entityElement(extra.name);
        }
        return root;
    }

    /** The parser's line numbers inside an entity's text count from the entity's start: no line is named. */
    private ClusterConfigException entityElement(String name) {
        return new ClusterConfigException("<serverXml>", location + ": the element <" + name + "> is written by an "
                + "entity reference, not in the file's text, which the plugin edits: write the element out in the "
                + "base server.xml");
    }

    /** The attributes in the tag's text, in order, with the values the parser read for them. */
    private void readAttributes(Tag tag, Parsed.Element element) throws ClusterConfigException {
        int line = element == null ? 0 : element.line;
        if (element == null || !element.name.equals(tag.name)) {
            throw entityElement(element == null ? tag.name : element.name);
        }
        int pos = tag.nameEnd;
        int limit = tag.to - (tag.empty ? 2 : 1);
        while (true) {
            while (pos < limit && isSpace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= limit) {
                break;
            }
            int nameStart = pos;
            while (pos < limit && !isSpace(text.charAt(pos)) && text.charAt(pos) != '=') {
                pos++;
            }
            String name = text.substring(nameStart, pos);
            while (pos < limit && isSpace(text.charAt(pos))) {
                pos++;
            }
            char quote = pos + 1 < limit && text.charAt(pos) == '=' ? next(pos + 1, limit) : 0;
            int valueFrom = quote == 0 ? -1 : text.indexOf(quote, pos + 1) + 1;
            int valueTo = valueFrom <= 0 ? -1 : text.indexOf(quote, valueFrom);
            String value = element.attributes.get(name);
            if (valueTo < 0 || valueTo >= limit || value == null) {
                throw new ClusterConfigException("<serverXml>", location + ":" + line + ": the attributes of <"
                        + tag.name + "> read differently as XML and as text; write them plainly, as name=\"value\"");
            }
            tag.attributes.put(name, new Attribute(valueFrom, valueTo, value, true));
            pos = valueTo + 1;
        }
        for (Map.Entry<String, String> attribute : element.attributes.entrySet()) {
            if (!tag.attributes.containsKey(attribute.getKey())) {
                if (element.specified.contains(attribute.getKey())) {
                    throw new ClusterConfigException("<serverXml>", location + ":" + line + ": the attributes of <"
                            + tag.name + "> read differently as XML and as text; write them plainly, as "
                            + "name=\"value\"");
                }
                // a default from the DTD: Tomcat sees it; it is not in the text
                tag.attributes.put(attribute.getKey(), new Attribute(-1, -1, attribute.getValue(), false));
            }
        }
    }

    private char next(int from, int limit) {
        int pos = from;
        while (pos < limit && isSpace(text.charAt(pos))) {
            pos++;
        }
        char c = pos < limit ? text.charAt(pos) : 0;
        return c == '"' || c == '\'' ? c : 0;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * UTF-16 and UTF-32 files, with or without a byte order mark: their text is not ASCII bytes, which the
     * edit keeps the file's bytes around; refused with what to do.
     */
    private void refuseWideEncodings(byte[] bytes) throws ClusterConfigException {
        String wide = XmlEncoding.wideFamily(bytes);
        if (wide != null) {
            throw new ClusterConfigException("<serverXml>", location + " is encoded in " + wide + ", which the "
                    + "plugin does not edit: save it as UTF-8 (with encoding=\"UTF-8\" in its XML declaration, "
                    + "as Tomcat ships it)");
        }
    }

    private Charset charset(String encoding) throws ClusterConfigException {
        try {
            Charset detected = Charset.forName(encoding == null ? "UTF-8" : encoding);
            if (detected.name().startsWith("UTF-16") || detected.name().startsWith("UTF-32")) {
                throw new ClusterConfigException("<serverXml>", location + " is encoded in " + detected.name()
                        + ", which the plugin does not edit: save it as UTF-8");
            }
            return detected;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ClusterConfigException("<serverXml>", location + " declares the encoding " + encoding
                    + ", which this Java cannot write: save it as UTF-8");
        }
    }

    /** The elements as the XML parser reads them, as Tomcat's digester does; no external DTD or entity is read. */
    static Parsed parse(String location, byte[] bytes) throws ClusterConfigException {
        Parsed parsed = new Parsed(location);
        try {
            SAXParser parser = SecureSax.factory(false).newSAXParser();
            parser.parse(new InputSource(new ByteArrayInputStream(bytes)), parsed);
        } catch (SAXParseException e) {
            throw new ClusterConfigException("<serverXml>", location + ":" + e.getLineNumber() + ":"
                    + e.getColumnNumber() + ": is not well-formed XML: " + e.getMessage());
        } catch (SAXException e) {
            if (e.getException() instanceof ClusterConfigException) {
                throw (ClusterConfigException) e.getException();
            }
            throw new ClusterConfigException("<serverXml>", location + ": cannot be read as XML: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            throw new ClusterConfigException("<serverXml>", location + ": cannot be read as XML: " + e.getMessage());
        }
        return parsed;
    }

    /**
     * What the parser reports: each element with its attributes, and the encoding it read the file in. As
     * {@code DefaultHandler} does, validity errors are ignored (validity is Tomcat's business) and only
     * well-formedness errors stop the parser.
     */
    static final class Parsed extends DefaultHandler2 {
        private final String location;
        final List<Element> elements = new ArrayList<>();
        String encoding;
        private Locator locator;

        Parsed(String location) {
            this.location = location;
        }

        static final class Element {
            final String name;
            final int line;
            final Map<String, String> attributes = new LinkedHashMap<>();
            final Set<String> specified = new HashSet<>();

            Element(String name, int line) {
                this.name = name;
                this.line = line;
            }
        }

        @Override
        public void setDocumentLocator(Locator value) {
            this.locator = value;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (encoding == null && locator instanceof Locator2) {
                encoding = ((Locator2) locator).getEncoding();
            }
            Element element = new Element(qName, locator == null ? 0 : locator.getLineNumber());
            for (int i = 0; i < attributes.getLength(); i++) {
                element.attributes.put(attributes.getQName(i), attributes.getValue(i));
                if (!(attributes instanceof Attributes2) || ((Attributes2) attributes).isSpecified(i)) {
                    element.specified.add(attributes.getQName(i));
                }
            }
            elements.add(element);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            if (!name.startsWith("%")) {
                throw new SAXException(new ClusterConfigException("<serverXml>", location + ":"
                        + (locator == null ? 0 : locator.getLineNumber()) + ": refers to the external entity &"
                        + name + ";, which the plugin does not read (nor fetch): write its content into the base "
                        + "server.xml"));
            }
        }
    }

    private static final class Tag {
        final String name;
        final int from;
        final int to;
        final int nameEnd;
        final boolean empty;
        final Tag parent;
        final List<Tag> children = new ArrayList<>();
        final Map<String, Attribute> attributes = new LinkedHashMap<>();
        int endTagFrom;
        int elementEnd;

        Tag(String name, int from, int to, int nameEnd, boolean empty, Tag parent) {
            this.name = name;
            this.from = from;
            this.to = to;
            this.nameEnd = nameEnd;
            this.empty = empty;
            this.parent = parent;
        }

        /** The attribute's value as Tomcat reads it, or null. */
        String value(String attribute) {
            Attribute a = attributes.get(attribute);
            return a == null ? null : a.value;
        }

        List<Tag> children(String childName) {
            List<Tag> found = new ArrayList<>();
            for (Tag child : children) {
                if (child.name.equals(childName)) {
                    found.add(child);
                }
            }
            return found;
        }
    }

    private static final class Attribute {
        final int valueFrom;
        final int valueTo;
        final String value;
        final boolean specified;

        Attribute(int valueFrom, int valueTo, String value, boolean specified) {
            this.valueFrom = valueFrom;
            this.valueTo = valueTo;
            this.value = value;
            this.specified = specified;
        }
    }

    private static final class Edit {
        final int from;
        final int to;
        final String replacement;

        Edit(int from, int to, String replacement) {
            this.from = from;
            this.to = to;
            this.replacement = replacement;
        }
    }
}
