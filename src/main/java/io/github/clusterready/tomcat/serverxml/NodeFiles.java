package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds each node's file among what the user names: a {@code server.xml} (or the plugin's {@code cluster.xml}),
 * a node's directory ({@code CATALINA_BASE} with {@code conf/server.xml}, or a directory holding a
 * {@code server.xml}), or the plugin's output directory with its {@code nodes/<name>/}. From a node's Tomcat
 * directory it also reads the line ({@code lib/catalina.jar}'s {@code ServerInfo.properties}) and
 * {@code conf/catalina.properties}, which Tomcat makes system properties before it reads server.xml.
 */
final class NodeFiles {
    /** Bounds what is read beside server.xml: catalina.properties and ServerInfo.properties. */
    private static final long MAX_PROPERTIES = 1024 * 1024;
    private static final String SERVER_INFO = "org/apache/catalina/util/ServerInfo.properties";

    /** One node's file, its name, and what its directory says. */
    static final class Found {
        final String name;
        final Path file;
        final Path home;

        Found(String name, Path file, Path home) {
            this.name = name;
            this.file = file;
            this.home = home;
        }
    }

    private NodeFiles() {
    }

    static List<Found> find(List<Path> inputs, Function<Path, String> shown)
            throws ServerXmlException, IOException {
        List<Found> found = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isRegularFile(input)) {
                Path parent = input.toAbsolutePath().getParent();
                Path home = parent != null && parent.getFileName() != null
                        && parent.getFileName().toString().equals("conf") ? parent.getParent() : parent;
                found.add(new Found(name(home, input), input, home));
            } else if (Files.isDirectory(input)) {
                found.addAll(inDirectory(input, shown));
            } else {
                throw new ServerXmlException(shown.apply(input) + ": no such file or directory; name each node's "
                        + "conf/server.xml or its Tomcat directory (CATALINA_BASE)");
            }
        }
        Set<String> names = new HashSet<>();
        List<Found> unique = new ArrayList<>();
        for (Found node : found) {
            String name = node.name;
            for (int i = 2; !names.add(name); i++) {
                name = node.name + "-" + i;
            }
            unique.add(new Found(name, node.file, node.home));
        }
        return unique;
    }

    private static List<Found> inDirectory(Path dir, Function<Path, String> shown)
            throws ServerXmlException, IOException {
        List<Found> found = new ArrayList<>();
        for (String candidate : new String[] {"conf/server.xml", "server.xml"}) {
            if (Files.isRegularFile(dir.resolve(candidate))) {
                found.add(new Found(name(dir, dir), dir.resolve(candidate), dir));
                return found;
            }
        }
        Path nodes = dir.resolve("nodes");
        if (Files.isDirectory(nodes)) {
            try (Stream<Path> list = Files.list(nodes)) {
                for (Path node : (Iterable<Path>) list.sorted()::iterator) {
                    for (String candidate : new String[] {"server.xml", "cluster.xml"}) {
                        if (Files.isRegularFile(node.resolve(candidate))) {
                            found.add(new Found(node.getFileName().toString(), node.resolve(candidate), node));
                            break;
                        }
                    }
                }
            }
        }
        if (found.isEmpty() && Files.isRegularFile(dir.resolve("cluster.xml"))) {
            found.add(new Found(name(dir, dir), dir.resolve("cluster.xml"), dir));
        }
        if (found.isEmpty()) {
            throw new ServerXmlException(shown.apply(dir) + ": has no conf/server.xml, server.xml, nodes/<name>/"
                    + "server.xml or cluster.xml; name each node's conf/server.xml or its Tomcat directory");
        }
        return found;
    }

    private static String name(Path home, Path fallback) {
        Path name = home == null ? null : home.toAbsolutePath().normalize().getFileName();
        return name == null ? fallback.toString() : name.toString();
    }

    /** The line of the Tomcat installed at {@code home} (its {@code lib/catalina.jar}), or null. */
    static TomcatLine lineOf(Path home) {
        Path jar = home == null ? null : home.resolve("lib/catalina.jar");
        if (jar == null || !Files.isRegularFile(jar)) {
            return null;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(SERVER_INFO);
            if (entry == null || entry.getSize() > MAX_PROPERTIES) {
                return null;
            }
            Properties info = new Properties();
            try (InputStream in = zip.getInputStream(entry)) {
                info.load(in);
            }
            // server.info is "Apache Tomcat/10.1.59" (server.number has a fourth part TomcatLine does not read)
            String server = info.getProperty("server.info", "");
            return server.indexOf('/') < 0 ? null : TomcatLine.of(server.substring(server.indexOf('/') + 1));
        } catch (IOException | ClusterConfigException e) {
            return null; // not a Tomcat we know: the line stays unknown, and the report says so
        }
    }

    /** The node's {@code conf/catalina.properties} as Tomcat reads it, or nothing. */
    static Map<String, String> catalinaProperties(Path home) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        Path file = home == null ? null : home.resolve("conf/catalina.properties");
        if (file == null || !Files.isRegularFile(file) || Files.size(file) > MAX_PROPERTIES) {
            return map;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }
}
