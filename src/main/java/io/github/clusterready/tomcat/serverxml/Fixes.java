package io.github.clusterready.tomcat.serverxml;

/** One-line corrections of a file's text: an attribute's value replaced, an attribute added, a line removed. */
final class Fixes {
    private Fixes() {
    }

    /**
     * {@code attribute} of {@code element} set to {@code value} : its value replaced
     * in place, or the attribute added after the element's name; null when the old value spans lines.
     */
    static LineFix set(ServerXmlFile file, XmlNode element, String attribute, String value) {
        String[] lines = file.text.split("\n", -1);
        if (element.raw(attribute) == null) {
            int column = element.column + 1 + element.name.length();
            if (element.line > lines.length || !lines[element.line - 1].startsWith(element.name, element.column)) {
                return null;
            }
            return new LineFix(element.line, column, "", " " + attribute + "=\"" + escaped(value, '"') + "\"");
        }
        int[] at = element.position(attribute);
        if (at[0] == element.line && at[1] == element.column || at[0] > lines.length) {
            return null;
        }
        String line = lines[at[0] - 1];
        char quote = at[1] >= 2 ? line.charAt(at[1] - 2) : 0;
        int close = quote == '"' || quote == '\'' ? line.indexOf(quote, at[1] - 1) : -1;
        if (close < 0) {
            return null;
        }
        return new LineFix(at[0], at[1], line.substring(at[1] - 1, close), escaped(value, quote));
    }

    /** The value as it can stand between {@code quote}s: markup characters as entities. */
    private static String escaped(String value, char quote) {
        String s = value.replace("&", "&amp;").replace("<", "&lt;");
        return quote == '"' ? s.replace("\"", "&quot;") : s.replace("'", "&apos;");
    }

    /** The element's line removed, when the element is alone on it ({@code <X … />} and nothing else); or null. */
    static LineFix remove(ServerXmlFile file, XmlNode element) {
        if (!element.children().isEmpty()) {
            return null;
        }
        String[] lines = file.text.split("\n", -1);
        String line = element.line > lines.length ? "" : lines[element.line - 1].trim();
        if (!line.startsWith("<" + element.name) || !line.endsWith("/>") || line.indexOf('<', 1) >= 0) {
            return null;
        }
        return new LineFix(element.line, 1, lines[element.line - 1], null);
    }
}
