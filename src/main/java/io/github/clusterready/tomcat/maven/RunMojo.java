package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.runtime.ClusterNode;
import io.github.clusterready.tomcat.runtime.LocalCluster;
import io.github.clusterready.tomcat.runtime.ReplicationProblem;
import io.github.clusterready.tomcat.runtime.ReplicationReport;
import java.io.IOException;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Starts the project's WAR in a cluster of real Tomcat nodes on 127.0.0.1 and keeps it running until Ctrl-C: use
 * the application through both nodes' URLs (the log shows them), and every session attribute that does not
 * replicate is printed as it happens, with the request after which it appeared and the fix. On Ctrl-C the nodes
 * stop and the replication report is written. Binds to no phase: run it as {@code mvn package tomcat-cluster:run}.
 *
 * @since 1.0.0
 */
@Mojo(name = "run", threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class RunMojo extends AbstractRunMojo {
    private static final long POLL_MILLIS = 300;

    @Override
    void runGoal() throws MojoExecutionException, MojoFailureException {
        LocalCluster cluster = startCluster();
        ReplicationReport report = new ReplicationReport(cluster.nodes(),
                cluster.settings().manager() == ClusterSettings.Manager.DELTA);
        // Ctrl-C ends Maven through its shutdown hooks; the nodes, in the same process group, get the signal too
        Thread onExit = new Thread(() -> stopAndReport(cluster, report), "tomcat-cluster-run-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            replay(cluster);
            getLog().info("The cluster runs: " + urls(cluster.nodes()) + ". Press Ctrl-C to stop it.");
            while (true) {
                for (ReplicationProblem problem : report.collect()) {
                    getLog().warn(problem.toString());
                }
                Optional<ClusterNode> ended = cluster.ended();
                if (ended.isPresent()) {
                    throw new MojoFailureException(ended.get().name() + " ended by itself; see its log "
                            + ended.get().log());
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("tomcat-cluster:run could not read what the nodes wrote: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("tomcat-cluster:run was interrupted", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
                stopAndReport(cluster, report);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
    }

    private void stopAndReport(LocalCluster cluster, ReplicationReport report) {
        try {
            cluster.stop();
            report.collect();
            report.write(reportDirectory.toPath(), shown(war()) + " (tomcat-cluster:run)");
            getLog().info("Stopped the nodes. Replication report: " + report.summary());
        } catch (IOException | RuntimeException e) {
            getLog().warn("Could not write the replication report: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    String goal() {
        return "run";
    }
}
