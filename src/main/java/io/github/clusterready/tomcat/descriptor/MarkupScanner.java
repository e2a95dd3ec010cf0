package io.github.clusterready.tomcat.descriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds, in the text of a document the XML parser has already accepted as well-formed, where the root
 * element's start tag ends and where each of its child elements starts and ends. It skips the XML
 * declaration, processing instructions, comments, CDATA sections and the DOCTYPE with its internal
 * subset, so that markup inside those is never taken for an element.
 */
final class MarkupScanner {

    /** A child element of the root: its qualified name and the character range of its markup. */
    static final class Child {
        final String qualifiedName;
        final int start;
        final int end;

        Child(String qualifiedName, int start, int end) {
            this.qualifiedName = qualifiedName;
            this.start = start;
            this.end = end;
        }

        String localName() {
            return qualifiedName.substring(qualifiedName.indexOf(':') + 1);
        }
    }

    /** The root element: where its start tag begins and ends, and its children in document order. */
    static final class Outline {
        final String rootQualifiedName;
        final int rootStart;
        /** Index just after the {@code >} of the root's start tag. */
        final int rootStartTagEnd;
        final boolean rootEmpty;
        final List<Child> children;

        Outline(String rootQualifiedName, int rootStart, int rootStartTagEnd, boolean rootEmpty,
                List<Child> children) {
            this.rootQualifiedName = rootQualifiedName;
            this.rootStart = rootStart;
            this.rootStartTagEnd = rootStartTagEnd;
            this.rootEmpty = rootEmpty;
            this.children = children;
        }
    }

    private final String text;
    private int pos;

    private MarkupScanner(String text) {
        this.text = text;
    }

    static Outline scan(String text) {
        return new MarkupScanner(text).outline();
    }

    private Outline outline() {
        while (true) {
            pos = required(text.indexOf('<', pos));
            if (text.startsWith("<?", pos)) {
                skipPast("?>");
            } else if (text.startsWith("<!--", pos)) {
                skipPast("-->");
            } else if (text.startsWith("<!DOCTYPE", pos)) {
                skipDoctype();
            } else {
                break;
            }
        }
        int rootStart = pos;
        String rootName = readStartTag();
        boolean rootEmpty = text.charAt(pos - 2) == '/';
        Outline outline = new Outline(rootName, rootStart, pos, rootEmpty, new ArrayList<>());
        if (!rootEmpty) {
            readChildren(outline.children);
        }
        return outline;
    }

    private void readChildren(List<Child> children) {
        int depth = 1;
        int childStart = -1;
        String childName = null;
        while (depth > 0) {
            pos = required(text.indexOf('<', pos));
            if (text.startsWith("<!--", pos)) {
                skipPast("-->");
            } else if (text.startsWith("<![CDATA[", pos)) {
                skipPast("]]>");
            } else if (text.startsWith("<?", pos)) {
                skipPast("?>");
            } else if (text.startsWith("</", pos)) {
                skipPast(">");
                depth--;
                if (depth == 1) {
                    children.add(new Child(childName, childStart, pos));
                }
            } else {
                int start = pos;
                String name = readStartTag();
                boolean empty = text.charAt(pos - 2) == '/';
                if (depth == 1) {
                    if (empty) {
                        children.add(new Child(name, start, pos));
                    } else {
                        childStart = start;
                        childName = name;
                    }
                }
                if (!empty) {
                    depth++;
                }
            }
        }
    }

    /** Reads a start tag at {@code pos}, leaves {@code pos} just after its {@code >}, returns its name. */
    private String readStartTag() {
        int nameStart = pos + 1;
        int nameEnd = nameStart;
        while (nameEnd < text.length() && !isNameEnd(text.charAt(nameEnd))) {
            nameEnd++;
        }
        pos = nameEnd;
        while (true) {
            char c = charAt(pos);
            if (c == '"' || c == '\'') {
                pos = required(text.indexOf(c, pos + 1)) + 1;
            } else if (c == '>') {
                pos++;
                return text.substring(nameStart, nameEnd);
            } else {
                pos++;
            }
        }
    }

    private void skipDoctype() {
        pos += "<!DOCTYPE".length();
        while (true) {
            char c = charAt(pos);
            if (c == '"' || c == '\'') {
                pos = required(text.indexOf(c, pos + 1)) + 1;
            } else if (c == '[') {
                pos++;
                skipInternalSubset();
            } else if (c == '>') {
                pos++;
                return;
            } else {
                pos++;
            }
        }
    }

    private void skipInternalSubset() {
        while (true) {
            char c = charAt(pos);
            if (c == ']') {
                pos++;
                return;
            } else if (c == '"' || c == '\'') {
                pos = required(text.indexOf(c, pos + 1)) + 1;
            } else if (text.startsWith("<!--", pos)) {
                skipPast("-->");
            } else if (text.startsWith("<?", pos)) {
                skipPast("?>");
            } else {
                pos++;
            }
        }
    }

    private void skipPast(String terminator) {
        pos = required(text.indexOf(terminator, pos + 1)) + terminator.length();
    }

    private char charAt(int index) {
        if (index >= text.length()) {
            throw new IllegalStateException("markup ends early at character " + index);
        }
        return text.charAt(index);
    }

    private static int required(int index) {
        if (index < 0) {
            throw new IllegalStateException("markup ends early");
        }
        return index;
    }

    private static boolean isNameEnd(char c) {
        return c == '>' || c == '/' || Character.isWhitespace(c);
    }
}
