package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.probe.ProbeProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The waits of a starting node, each ending in a clear error that names the node and quotes the end of its log: until
 * the probe says the server has started with the webapp available and distributable, and until Tomcat logs that it
 * found another member.
 */
final class NodeReadiness {
    /** What Tomcat logs when a member joins (case-insensitive). */
    static final String MEMBER_ADDED = "member added";
    /** What DeltaManager logs when the state transfer of a starting node timed out. */
    static final String NO_SESSION_STATE = "No session state sent at";
    private static final Duration MEMBERSHIP = Duration.ofSeconds(30);

    private NodeReadiness() {
    }

    /** Until the probe says the server has started, with the webapp available. */
    static void awaitServing(ClusterNode node, Duration timeout)
            throws IOException, RuntimeClusterException, InterruptedException {
        Path started = node.probeDirectory().resolve(ProbeProtocol.STARTED);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(started)) {
            if (!node.process().isAlive()) {
                throw new RuntimeClusterException(node.name() + " ended while starting (exit code "
                        + node.process().exitValue() + "); its log " + node.log() + " ends with:\n"
                        + tail(node.log()));
            }
            if (System.nanoTime() > deadline) {
                throw new RuntimeClusterException(node.name() + " did not start within " + timeout.getSeconds()
                        + " s (<startTimeout>); its log " + node.log() + " ends with:\n" + tail(node.log()));
            }
            Thread.sleep(50);
        }
        for (String line : Files.readAllLines(started, StandardCharsets.UTF_8)) {
            ProbeProtocol.Started webapp = ProbeProtocol.Started.parse(line);
            if (webapp == null) {
                continue;
            }
            if (!webapp.available) {
                throw new RuntimeClusterException(DeployFailure.message(node, webapp.path, tail(node.log())));
            }
            if (!webapp.distributable) {
                // Tomcat's own verdict after merging web.xml and the web fragments: nothing would replicate
                throw new RuntimeClusterException("Tomcat does not replicate the sessions of the webapp " + webapp.path
                        + " on " + node.name() + ": after merging web.xml and the libraries' web-fragment.xml files "
                        + "it is not distributable. Run the distributable goal before this one (and verify, which "
                        + "names a fragment that turns replication off)");
            }
        }
    }

    static void awaitMember(ClusterNode node, LogFollower member)
            throws IOException, RuntimeClusterException, InterruptedException {
        long deadline = System.nanoTime() + MEMBERSHIP.toNanos();
        while (!member.seen()) {
            if (System.nanoTime() > deadline) {
                throw new RuntimeClusterException(node.name() + " found no other member within "
                        + MEMBERSHIP.getSeconds() + " s; its log " + node.log() + " ends with:\n"
                        + tail(node.log()));
            }
            Thread.sleep(50);
        }
    }

    static String tail(Path log) throws IOException {
        return tail(log, 25);
    }

    /** The last {@code count} lines of a log, read from its end only ({@link NodeLogs#tail}: a bounded read). */
    static String tail(Path log, int count) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Arrays.asList(NodeLogs.tail(log).split("\r?\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
