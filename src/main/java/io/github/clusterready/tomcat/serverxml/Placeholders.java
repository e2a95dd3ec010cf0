package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.util.Map;

/**
 * {@code ${name}} in an attribute value, replaced as Tomcat's digester replaces it when it reads server.xml
 * ({@code org.apache.tomcat.util.IntrospectionUtils.replaceProperties} with the system properties as source):
 * {@code ${name:-default}} takes the default when the property is unset; an unset property without a default
 * stays as written; 10.1 and later replace again inside a replaced value (8.5 and 9.0 do not). Checked against
 * each line's own {@code IntrospectionUtils} by {@code PlaceholdersTest}.
 */
final class Placeholders {
    /** Tomcat 10.1's bound on replacing inside replaced values. */
    private static final int MAX_ROUNDS = 20;

    private Placeholders() {
    }

    /** The value with what {@code properties} give replaced; {@code line} null resolves as 10.1 does. */
    static String resolve(String value, Map<String, String> properties, TomcatLine line) {
        if (value == null || !value.contains("${")) {
            return value;
        }
        boolean again = line == null || line.compareTo(TomcatLine.V10_1) >= 0;
        String current = value;
        for (int round = 0; round < (again ? MAX_ROUNDS : 1); round++) {
            String next = once(current, properties);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** Whether a resolved value still holds a placeholder nothing gave a value for. */
    static boolean unresolved(String resolved) {
        return resolved != null && resolved.matches("(?s).*\\$\\{[^}]+}.*");
    }

    private static String once(String value, Map<String, String> properties) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (true) {
            int open = value.indexOf("${", pos);
            int close = open < 0 ? -1 : value.indexOf('}', open + 2);
            if (close < 0) {
                out.append(value, pos, value.length());
                return out.toString();
            }
            out.append(value, pos, open);
            String name = value.substring(open + 2, close);
            String replacement = name.isEmpty() ? null : properties.get(name);
            int dash = name.indexOf(":-");
            if (replacement == null && dash >= 0) {
                replacement = properties.get(name.substring(0, dash));
                if (replacement == null) {
                    replacement = name.substring(dash + 2);
                }
            }
            out.append(replacement == null ? "${" + name + "}" : replacement);
            pos = close + 1;
        }
    }
}
