package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.runtime.LocalCluster;
import io.github.clusterready.tomcat.runtime.ReplicationProblem;
import io.github.clusterready.tomcat.runtime.ReplicationReport;
import io.github.clusterready.tomcat.runtime.RuntimeClusterException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Stops the nodes that {@code start} started, once replication has settled: compares what each node holds of each
 * session with what the node that served it last holds, writes the replication report
 * ({@code target/tomcat-cluster/replication-report.txt} and {@code TEST-tomcat-cluster-replication.xml}), logs every
 * problem, and fails the build when there is one ({@code failOnReplicationProblem}). Also stops nodes that an
 * earlier build left running in the same directory.
 *
 * @since 1.0.0
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public final class StopMojo extends AbstractRunMojo {

    @Override
    void runGoal() throws IOException, InterruptedException, RuntimeClusterException, MojoExecutionException {
        Optional<LocalCluster> running = LocalCluster.running(runDirectory.toPath());
        if (!running.isPresent()) {
            List<String> ended = LocalCluster.endLeftovers(runDirectory.toPath());
            getLog().warn("No cluster started by tomcat-cluster:start in this build ("
                    + shown(runDirectory.toPath()) + "); " + (ended.isEmpty() ? "nothing to stop"
                    : "stopped " + String.join(", ", ended) + ", left running by an earlier build"));
            return;
        }
        LocalCluster cluster = running.get();
        ReplicationReport report;
        try {
            report = settledReport(cluster);
        } finally {
            cluster.stop();
        }
        getLog().info("Stopped " + cluster.nodes().size() + " nodes");
        // what the probes wrote while the nodes were stopping
        report.collect();
        for (ReplicationProblem problem : scenarioProblems(null)) {
            report.record(problem);
        }
        finish(report, cluster);
    }

    @Override
    String work() {
        return "read what the nodes in " + shown(runDirectory.toPath()) + " wrote, or write the report in "
                + shown(reportDirectory.toPath());
    }

    @Override
    String goal() {
        return "stop";
    }
}
