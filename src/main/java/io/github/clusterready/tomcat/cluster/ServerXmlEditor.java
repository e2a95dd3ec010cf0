package io.github.clusterready.tomcat.cluster;

import io.github.clusterready.tomcat.descriptor.TagScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Writes one node's {@code server.xml} from a base one with a minimal text edit: the Cluster goes inside
 * {@code <Engine>} (or its default {@code <Host>}), replacing any existing one; the Engine gets the node's
 * {@code jvmRoute}; the Server's shutdown port and the Connectors' ports move by {@code portShift}. Comments,
 * formatting and everything else stay as they were.
 */
final class ServerXmlEditor {
    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_:][A-Za-z0-9_.:-]*)\\s*=\\s*(\"[^\"]*\"|'[^']*')");

    private final String location;
    private final String text;
    private final Charset charset;
    private final String lineSeparator;

    /** Reads {@code bytes}; {@code location} names the file in messages. */
    ServerXmlEditor(String location, byte[] bytes) throws ClusterConfigException {
        this.location = location;
        checkWellFormed(location, bytes);
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
        Matcher encoding = ENCODING.matcher(head.startsWith("\uFEFF") ? head.substring(1) : head);
        Charset detected = StandardCharsets.UTF_8;
        if (encoding.find()) {
            try {
                detected = Charset.forName(encoding.group(1));
            } catch (IllegalArgumentException e) {
                throw new ClusterConfigException("<serverXml>", location + " declares the unknown encoding "
                        + encoding.group(1));
            }
        }
        this.charset = detected;
        this.text = new String(bytes, charset);
        this.lineSeparator = text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** The node's server.xml, in the base file's encoding. */
    byte[] edit(XmlElement cluster, String jvmRoute, int portShift, boolean inHost) throws ClusterConfigException {
        List<Tag> tags = scan();
        List<Edit> edits = new ArrayList<>();
        Tag engine = null;
        Tag engineEnd = null;
        Tag hostEnd = null;
        String defaultHost = null;
        int insertAt = -1;
        String insertIndent = null;
        for (Tag tag : tags) {
            String path = tag.path;
            if (tag.start && path.equals("Server") && portShift != 0) {
                shiftPort(tag, "port", portShift, edits);
            } else if (tag.start && path.equals("Server/Service/Connector") && portShift != 0) {
                shiftPort(tag, "port", portShift, edits);
                shiftPort(tag, "redirectPort", portShift, edits);
            } else if (tag.start && path.equals("Server/Service/Engine") && engine == null) {
                engine = tag;
                defaultHost = tag.attributes.containsKey("defaultHost") ? tag.value("defaultHost") : null;
                if (jvmRoute != null) {
                    setAttribute(tag, "jvmRoute", jvmRoute, edits);
                }
            } else if (!tag.start && path.equals("Server/Service/Engine") && engine != null && engineEnd == null) {
                engineEnd = tag;
            } else if (!tag.start && path.equals("Server/Service/Engine/Host") && engineEnd == null
                    && hostEnd == null && tag.hostName != null
                    && (defaultHost == null || defaultHost.equals(tag.hostName))) {
                hostEnd = tag;
            } else if (tag.start && (path.equals("Server/Service/Engine/Cluster")
                    || path.equals("Server/Service/Engine/Host/Cluster")) && engineEnd == null && engine != null) {
                int from = lineStart(tag.from);
                int to = lineEnd(tag.elementEnd);
                edits.add(new Edit(from, to, ""));
                boolean inTarget = inHost == path.endsWith("Host/Cluster");
                if (inTarget && insertAt < 0) {
                    insertAt = from;
                    insertIndent = text.substring(from, tag.from);
                }
            }
        }
        if (engine == null || engineEnd == null) {
            throw new ClusterConfigException("<serverXml>", location + " has no <Engine> inside "
                    + "<Server><Service> to put the <Cluster> in");
        }
        if (inHost && hostEnd == null) {
            throw new ClusterConfigException("<serverXml>", location + " has no <Host> (named by the Engine's "
                    + "defaultHost) to put the <Cluster> in, which the FarmWarDeployer of <deployer> needs");
        }
        if (insertAt < 0) {
            Tag closing = inHost ? hostEnd : engineEnd;
            insertAt = lineStart(closing.from);
            String closingIndent = text.substring(insertAt, closing.from);
            insertIndent = closingIndent + indentUnit(closingIndent);
        }
        String rendered = ClusterXml.render(cluster, insertIndent).replace("\n", lineSeparator);
        edits.add(new Edit(insertAt, insertAt, rendered));
        return apply(edits).getBytes(charset);
    }

    private static String indentUnit(String indent) {
        return indent.contains("\t") ? "\t" : "  ";
    }

    private void shiftPort(Tag tag, String name, int shift, List<Edit> edits) {
        Attribute attribute = tag.attributes.get(name);
        if (attribute == null) {
            return;
        }
        String value = tag.value(name).trim();
        if (!value.matches("\\d+") || Integer.parseInt(value) == 0) {
            return;
        }
        edits.add(new Edit(attribute.valueFrom, attribute.valueTo, String.valueOf(Integer.parseInt(value) + shift)));
    }

    private void setAttribute(Tag tag, String name, String value, List<Edit> edits) {
        Attribute attribute = tag.attributes.get(name);
        if (attribute != null) {
            edits.add(new Edit(attribute.valueFrom, attribute.valueTo, XmlElement.escape(value)));
        } else {
            int at = tag.nameEnd;
            for (Attribute other : tag.attributes.values()) {
                at = Math.max(at, other.valueTo + 1);
            }
            edits.add(new Edit(at, at, " " + name + "=\"" + XmlElement.escape(value) + "\""));
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

    /** The start and end tags outside comments, CDATA, processing instructions and the DOCTYPE. */
    private List<Tag> scan() {
        List<Tag> tags = new ArrayList<>();
        Deque<Tag> open = new ArrayDeque<>();
        TagScanner scanner = new TagScanner(text);
        while (scanner.next()) {
            if (scanner.isEndTag()) {
                Tag start = open.pop();
                start.elementEnd = scanner.end();
                Tag tag = new Tag(false, start.path, scanner.start(), scanner.end());
                tag.hostName = start.hostName;
                tags.add(tag);
            } else {
                startTag(scanner, open, tags);
            }
        }
        return tags;
    }

    private void startTag(TagScanner scanner, Deque<Tag> open, List<Tag> tags) {
        String name = scanner.name();
        boolean empty = scanner.isEmptyElement();
        int end = scanner.end();
        String path = open.isEmpty() ? name : open.peek().path + "/" + name;
        Tag tag = new Tag(true, path, scanner.start(), end);
        tag.nameEnd = scanner.nameEnd();
        Matcher attribute = ATTRIBUTE.matcher(text).region(tag.nameEnd, end - (empty ? 2 : 1));
        while (attribute.find()) {
            tag.attributes.put(attribute.group(1),
                    new Attribute(attribute.start(2) + 1, attribute.end(2) - 1));
        }
        if (name.equals("Host")) {
            tag.hostName = tag.attributes.containsKey("name") ? tag.value("name") : "";
        }
        tags.add(tag);
        if (empty) {
            tag.elementEnd = end;
            Tag closing = new Tag(false, path, end, end);
            closing.hostName = tag.hostName;
            tags.add(closing);
        } else {
            open.push(tag);
        }
    }

    private static void checkWellFormed(String location, byte[] bytes) throws ClusterConfigException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setExpandEntityReferences(false);
            javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            throw new ClusterConfigException("<serverXml>", location + ":" + e.getLineNumber() + ":"
                    + e.getColumnNumber() + ": is not well-formed XML: " + e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new ClusterConfigException("<serverXml>", location + ": cannot be read as XML: " + e.getMessage());
        }
    }

    private final class Tag {
        final boolean start;
        final String path;
        final int from;
        final int to;
        int nameEnd;
        int elementEnd;
        String hostName;
        final Map<String, Attribute> attributes = new LinkedHashMap<>();

        Tag(boolean start, String path, int from, int to) {
            this.start = start;
            this.path = path;
            this.from = from;
            this.to = to;
        }

        String value(String name) {
            Attribute a = attributes.get(name);
            return text.substring(a.valueFrom, a.valueTo);
        }
    }

    private static final class Attribute {
        final int valueFrom;
        final int valueTo;

        Attribute(int valueFrom, int valueTo) {
            this.valueFrom = valueFrom;
            this.valueTo = valueTo;
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
