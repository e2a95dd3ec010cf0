package io.github.clusterready.tomcat.descriptor;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adds {@code <distributable/>} to a {@code web.xml} with the smallest possible edit: one line, placed
 * where the descriptor grammar wants it, in the root's namespace prefix, indented like its siblings, with
 * the file's own line separator and encoding. Every other byte stays as it was.
 */
public final class WebXmlEditor {
    private static final List<String> LEADING_ELEMENTS = Arrays.asList("icon", "display-name", "description");

    private final DescriptorReader reader = new DescriptorReader();

    /** What {@link #makeDistributable} did. */
    public static final class Edit {
        private final byte[] bytes;
        private final boolean changed;
        private final Descriptor descriptor;

        Edit(byte[] bytes, boolean changed, Descriptor descriptor) {
            this.bytes = bytes;
            this.changed = changed;
            this.descriptor = descriptor;
        }

        /** The distributable descriptor: the input itself when {@link #changed()} is false. */
        public byte[] bytes() {
            return bytes;
        }

        /** Whether a line was added; false when the input was distributable already. */
        public boolean changed() {
            return changed;
        }

        /** The descriptor as read before the edit. */
        public Descriptor descriptor() {
            return descriptor;
        }
    }

    /**
     * Returns {@code webXml} with {@code <distributable/>} added, or unchanged when it is distributable already.
     *
     * @param location names the file in error messages, e.g. {@code target/app.war!/WEB-INF/web.xml}
     */
    public Edit makeDistributable(byte[] webXml, String location) throws DescriptorException {
        Descriptor descriptor = reader.read(webXml, location);
        if (!descriptor.rootName().equals("web-app")) {
            throw new DescriptorException(location, "has the root element <" + descriptor.rootName()
                    + ">, but a web.xml needs the root element <web-app>; point the plugin at the webapp's "
                    + "deployment descriptor");
        }
        if (descriptor.isDistributable()) {
            return new Edit(webXml, false, descriptor);
        }
        Charset charset = XmlEncoding.of(webXml, location);
        // The JDK's UTF-32 charsets drop a byte order mark when decoding: it is kept aside and written back.
        int mark = XmlEncoding.utf32ByteOrderMark(webXml);
        byte[] body = mark == 0 ? webXml : Arrays.copyOfRange(webXml, mark, webXml.length);
        String text = new String(body, charset);
        if (!Arrays.equals(text.getBytes(charset), body)) {
            throw new DescriptorException(location, "contains bytes that are not valid " + charset.name()
                    + ", the encoding it is read in, so it cannot be edited without changing them; save it as valid "
                    + charset.name());
        }
        MarkupScanner.Outline outline;
        try {
            outline = MarkupScanner.scan(text);
        } catch (IllegalStateException e) {
            throw new DescriptorException(location, "could not be scanned for a place to add <distributable/> ("
                    + e.getMessage() + "); add <distributable/> to it by hand");
        }
        requireSameChildren(outline, descriptor, location);

        Insertion insertion = insertion(text, outline, descriptor);
        byte[] before = text.substring(0, insertion.start).getBytes(charset);
        byte[] added = insertion.text.getBytes(charset);
        byte[] after = text.substring(insertion.end).getBytes(charset);
        byte[] edited = new byte[mark + before.length + added.length + after.length];
        System.arraycopy(webXml, 0, edited, 0, mark);
        System.arraycopy(before, 0, edited, mark, before.length);
        System.arraycopy(added, 0, edited, mark + before.length, added.length);
        System.arraycopy(after, 0, edited, mark + before.length + added.length, after.length);
        requireDistributable(edited, descriptor, location);
        return new Edit(edited, true, descriptor);
    }

    /** A replacement of the characters {@code [start, end)} by {@code text}; a pure insertion when start == end. */
    private static final class Insertion {
        final int start;
        final int end;
        final String text;

        Insertion(int start, int end, String text) {
            this.start = start;
            this.end = end;
            this.text = text;
        }
    }

