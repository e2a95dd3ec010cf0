package io.github.clusterready.tomcat.cluster;

import java.util.Locale;

/**
 * What a value may contain to be written into XML unchanged, and how it is written: attribute values with every
 * markup character escaped, comment text that cannot end the comment early, names that are XML names.
 */
final class XmlText {
    private XmlText() {
    }

    /**
     * Why {@code value} cannot be written as it is, or null when it can: XML 1.0 cannot hold most control
     * characters, and a parser turns a line break or tab in an attribute value into a space.
     */
    static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String what = null;
            if (c == '\n' || c == '\r') {
                what = "a line break (" + codePoint(c) + ")";
            } else if (c == '\t') {
                what = "a tab (" + codePoint(c) + ")";
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                what = "the control character " + codePoint(c);
            } else if (c == 0xFFFE || c == 0xFFFF) {
                what = "the non-character " + codePoint(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                what = "the unpaired surrogate " + codePoint(c);
            }
            if (what != null) {
                return "contains " + what + " at character " + (i + 1) + "; write the value on one line, without "
                        + "control characters";
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    /**
     * The value escaped for an attribute in either quote: {@code & < > " '} as entities, tab and line breaks as
     * character references, so that a parser reads back exactly {@code value}.
     *
     * @throws IllegalArgumentException for a character XML 1.0 cannot hold (checked before, with the parameter)
     */
    static String attribute(String value) {
        StringBuilder s = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&':
                    s.append("&amp;");
                    break;
                case '<':
                    s.append("&lt;");
                    break;
                case '>':
                    s.append("&gt;");
                    break;
                case '"':
                    s.append("&quot;");
                    break;
                case '\'':
                    s.append("&apos;");
                    break;
                case '\t':
                case '\n':
                case '\r':
                    s.append("&#").append((int) c).append(';');
                    break;
                default:
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || (Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))))) {
                        throw new IllegalArgumentException("XML 1.0 cannot hold " + codePoint(c));
                    }
                    if (Character.isHighSurrogate(c)) {
                        s.append(c).append(value.charAt(++i));
                    } else {
                        s.append(c);
                    }
            }
        }
        return s.toString();
    }

    /** Text that can stand inside {@code <!-- … -->}: no {@code --}, and no {@code -} at the end. */
    static String comment(String text) {
        String safe = text;
        while (safe.contains("--")) {
            safe = safe.replace("--", "- -");
        }
        return safe.endsWith("-") ? safe + " " : safe;
    }

    /** Whether {@code name} is an XML name without a colon (an NCName), as an attribute name must be here. */
    static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!(i == 0 ? isNameStart(c) : isNameStart(c) || isNameChar(c))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean isNameStart(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c >= 0xC0 && c <= 0xD6
                || c >= 0xD8 && c <= 0xF6 || c >= 0xF8 && c <= 0x2FF || c >= 0x370 && c <= 0x37D
                || c >= 0x37F && c <= 0x1FFF || c >= 0x200C && c <= 0x200D || c >= 0x2070 && c <= 0x218F
                || c >= 0x2C00 && c <= 0x2FEF || c >= 0x3001 && c <= 0xD7FF || c >= 0xF900 && c <= 0xFDCF
                || c >= 0xFDF0 && c <= 0xFFFD || c >= 0x10000 && c <= 0xEFFFF;
    }

    private static boolean isNameChar(int c) {
        return c == '-' || c == '.' || c >= '0' && c <= '9' || c == 0xB7 || c >= 0x300 && c <= 0x36F
                || c >= 0x203F && c <= 0x2040;
    }
}
