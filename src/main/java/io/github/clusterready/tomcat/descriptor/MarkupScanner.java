package io.github.clusterready.tomcat.descriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds, in the text of a document the XML parser has already accepted as well-formed, where the root
 * element's start tag ends and where each of its child elements starts and ends, from the tags
 * {@link TagScanner} walks.
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

    private MarkupScanner() {
    }

    static Outline scan(String text) {
        TagScanner tags = new TagScanner(text);
        if (!tags.next() || tags.isEndTag()) {
            throw new IllegalStateException("markup ends early");
        }
        Outline outline = new Outline(tags.name(), tags.start(), tags.end(), tags.isEmptyElement(),
                new ArrayList<>());
        if (!outline.rootEmpty) {
            readChildren(tags, outline.children);
        }
        return outline;
    }

    private static void readChildren(TagScanner tags, List<Child> children) {
        int depth = 1;
        int childStart = -1;
        String childName = null;
        while (depth > 0) {
            if (!tags.next()) {
                throw new IllegalStateException("markup ends early");
            }
            if (tags.isEndTag()) {
                depth--;
                if (depth == 1) {
                    children.add(new Child(childName, childStart, tags.end()));
                }
            } else {
                boolean empty = tags.isEmptyElement();
                if (depth == 1) {
                    if (empty) {
                        children.add(new Child(tags.name(), tags.start(), tags.end()));
                    } else {
                        childStart = tags.start();
                        childName = tags.name();
                    }
                }
                if (!empty) {
                    depth++;
                }
            }
        }
    }
}
