package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@code <serverXml>} that is not there (the README's quick start has none; a project copied from elsewhere may
 * name one it lacks): the message says to leave it out or how to get the line's own {@code conf/server.xml}, and the
 * way it gives is real: the coordinates are those of the distribution the build unpacked into
 * {@code target/tomcat/<line>} (from Maven Central), the file it names is in that distribution, and that file, put
 * where the message says, makes the goal work.
 */
class MissingServerXmlTest {
    private static final Pattern COORDINATES = Pattern.compile(
            "-Dartifact=org\\.apache\\.tomcat:tomcat:([0-9.]+):tar\\.gz .*copy target/tomcat-dist/(\\S+) to (\\S+)$");

    @TempDir
    Path project;

    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void theMessageSaysHowToGetTheLinesServerXmlAndWritesNothing(TomcatLine line) throws Exception {
        ClusterSettings settings = ClusterSettings.builder(line).membership(Membership.STATIC)
                .node("node1", "127.0.0.1", 4000, null, null, null)
                .node("node2", "127.0.0.1", 4001, null, null, null).build();
        Path out = project.resolve("target/tomcat-cluster");
        Path missing = project.resolve("src/main/tomcat/server.xml");
        String name = "src/main/tomcat/server.xml";

        ClusterConfigException e = assertThrows(ClusterConfigException.class,
                () -> new ClusterConfigWriter().write(settings, out, missing, name));
        assertEquals("<serverXml>", e.parameter());
        assertTrue(e.getMessage().startsWith("<serverXml> src/main/tomcat/server.xml does not exist. Leave "
                + "<serverXml> out to get the <Cluster> alone (cluster.xml, or nodes/<name>/cluster.xml per node"),
                e.getMessage());
        assertFalse(Files.exists(out), "nothing written");

        Matcher way = COORDINATES.matcher(e.getMessage());
        assertTrue(way.find(), e.getMessage());
        Path distribution = TestTomcats.home(line);
        assertEquals(distribution.getFileName().toString(), "apache-tomcat-" + way.group(1),
                "the release the message names is the one the build fetched from Maven Central for " + line);
        assertEquals("apache-tomcat-" + way.group(1) + "/conf/server.xml", way.group(2));
        assertEquals(name, way.group(3));
        Path shipped = distribution.getParent().resolve(way.group(2));
        assertTrue(Files.isRegularFile(shipped), shipped + " is in the distribution");

        Files.createDirectories(missing.getParent());
        Files.copy(shipped, missing);
        new ClusterConfigWriter().write(settings, out, missing, name);
        String node2 = new String(Files.readAllBytes(out.resolve("nodes/node2/server.xml")), "UTF-8");
        assertTrue(node2.contains("jvmRoute=\"node2\"") && node2.contains("<Cluster "), node2);
    }
}
