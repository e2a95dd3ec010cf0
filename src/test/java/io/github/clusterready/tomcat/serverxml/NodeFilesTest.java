package io.github.clusterready.tomcat.serverxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Tomcat directory as a node: its line read from its own lib/catalina.jar, its conf/server.xml checked; the
 * distribution as shipped has its Cluster commented out, which is a finding, not a silent pass.
 */
class NodeFilesTest {
    @ParameterizedTest
    @EnumSource(TomcatLine.class)
    void theDistributionAsShippedHasNoClusterAndItsLineIsItsOwn(TomcatLine line) throws Exception {
        Path home;
        try (Stream<Path> dirs = Files.list(Paths.get("target", "tomcat", line.number()))) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow(AssertionError::new);
        }
        CheckReport report = new ServerXmlCheck(null, Collections.emptyMap()).check(List.of(home),
                p -> home.relativize(p).toString()).report();
        assertEquals(List.of("no-cluster"), report.findings().stream().map(Finding::rule)
                .collect(Collectors.toList()));
        assertEquals(home.getFileName() + ": conf/server.xml, Tomcat " + line + " from lib/catalina.jar",
                report.nodes().get(0));
        assertTrue(report.summary().endsWith("with 15 rules, 0 <Cluster>s: 1 finding (1 breaks the cluster); one "
                + "node: nothing compared across nodes"), report.summary());
        assertEquals(List.of(), report.unchecked());
    }
}
