package io.github.clusterready.tomcat.descriptor;

/**
 * Walks the start and end tags of an XML document's text, one at a time, with their character ranges; a
 * document the XML parser has already accepted as well-formed. Markup inside comments, CDATA sections,
 * processing instructions and declarations (the DOCTYPE with its internal subset) is skipped, never taken for a
 * tag, and quoted attribute values may hold {@code >}. Works on the text as it is, so that an edit can be spliced
 * into the original at the positions found.
 */
public final class TagScanner {
    private final String text;
    private int pos;
    private int start;
    private int end;
    private int nameStart;
    private int nameEnd;
    private boolean endTag;

    public TagScanner(String text) {
        this.text = text;
    }

    /**
     * Moves to the next tag.
     *
     * @return false when the text has no more tags
     * @throws IllegalStateException when the text ends inside markup
     */
    public boolean next() {
        while (true) {
            int open = text.indexOf('<', pos);
            if (open < 0) {
                return false;
            }
            pos = open;
            if (text.startsWith("<!--", pos)) {
                skipPast("-->");
            } else if (text.startsWith("<![CDATA[", pos)) {
                skipPast("]]>");
            } else if (text.startsWith("<?", pos)) {
                skipPast("?>");
            } else if (text.startsWith("<!", pos)) {
                skipDeclaration();
            } else {
                readTag();
                return true;
            }
        }
    }

    /** Whether the tag is an end tag, {@code </name>}. */
    public boolean isEndTag() {
        return endTag;
    }

    /** Whether the tag is the start tag of an empty element, {@code <name/>}. */
    public boolean isEmptyElement() {
        return !endTag && text.charAt(end - 2) == '/';
    }

    /** The tag's qualified name, {@code j2ee:web-app}. */
    public String name() {
        return text.substring(nameStart, nameEnd);
    }

    /** Index of the tag's {@code <}. */
    public int start() {
        return start;
    }

    /** Index just after the tag's {@code >}. */
    public int end() {
        return end;
    }

    /** Index just after the tag's name, where its attributes begin. */
    public int nameEnd() {
        return nameEnd;
    }

    private void readTag() {
        start = pos;
        endTag = text.startsWith("</", pos);
        nameStart = pos + (endTag ? 2 : 1);
        nameEnd = nameStart;
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
                end = pos;
                return;
            } else {
                pos++;
            }
        }
    }

    /** Skips {@code <!DOCTYPE …>} (or another declaration), its quoted strings and its internal subset. */
    private void skipDeclaration() {
        pos += 2;
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
