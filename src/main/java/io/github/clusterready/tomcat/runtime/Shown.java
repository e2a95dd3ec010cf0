package io.github.clusterready.tomcat.runtime;

/**
 * Text from a node (attribute names, request paths, exception messages) as the reports and the build log show it:
 * the same in both, one line, with every control character escaped ({@code \n}, {@code \t}, {@code \u001b}) so
 * that a name cannot break a line, colour a terminal or vanish from an XML report.
 */
public final class Shown {
    private Shown() {
    }

    public static String text(String raw) {
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
                    || c == 0xfffe || c == 0xffff || (Character.isSurrogate(c) && !pairedAt(raw, i));
            if (!control && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(raw.length() + 8).append(raw, 0, i);
            }
            if (!control) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? raw : out.toString();
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
