package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.runtime.ClusterNode;
import io.github.clusterready.tomcat.runtime.LocalCluster;
import io.github.clusterready.tomcat.runtime.ReplicationReport;
import io.github.clusterready.tomcat.runtime.RunSummary;
import io.github.clusterready.tomcat.runtime.RuntimeClusterException;
import io.github.clusterready.tomcat.session.SessionClassesException;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Starts the project's WAR in a cluster of real Tomcat nodes on 127.0.0.1, for integration tests: node1 first, the
 * others once it serves, each with the probe that watches session replication. Sets the project properties
 * {@code tomcat-cluster.node1.url}, {@code tomcat-cluster.node2.url}, … and {@code tomcat-cluster.urls} (all,
 * comma-separated), and each node's PID as {@code tomcat-cluster.node1.pid}, …, for Failsafe's
 * {@code <systemPropertyVariables>}, then replays {@code <requests>} if any.
 * {@code stop} stops the nodes and writes the replication report; if the build ends before, the nodes end with it.
 *
 * @since 1.0.0
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class StartMojo extends AbstractRunMojo {
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Override
    void runGoal() throws ClusterConfigException, RuntimeClusterException, SessionClassesException, WarException,
            DescriptorException, IOException, InterruptedException {
        LocalCluster cluster = startCluster();
        List<String> urls = new ArrayList<>();
        for (ClusterNode node : cluster.nodes()) {
            project.getProperties().setProperty("tomcat-cluster." + node.name() + ".url", node.url());
            urls.add(node.url());
        }
        project.getProperties().setProperty(URLS_PROPERTY, String.join(",", urls));
        getLog().info("Set tomcat-cluster.<node>.url, tomcat-cluster.<node>.pid and " + URLS_PROPERTY + ": "
                + RunSummary.urls(cluster.nodes()));
        boolean replayed = false;
        try {
            ReplicationReport report = newReport(cluster);
            replay(cluster, report);
            keepReport(report);
            replayed = true;
        } finally {
            if (!replayed) {
                stopQuietly(cluster);
            }
        }
        // after the scenario, whose restarts give nodes new processes
        for (ClusterNode node : cluster.nodes()) {
            // a test of the user's own can kill a node as a crash would: kill -9 ${tomcat-cluster.node2.pid}
            project.getProperties().setProperty("tomcat-cluster." + node.name() + ".pid", Long.toString(node.pid()));
        }
        if (startedAlone(session.getGoals())) {
            getLog().warn("The nodes live as long as this Maven process, which ends with this build: run "
                    + "mvn package tomcat-cluster:run to keep a cluster running until Ctrl-C, or bind start and stop "
                    + "around your integration tests (mvn verify)");
        }
    }

    /**
     * Whether the build was asked for goals only, none of them {@code stop} or a phase: nothing after {@code start}
     * uses or stops the nodes, which end with Maven.
     */
    static boolean startedAlone(List<String> goals) {
        if (goals.isEmpty()) {
            return false;
        }
        for (String goal : goals) {
            if (!goal.contains(":") || goal.endsWith(":stop")) {
                return false;
            }
        }
        return true;
    }

    private void stopQuietly(LocalCluster cluster) {
        try {
            cluster.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    String goal() {
        return "start";
    }
}
