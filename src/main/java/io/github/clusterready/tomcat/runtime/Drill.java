package io.github.clusterready.tomcat.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The failover steps of a scenario on a local cluster, and the verdict after each kill: every session the killed
 * node served last, with the digest of each attribute after its last request (from its probe's events), against
 * what the nodes still up hold right after the kill ({@link ReplicationReport#afterKill}). A session no survivor
 * holds is a {@code lost-session}; a value no survivor holds as the killed node last had it is a
 * {@code lost-update}, naming the request whose change never arrived. Two requests of a {@code <group>} on two
 * nodes that changed one attribute of one session at once are a {@code lost-update} naming both.
 */
public final class Drill implements Failover {
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(20);

    private final LocalCluster cluster;
    private final ReplicationReport report;
    private final Consumer<String> log;
    private final List<ReplicationProblem> problems = new ArrayList<>();
    private int kills;

    public Drill(LocalCluster cluster, ReplicationReport report, Consumer<String> log) {
        this.cluster = cluster;
        this.report = report;
        this.log = log;
    }

    @Override
    public void kill(ClusterNode node) throws IOException, RuntimeClusterException, InterruptedException {
        cluster.kill(node);
        // the killed node's events are complete now: it writes each whole and can write no more
        report.collect();
        Map<String, Path> survivors = cluster.snapshots("kill" + ++kills, SNAPSHOT_TIMEOUT);
        survivors.remove(node.name());
        problems.addAll(report.afterKill(node.name(), survivors));
    }

    @Override
    public void restart(ClusterNode node) throws IOException, RuntimeClusterException, InterruptedException {
        long from = System.nanoTime();
        cluster.restart(node, log);
        report.rejoined(node.name(), from, System.nanoTime());
    }

    @Override
    public void groupStarts() throws IOException {
        report.groupStarts();
    }

    @Override
    public void groupEnded() throws IOException {
        problems.addAll(report.groupEnded());
    }

    /** The lost sessions and updates found after the kills so far (the report holds them too). */
    public List<ReplicationProblem> problems() {
        return new ArrayList<>(problems);
    }
}
