package io.github.clusterready.tomcat.serverxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The class list in the plugin says for each line exactly what that distribution's lib/*.jar files hold. */
class TomcatClassesTest {
    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void theListIsTheDistributionsJars(TomcatLine line) throws Exception {
        Path home;
        try (Stream<Path> dirs = Files.list(Paths.get("target", "tomcat", line.number()))) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow(AssertionError::new);
        }
        Set<String> inJars = new TreeSet<>();
        List<Path> jars;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            jars = lib.filter(p -> p.toString().endsWith(".jar")).collect(Collectors.toList());
        }
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.endsWith(".class") && !name.contains("$")) {
                        String className = name.substring(0, name.length() - 6).replace('/', '.');
                        if (TomcatClasses.isTomcats(className)) {
                            inJars.add(className);
                        }
                    }
                }
            }
        }
        assertTrue(inJars.size() > 600, "the jars were read: " + inJars.size());
        Set<String> listed = new TreeSet<>();
        for (String className : allListed()) {
            if (TomcatClasses.linesOf(className).contains(line)) {
                listed.add(className);
            }
        }
        assertEquals(inJars, listed);
    }

    private static Set<String> allListed() throws Exception {
        try (Stream<String> lines = Files.lines(Paths.get("src/main/resources/io/github/clusterready/tomcat/"
                + "serverxml/tomcat-classes.txt"))) {
            return lines.filter(l -> !l.startsWith("#") && !l.isEmpty()).map(l -> l.split(" ")[0])
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
