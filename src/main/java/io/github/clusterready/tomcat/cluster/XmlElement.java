package io.github.clusterready.tomcat.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An element to write: name, attributes in order, children. Empty attribute values are not written.
 *
 * <p>Hand-written on purpose, where the plugin's other generated XML (the JUnit replication report) is built with
 * dom4j: the {@code <Cluster>} fragments are pasted into people's {@code server.xml}, so they are laid out as
 * Tomcat's own documentation lays them out (one attribute a line, aligned under the first), which dom4j's
 * {@code XMLWriter} cannot do; every value goes through {@link XmlText}'s escaping. The editors of existing files
 * ({@code ServerXmlEditor}, the {@code web.xml} editor) are byte-preserving text editors and must stay so.
 */
final class XmlElement {
    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlElement> children = new ArrayList<>();

    XmlElement(String name) {
        this.name = name;
    }

    XmlElement(String name, String className) {
        this(name);
        attribute("className", className);
    }

    XmlElement attribute(String key, String value) {
        attributes.put(key, value);
        return this;
    }

    XmlElement attributes(Map<String, String> values) {
        attributes.putAll(values);
        return this;
    }

    XmlElement child(XmlElement child) {
        children.add(child);
        return this;
    }

    String name() {
        return name;
    }

    /** Writes the element at {@code indent}, one attribute a line aligned under the first, LF line ends. */
    void render(StringBuilder out, String indent) {
        String open = indent + "<" + name;
        out.append(open);
        String alignment = spaces(open.length() + 1);
        boolean first = true;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (attribute.getValue() == null || attribute.getValue().isEmpty()) {
                continue;
            }
            out.append(first ? " " : "\n" + alignment).append(attribute.getKey()).append("=\"")
                    .append(escape(attribute.getValue())).append('"');
            first = false;
        }
        if (children.isEmpty()) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        for (XmlElement child : children) {
            child.render(out, indent + "  ");
        }
        out.append(indent).append("</").append(name).append(">\n");
    }

    private static String spaces(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(' ');
        }
        return s.toString();
    }

    /** The value escaped for an attribute in either quote (see {@link XmlText#attribute(String)}). */
    static String escape(String value) {
        return XmlText.attribute(value);
    }
}
