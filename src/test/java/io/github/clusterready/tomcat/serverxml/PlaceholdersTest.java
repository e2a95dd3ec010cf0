package io.github.clusterready.tomcat.serverxml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Placeholders} replaces {@code ${…}} as each line's own {@code IntrospectionUtils.replaceProperties} does,
 * run here from the distribution's {@code lib/tomcat-util.jar} with the same properties.
 */
class PlaceholdersTest {
    private static final Map<String, String> PROPERTIES = Map.of("a", "A", "n", "${a}", "port", "4000");
    private static final String[] VALUES = {"${a}", "x${a}y", "${b}", "${b:-def}", "${a:-def}", "${n}", "$${a}",
        "${a", "${}", "${a}${b}", "plain", "${port}0", "${b:-}", "${:-x}"};

    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void asTheLinesOwnIntrospectionUtils(TomcatLine line) throws Exception {
        Path home;
        try (Stream<Path> dirs = Files.list(Paths.get("target", "tomcat", line.number()))) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow(AssertionError::new);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {home.resolve("lib/tomcat-util.jar").toUri().toURL(),
            home.resolve("bin/tomcat-juli.jar").toUri().toURL()}, null)) {
            Class<?> utils = loader.loadClass("org.apache.tomcat.util.IntrospectionUtils");
            Class<?> source = loader.loadClass("org.apache.tomcat.util.IntrospectionUtils$PropertySource");
            Object properties = Proxy.newProxyInstance(loader, new Class<?>[] {source},
                    (proxy, method, args) -> method.getName().equals("getProperty") ? PROPERTIES.get(args[0]) : null);
            Object sources = Array.newInstance(source, 1);
            Array.set(sources, 0, properties);
            Method replace = null;
            for (Method m : utils.getMethods()) {
                if (m.getName().equals("replaceProperties")
                        && (replace == null || m.getParameterCount() > replace.getParameterCount())) {
                    replace = m;
                }
            }
            for (String value : VALUES) {
                Object tomcats = replace.getParameterCount() == 4 ? replace.invoke(null, value, null, sources, loader)
                        : replace.invoke(null, value, null, sources);
                assertEquals(tomcats, Placeholders.resolve(value, PROPERTIES, line), line + ": " + value);
            }
        }
    }
}
