package io.github.clusterready.tomcat.serverxml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An element of a server.xml as Tomcat's digester sees it: its name, its attributes with the values the XML parser
 * read (entities and character references resolved, {@code ${…}} not yet), where its start tag and each attribute
 * value begin in the file, its parent and children.
 */
final class XmlNode {
    final String name;
    final XmlNode parent;
    final int line;
    final int column;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, int[]> positions = new LinkedHashMap<>();
    private final List<XmlNode> children = new ArrayList<>();

    XmlNode(String name, XmlNode parent, int line, int column) {
        this.name = name;
        this.parent = parent;
        this.line = line;
        this.column = column;
        if (parent != null) {
            parent.children.add(this);
        }
    }

    void attribute(String attribute, String value, int valueLine, int valueColumn) {
        attributes.put(attribute, value);
        positions.put(attribute, new int[] {valueLine, valueColumn});
    }

    /** The attribute's value as the parser read it, or null. */
    String raw(String attribute) {
        return attributes.get(attribute);
    }

    Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /** The {@code className} attribute, or null. */
    String className() {
        return attributes.get("className");
    }

    /** Whether {@code className} ends with {@code .simpleName} (or is it). */
    boolean is(String simpleName) {
        String c = className();
        return c != null && (c.equals(simpleName) || c.endsWith("." + simpleName));
    }

    List<XmlNode> children() {
        return Collections.unmodifiableList(children);
    }

    List<XmlNode> children(String childName) {
        List<XmlNode> found = new ArrayList<>();
        for (XmlNode child : children) {
            if (child.name.equals(childName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The children named {@code childName} whose class is {@code simpleName} (see {@link #is}). */
    List<XmlNode> children(String childName, String simpleName) {
        List<XmlNode> found = new ArrayList<>();
        for (XmlNode child : children(childName)) {
            if (child.is(simpleName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** Every element below this one, depth first, in the file's order. */
    List<XmlNode> descendants() {
        List<XmlNode> all = new ArrayList<>();
        for (XmlNode child : children) {
            all.add(child);
            all.addAll(child.descendants());
        }
        return all;
    }

    /** Line and column of the attribute's value, or of the start tag when the file does not show it. */
    int[] position(String attribute) {
        int[] at = positions.get(attribute);
        return at == null || at[0] <= 0 ? new int[] {line, column} : at;
    }

    /** The element's path as the digester matches it, e.g. {@code Server/Service/Engine/Cluster}. */
    String path() {
        return parent == null ? name : parent.path() + "/" + name;
    }

    @Override
    public String toString() {
        String c = className();
        return "<" + name + (c == null ? "" : " className=\"" + c + "\"") + ">";
    }
}
