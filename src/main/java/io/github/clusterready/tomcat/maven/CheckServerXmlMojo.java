package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import io.github.clusterready.tomcat.serverxml.CheckReport;
import io.github.clusterready.tomcat.serverxml.Finding;
import io.github.clusterready.tomcat.serverxml.FixedCopies;
import io.github.clusterready.tomcat.serverxml.LineFix;
import io.github.clusterready.tomcat.serverxml.ServerXmlCheck;
import io.github.clusterready.tomcat.serverxml.ServerXmlException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the Tomcat cluster configuration of existing nodes, written by hand or by {@code cluster-config}: one
 * {@code server.xml} per node, each against what its Tomcat line does with it, and all of them against what the
 * nodes must agree on. Each finding names the file, line and column, how bad it is (loses data, breaks the
 * cluster, insecure, fragile), what happens at run time, and the fix; the first two fail the build. Needs no
 * project: {@code mvn tomcat-cluster:check-server-xml -Dtomcat-cluster.serverXmlFiles=node1,node2}.
 *
 * @since 1.0.0
 */
@Mojo(name = "check-server-xml", requiresProject = false, threadSafe = true)
public final class CheckServerXmlMojo extends AbstractPluginMojo {
    /**
     * The nodes' configurations, one per node: a {@code server.xml} (or the plugin's {@code cluster.xml}), a
     * node's Tomcat directory ({@code CATALINA_BASE}, with {@code conf/server.xml}), or the output directory of
     * {@code cluster-config} (each {@code nodes/<name>/}). On the command line separated by commas.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.serverXmlFiles")
    private List<File> serverXmlFiles;

    /**
     * The nodes' Tomcat line (8.5, 9.0, 10.1, 11.0, or a release of one). By default read from each node's
     * {@code lib/catalina.jar} when a node is named by its Tomcat directory, else unknown: then the files are
     * checked against every line, and a class only some lines have is reported as fragile.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.tomcatVersion")
    private String tomcatVersion;

    /**
     * The system properties the nodes' JVMs get ({@code -D…} in {@code setenv.sh}), for the {@code ${…}}
     * placeholders Tomcat replaces in server.xml; a node directory's {@code conf/catalina.properties} adds to them.
     * A value behind a placeholder nothing gives is reported as not checked.
     *
     * @since 1.0.0
     */
    @Parameter
    private Map<String, String> systemProperties;

    /**
     * Fail the build on findings that lose data or break the cluster; with {@code false} they are only logged.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.failOnError", defaultValue = "true")
    private boolean failOnError;

    /**
     * Write a corrected copy of each node's file that has findings with an unambiguous fix, one line changed per
     * fix, under {@code fixDirectory}; the input files stay as they are.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.fix", defaultValue = "false")
    private boolean fix;

    /**
     * Where {@code fix} writes the corrected copies, one directory per node.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.fixDirectory",
            defaultValue = "${project.build.directory}/tomcat-cluster/fixed")
    private File fixDirectory;

    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
    private File workingDirectory;

    @Override
    void runGoal() throws MojoFailureException, ClusterConfigException, ServerXmlException, IOException {
        if (serverXmlFiles == null || serverXmlFiles.isEmpty()) {
            throw new MojoFailureException("<serverXmlFiles> is empty: name each node's conf/server.xml or Tomcat "
                    + "directory, e.g. -Dtomcat-cluster.serverXmlFiles=node1/conf/server.xml,node2/conf/server.xml");
        }
        TomcatLine line = tomcatVersion == null || tomcatVersion.trim().isEmpty() ? null
                : TomcatLine.of(tomcatVersion);
        List<Path> inputs = new ArrayList<>();
        for (File file : serverXmlFiles) {
            inputs.add(file.toPath());
        }
        ServerXmlCheck.Checked checked = new ServerXmlCheck(line, systemProperties == null
                ? Collections.emptyMap() : systemProperties).check(inputs, this::shown);
        report(checked.report());
        if (fix) {
            writeFixes(checked);
        }
        List<Finding> failing = checked.report().failing();
        if (!failing.isEmpty() && failOnError) {
            throw new MojoFailureException(failing.size() + " of the findings above lose data or break the "
                    + "cluster: fix them (-Dtomcat-cluster.fix=true writes corrected copies where the fix is "
                    + "unambiguous), or set -Dtomcat-cluster.failOnError=false");
        }
    }

    @Override
    String work() {
        return "read or write";
    }

    @Override
    String goal() {
        return "check-server-xml";
    }

    private void report(CheckReport report) {
        for (Finding finding : report.findings()) {
            getLog().warn(finding.toString());
        }
        for (String unchecked : report.unchecked()) {
            getLog().info(unchecked);
        }
        getLog().info(report.summary());
    }

    private void writeFixes(ServerXmlCheck.Checked checked) throws IOException, ServerXmlException {
        Map<Path, List<LineFix>> written = FixedCopies.write(checked, fixDirectory.toPath());
        for (Map.Entry<Path, List<LineFix>> copy : written.entrySet()) {
            List<String> fixes = new ArrayList<>();
            for (LineFix lineFix : copy.getValue()) {
                fixes.add(lineFix.toString());
            }
            getLog().info("Wrote " + shown(copy.getKey()) + " with " + fixes.size() + " fix"
                    + (fixes.size() == 1 ? "" : "es") + ": " + String.join("; ", fixes));
        }
        if (written.isEmpty()) {
            getLog().info("No finding has an unambiguous fix: no copy written");
        }
    }

    /** A path as the user knows it: relative to the directory Maven runs in (the goal needs no project). */
    @Override
    String shown(Path path) {
        Path base = (workingDirectory == null ? new File(".") : workingDirectory).toPath().toAbsolutePath()
                .normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString().replace('\\', '/');
    }
}
