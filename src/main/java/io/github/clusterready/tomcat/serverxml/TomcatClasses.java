package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which Tomcat lines have a class of {@code org.apache.catalina} or {@code org.apache.coyote}: the list
 * {@code tomcat-classes.txt} beside this class, derived from the {@code lib/*.jar} files of the releases the
 * plugin tests (8.5.100, 9.0.117, 10.1.59, 11.0.24) and compared with those jars by {@code TomcatClassesTest}.
 */
final class TomcatClasses {
    private static final String RESOURCE = "tomcat-classes.txt";
    private static volatile Map<String, Set<TomcatLine>> classes;

    private TomcatClasses() {
    }

    /** Whether the list speaks about {@code className}: a class of Tomcat's own packages. */
    static boolean isTomcats(String className) {
        return className.startsWith("org.apache.catalina.") || className.startsWith("org.apache.coyote.");
    }

    /** The lines that have {@code className}; empty for none. */
    static Set<TomcatLine> linesOf(String className) {
        Set<TomcatLine> lines = all().get(className);
        return lines == null ? EnumSet.noneOf(TomcatLine.class) : EnumSet.copyOf(lines);
    }

    private static Map<String, Set<TomcatLine>> all() {
        Map<String, Set<TomcatLine>> loaded = classes;
        if (loaded == null) {
            loaded = load();
            classes = loaded;
        }
        return loaded;
    }

    private static Map<String, Set<TomcatLine>> load() {
        Map<String, Set<TomcatLine>> map = new HashMap<>();
        try (InputStream in = TomcatClasses.class.getResourceAsStream(RESOURCE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                Set<TomcatLine> lines = parts.length == 1 ? EnumSet.allOf(TomcatLine.class)
                        : EnumSet.noneOf(TomcatLine.class);
                for (int i = 1; i < parts.length; i++) {
                    for (TomcatLine l : TomcatLine.values()) {
                        if (l.number().equals(parts[i])) {
                            lines.add(l);
                        }
                    }
                }
                map.put(parts[0], lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the plugin jar's " + RESOURCE + " cannot be read", e);
        }
        return map;
    }
}
