package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.runtime.ClusterNode;
import io.github.clusterready.tomcat.runtime.LocalCluster;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Starts the project's WAR in a cluster of real Tomcat nodes on 127.0.0.1, for integration tests: node1 first, the
 * others once it serves, each with the probe that watches session replication. Sets the project properties
 * {@code tomcat-cluster.node1.url}, {@code tomcat-cluster.node2.url}, … and {@code tomcat-cluster.urls} (all,
 * comma-separated) for Failsafe's {@code <systemPropertyVariables>}, then replays {@code <requests>} if any.
 * {@code stop} stops the nodes and writes the replication report; if the build ends before, the nodes end with it.
 *
 * @since 1.0.0
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class StartMojo extends AbstractRunMojo {

    @Override
    void runGoal() throws MojoExecutionException, MojoFailureException {
        LocalCluster cluster = startCluster();
        List<String> urls = new ArrayList<>();
        for (ClusterNode node : cluster.nodes()) {
            project.getProperties().setProperty("tomcat-cluster." + node.name() + ".url", node.url());
            urls.add(node.url());
        }
        project.getProperties().setProperty(URLS_PROPERTY, String.join(",", urls));
        getLog().info("Set tomcat-cluster.<node>.url and " + URLS_PROPERTY + ": " + urls(cluster.nodes()));
        boolean replayed = false;
        try {
            replay(cluster);
            replayed = true;
        } finally {
            if (!replayed) {
                stopQuietly(cluster);
            }
        }
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
