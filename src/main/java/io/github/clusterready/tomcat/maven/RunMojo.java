package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.runtime.ClusterNode;
import io.github.clusterready.tomcat.runtime.LocalCluster;
import io.github.clusterready.tomcat.runtime.ReplicationProblem;
import io.github.clusterready.tomcat.runtime.ReplicationReport;
import io.github.clusterready.tomcat.runtime.RunSummary;
import io.github.clusterready.tomcat.runtime.RuntimeClusterException;
import io.github.clusterready.tomcat.session.SessionClassesException;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
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

    /** Set when Ctrl-C (or a kill) ends Maven: the nodes, in the same process group, end then too. */
    private volatile boolean ending;
    private boolean reported;

    @Override
    void runGoal() throws ClusterConfigException, RuntimeClusterException, SessionClassesException, WarException,
            DescriptorException, IOException, InterruptedException {
        LocalCluster cluster = startCluster();
        ReplicationReport report = newReport(cluster);
        // Ctrl-C ends Maven through its shutdown hooks; the nodes, in the same process group, get the signal too
        Thread onExit = new Thread(() -> {
            ending = true;
            stopAndReport(cluster, report);
        }, "tomcat-cluster-run-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            for (ReplicationProblem problem : replay(cluster, report)) {
                getLog().warn(problem.toString());
            }
            getLog().info("The cluster runs: " + RunSummary.urls(cluster.nodes()) + ". Press Ctrl-C to stop it.");
            Set<ClusterNode> dead = new HashSet<>();
            while (!ending) {
                for (ReplicationProblem problem : report.collect()) {
                    getLog().warn(problem.toString());
                }
                for (ClusterNode node : cluster.endedNodes()) {
                    if (dead.contains(node)) {
                        continue;
                    }
                    // a node that ends as Maven ends was stopped by the same Ctrl-C: not a death
                    Thread.sleep(POLL_MILLIS);
                    if (ending) {
                        break;
                    }
                    dead.add(node);
                    getLog().warn(report.nodeDied(node, node.exitCode(), LocalCluster.logTail(node, 5)).toString()
                            + (dead.size() < cluster.nodes().size() ? " The other nodes go on serving." : ""));
                }
                if (dead.size() == cluster.nodes().size()) {
                    throw new RuntimeClusterException("Every node has ended by itself (see above); the replication "
                            + "report is in " + shown(reportDirectory.toPath()));
                }
                Thread.sleep(POLL_MILLIS);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
                stopAndReport(cluster, report);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: wait until it has stopped the nodes and written the report, for once this goal
                // returns, Maven ends and closes the plugin's class realm under the hook (NoClassDefFoundError)
                stopAndReport(cluster, report);
            }
        }
    }

    private synchronized void stopAndReport(LocalCluster cluster, ReplicationReport report) {
        if (reported) {
            return;
        }
        reported = true;
        try {
            cluster.stop();
            report.collect();
            Path written = report.write(reportDirectory.toPath(), shown(war()) + " (tomcat-cluster:run)");
            getLog().info("Stopped the nodes. " + RunSummary.reportLine(shown(written), report));
        } catch (IOException | RuntimeException e) {
            for (ReplicationProblem problem : report.problems()) {
                getLog().warn(problem.toString());
            }
            getLog().warn("Could not write the replication report in " + shown(reportDirectory.toPath()) + " ("
                    + e + "); its problems are above: " + report.summary());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    String goal() {
        return "run";
    }
}