    private static Insertion insertion(String text, MarkupScanner.Outline outline, Descriptor descriptor) {
        String prefix = descriptor.prefix();
        String element = "<" + (prefix.isEmpty() ? "" : prefix + ":") + "distributable/>";
        String separator = lineSeparator(text);
        if (separator == null) {
            // A one-line descriptor stays on one line.
            if (outline.rootEmpty) {
                int slash = outline.rootStartTagEnd - 2;
                return new Insertion(slash, outline.rootStartTagEnd,
                        ">" + element + "</" + outline.rootQualifiedName + ">");
            }
            return new Insertion(anchorEnd(outline, descriptor), anchorEnd(outline, descriptor), element);
        }
        String rootIndent = indentBefore(text, outline.rootStart);
        String indent = childIndent(text, outline, rootIndent == null ? "" : rootIndent);
        if (outline.rootEmpty) {
            int slash = outline.rootStartTagEnd - 2;
            return new Insertion(slash, outline.rootStartTagEnd, ">" + separator + indent + element + separator
                    + (rootIndent == null ? "" : rootIndent) + "</" + outline.rootQualifiedName + ">");
        }
        int anchorEnd = anchorEnd(outline, descriptor);
        int at = restOfLineIsBlank(text, anchorEnd) ? lineEnd(text, anchorEnd) : anchorEnd;
        // At a line's end, the separator that ends that line: a file may mix them.
        String here = separatorAt(text, at);
        return new Insertion(at, at, (here != null ? here : separator) + indent + element);
    }

    /** Where the leading icon, display-name and description children end, else where the root's start tag ends. */
    private static int anchorEnd(MarkupScanner.Outline outline, Descriptor descriptor) {
        int end = outline.rootStartTagEnd;
        for (int i = 0; i < outline.children.size(); i++) {
            if (!descriptor.inRootNamespace.get(i)) {
                continue; // not part of the web-app grammar: neither an anchor nor the end of the leading run
            }
            MarkupScanner.Child child = outline.children.get(i);
            if (!LEADING_ELEMENTS.contains(child.localName())) {
                break;
            }
            end = child.end;
        }
        return end;
    }

    private static String childIndent(String text, MarkupScanner.Outline outline, String rootIndent) {
        for (MarkupScanner.Child child : outline.children) {
            String indent = indentBefore(text, child.start);
            if (indent != null) {
                return indent;
            }
        }
        return rootIndent + (rootIndent.contains("\t") ? "\t" : "    ");
    }

    /** The white space that starts the line up to {@code index}, or null when something else stands before it. */
    private static String indentBefore(String text, int index) {
        int lineStart = index;
        while (lineStart > 0 && text.charAt(lineStart - 1) != '\n' && text.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        String before = text.substring(lineStart, index);
        return before.trim().isEmpty() && !before.contains("\uFEFF") ? before : null;
    }

    /** Whether only white space and complete comments follow {@code index} on its line. */
    private static boolean restOfLineIsBlank(String text, int index) {
        int end = lineEnd(text, index);
        if (end == text.length()) {
            return false;
        }
        String rest = text.substring(index, end).trim();
        while (rest.startsWith("<!--")) {
            int close = rest.indexOf("-->", 4);
            if (close < 0) {
                return false;
            }
            rest = rest.substring(close + 3).trim();
        }
        return rest.isEmpty();
    }

    private static int lineEnd(String text, int index) {
        int end = index;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return end;
    }

    /** The line separator that starts at {@code index}, or null when none does. */
    private static String separatorAt(String text, int index) {
        if (index >= text.length()) {
            return null;
        }
        if (text.charAt(index) == '\n') {
            return "\n";
        }
        if (text.charAt(index) == '\r') {
            return index + 1 < text.length() && text.charAt(index + 1) == '\n' ? "\r\n" : "\r";
        }
        return null;
    }

    /** The first line separator in the text: CRLF, LF or CR; null for a one-line text. */
    private static String lineSeparator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return "\n";
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
            }
        }
        return null;
    }

    private static void requireSameChildren(MarkupScanner.Outline outline, Descriptor descriptor, String location)
            throws DescriptorException {
        List<String> scanned = new ArrayList<>();
        for (MarkupScanner.Child child : outline.children) {
            scanned.add(child.localName());
        }
        if (!scanned.equals(descriptor.allChildNames)) {
            throw new DescriptorException(location, "builds part of <web-app> from entity references, so there "
                    + "is no single place to add <distributable/> safely; add <distributable/> to it by hand");
        }
    }

    private void requireDistributable(byte[] edited, Descriptor original, String location)
            throws DescriptorException {
        Descriptor result = reader.read(edited, location);
        List<String> expected = new ArrayList<>(original.allChildNames);
        List<String> actual = new ArrayList<>(result.allChildNames);
        if (!result.isDistributable() || !actual.remove("distributable") || !actual.equals(expected)) {
            throw new IllegalStateException("Adding <distributable/> to " + location
                    + " gave an unexpected descriptor; please report this with the descriptor attached");
        }
    }
}
