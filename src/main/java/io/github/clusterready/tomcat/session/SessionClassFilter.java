package io.github.clusterready.tomcat.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the value of Tomcat's {@code sessionAttributeValueClassNameFilter}: a regular expression that a session
 * attribute value's {@code Class.getName()} must match in full, or the cluster's manager neither sends it to the
 * other nodes nor takes it from them.
 */
public final class SessionClassFilter {
    /** A regular expression that matches no class name at all. */
    public static final String NOTHING = "(?!)";

    private static final String IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
    private static final String BINARY_NAME = IDENTIFIER + "(?:\\." + IDENTIFIER + ")*";
    private static final Pattern CLASS_NAME = Pattern.compile(BINARY_NAME + "|\\[+(?:L" + BINARY_NAME
            + ";|[ZBCSIJFD])");
    private static final Pattern PACKAGE = Pattern.compile("(" + BINARY_NAME + ")\\.\\*");

    private SessionClassFilter() {
    }

    /**
     * Whether {@code name} is a class name as {@code Class.getName()} spells it: {@code com.example.Cart$Item},
     * {@code [Ljava.lang.String;}, {@code [I}.
     */
    public static boolean isClassName(String name) {
        return CLASS_NAME.matcher(name).matches();
    }

    /**
     * The expression that matches exactly the given entries: class names ({@link #isClassName}), and packages
     * written {@code com.example.model.*}, which match every class of that package and of the packages under it.
     * Classes of one package are grouped: {@code shop\.(?:Cart|Cart\$Item)|java\.lang\.String}. With no entries,
     * {@link #NOTHING}: Tomcat reads an empty filter as no filter.
     *
     * @throws IllegalArgumentException naming the first entry that is neither a class name nor a package
     */
    public static String regex(Collection<String> entries) {
        Map<String, TreeSet<String>> byPackage = new TreeMap<>();
        List<String> alternatives = new ArrayList<>();
        for (String raw : new TreeSet<>(entries)) {
            String entry = raw.trim();
            Matcher pkg = PACKAGE.matcher(entry);
            if (pkg.matches()) {
                alternatives.add(quote(pkg.group(1)) + "\\..*");
            } else if (!isClassName(entry)) {
                throw new IllegalArgumentException("\"" + raw + "\" is neither a class name (com.example.Cart, "
                        + "com.example.Cart$Item) nor a package (com.example.model.*)");
            } else if (entry.startsWith("[") || entry.indexOf('.') < 0) {
                alternatives.add(quote(entry));
            } else {
                int dot = entry.lastIndexOf('.');
                byPackage.computeIfAbsent(entry.substring(0, dot), p -> new TreeSet<>()).add(entry.substring(dot + 1));
            }
        }
        List<String> groups = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> group : byPackage.entrySet()) {
            List<String> names = new ArrayList<>();
            for (String name : group.getValue()) {
                names.add(quote(name));
            }
            groups.add(quote(group.getKey()) + "\\." + (names.size() == 1 ? names.get(0)
                    : "(?:" + String.join("|", names) + ")"));
        }
        groups.addAll(alternatives);
        return groups.isEmpty() ? NOTHING : String.join("|", groups);
    }

    /** {@code text} with every character that means something in a regular expression escaped. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }
}
