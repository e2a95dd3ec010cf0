package io.github.clusterready.tomcat.runtime;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.swing.text.MutableAttributeSet;
import javax.swing.text.html.HTML;
import javax.swing.text.html.HTMLEditorKit;
import javax.swing.text.html.parser.ParserDelegator;

/**
 * A value a scenario step takes from its response into {@code ${name}} for later paths and parameters: the one
 * group of a regular expression, the {@code value} of a form's field, or a form's {@code action} (as a path under
 * the webapp, resolved against the page's address, as a browser would).
 */
public final class Extraction {
    /** How long a regular expression may search one response: a pattern that backtracks without end is cut. */
    private static final long REGEX_MILLIS = 2_000;

    private enum Kind {
        REGEX("<regex>"), FORM_FIELD("<formField>"), FORM_ACTION("<formAction>");

        final String element;

        Kind(String element) {
            this.element = element;
        }
    }

    private final String name;
    private final Kind kind;
    private final String what;
    private final Pattern pattern;

    private Extraction(String name, Kind kind, String what, Pattern pattern) {
        this.name = name;
        this.kind = kind;
        this.what = what;
        this.pattern = pattern;
    }

    /**
     * The one group of {@code regex}'s first match.
     *
     * @throws IllegalArgumentException when the expression does not compile or has not exactly one group
     */
    public static Extraction regex(String name, String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("<regex> \"" + regex + "\" is not a regular expression: "
                    + e.getDescription());
        }
        int groups = pattern.matcher("").groupCount();
        if (groups != 1) {
            throw new IllegalArgumentException("<regex> \"" + regex + "\" has " + groups + " groups; give it exactly "
                    + "one, around the value (use (?:...) for the others)");
        }
        return new Extraction(name, Kind.REGEX, regex, pattern);
    }

    /** The {@code value} of the first {@code <input>} named {@code field}. */
    public static Extraction formField(String name, String field) {
        return new Extraction(name, Kind.FORM_FIELD, field, null);
    }

    /** The {@code action} of the form whose {@code id} or {@code name} is {@code form}; {@code *} for the first. */
    public static Extraction formAction(String name, String form) {
        return new Extraction(name, Kind.FORM_ACTION, form, null);
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return kind.element + " \"" + what + "\"";
    }

    /**
     * The value in {@code body}, or null when the response has none.
     *
     * @param page the address the body came from, to resolve a relative form action
     * @param webapp the webapp's address on the node, ending with {@code /}
     */
    String from(String body, URI page, URI webapp) {
        switch (kind) {
            case REGEX: {
                Matcher matcher = pattern.matcher(new Deadline(body, System.nanoTime() + REGEX_MILLIS * 1_000_000L));
                try {
                    return matcher.find() ? matcher.group(1) : null;
                } catch (Deadline.Expired e) {
                    return null;
                }
            }
            case FORM_FIELD:
                return Forms.scan(body).field(what);
            default: {
                String action = Forms.scan(body).action(what);
                return action == null ? null : underWebapp(page.resolve(action), webapp);
            }
        }
    }

    /** {@code /page?1-1.-form} for an address under the webapp; the whole address otherwise. */
    static String underWebapp(URI address, URI webapp) {
        String text = address.toString();
        String base = webapp.toString();
        return text.startsWith(base) ? "/" + text.substring(base.length()) : text;
    }

    /** A body's forms and fields, read with the JDK's HTML parser (lenient, entities decoded). */
    private static final class Forms extends HTMLEditorKit.ParserCallback {
        private String firstAction;
        private final Map<String, String> actionByForm = new HashMap<>();
        private final Map<String, String> fields = new LinkedHashMap<>();

        static Forms scan(String body) {
            Forms forms = new Forms();
            try {
                new ParserDelegator().parse(new StringReader(body), forms, true);
            } catch (IOException | RuntimeException e) {
                // what was read up to the broken markup stays
            }
            return forms;
        }

        String action(String form) {
            return form.equals("*") ? firstAction : actionByForm.get(form);
        }

        String field(String field) {
            return fields.get(field);
        }

        @Override
        public void handleStartTag(HTML.Tag tag, MutableAttributeSet attributes, int position) {
            tag(tag, attributes);
        }

        @Override
        public void handleSimpleTag(HTML.Tag tag, MutableAttributeSet attributes, int position) {
            tag(tag, attributes);
        }

        private void tag(HTML.Tag tag, MutableAttributeSet attributes) {
            if (tag == HTML.Tag.FORM) {
                String action = attribute(attributes, HTML.Attribute.ACTION);
                action = action == null ? "" : action;
                if (firstAction == null) {
                    firstAction = action;
                }
                for (HTML.Attribute key : new HTML.Attribute[] {HTML.Attribute.ID, HTML.Attribute.NAME}) {
                    String value = attribute(attributes, key);
                    if (value != null) {
                        actionByForm.putIfAbsent(value, action);
                    }
                }
            } else if (tag == HTML.Tag.INPUT) {
                String name = attribute(attributes, HTML.Attribute.NAME);
                String value = attribute(attributes, HTML.Attribute.VALUE);
                if (name != null) {
                    fields.putIfAbsent(name, value == null ? "" : value);
                }
            }
        }

        private static String attribute(MutableAttributeSet attributes, HTML.Attribute key) {
            Object value = attributes.getAttribute(key);
            if (value == null) {
                // the parser keeps attributes it does not know by their names
                for (Enumeration<?> names = attributes.getAttributeNames(); names.hasMoreElements();) {
                    Object other = names.nextElement();
                    if (other.toString().toLowerCase(Locale.ROOT).equals(key.toString())) {
                        value = attributes.getAttribute(other);
                    }
                }
            }
            return value == null ? null : value.toString();
        }
    }

    /** The body as a regular expression sees it, ending the search once its time is up. */
    private static final class Deadline implements CharSequence {
        private final CharSequence text;
        private final long deadline;
        private int reads;

        static final class Expired extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Expired() {
                super(null, null, false, false);
            }
        }

        Deadline(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xfff) == 0 && System.nanoTime() > deadline) {
                throw new Expired();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
