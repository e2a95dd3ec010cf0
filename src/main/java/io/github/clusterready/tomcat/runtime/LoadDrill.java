package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.runtime.ReplicationProblem.Cause;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The failover drill under load: {@link LoadPlan#users} simulated users replay the scenario's requests at once,
 * each pass with a browser of its own (a new session), while the drill kills the nodes in turn and restarts each.
 * A kill waits until every request in flight is answered and lets no new one start until the verdict is taken
 * ({@link Drill#kill}: what the killed node last had against what the survivors hold), so a crash falls between
 * two requests of every user, as it does for a user whose response arrived; the users go on, on the nodes still
 * up, while the killed node restarts. What it did ({@link LoadSummary}) goes into both reports.
 */
public final class LoadDrill {
    /** How often the drill looks at its progress, and how often it logs it. */
    private static final long TICK_MILLIS = 20;
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long users may take to finish their requests once the load is over: a read timeout and some. */
    private static final long FINISH_SECONDS = 90;

    private final LocalCluster cluster;
    private final ReplicationReport report;
    private final Consumer<String> log;

    public LoadDrill(LocalCluster cluster, ReplicationReport report, Consumer<String> log) {
        this.cluster = cluster;
        this.report = report;
        this.log = log;
    }

    /**
     * Runs the drill; the responses that missed their expectations, the lost sessions and updates are recorded in
     * the report, and the summary is given to it ({@link ReplicationReport#load}).
     *
     * @param responses where the body of each response that missed its expectation is kept
     */
    public LoadSummary run(Scenario scenario, LoadPlan plan, Path responses)
            throws IOException, RuntimeClusterException, InterruptedException {
        Scenario.clean(responses);
        List<ClusterNode> nodes = cluster.nodes();
        Map<String, Integer> down = new ConcurrentHashMap<>();
        Drill drill = new Drill(cluster, report, log);
        Gate gate = new Gate(plan);
        Queue<ReplicationProblem> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger passes = new AtomicInteger();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService users = Executors.newFixedThreadPool(plan.users(), task -> {
            Thread thread = new Thread(task, "tomcat-cluster load user " + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> running = new ArrayList<>();
        List<String> kills = new ArrayList<>();
        log.accept("Load drill: " + plan + " on " + nodes.size() + " nodes");
        try {
            for (int user = 0; user < plan.users(); user++) {
                final int first = user;
                running.add(users.submit(() -> {
                    try {
                        for (int pass = 0; !gate.over(); pass++) {
                            passes.incrementAndGet();
                            unexpected.addAll(scenario.pass(nodes, first + pass, down, gate, responses,
                                    gate::answered).problems);
                        }
                    } finally {
                        gate.userEnded();
                    }
                    return null;
                }));
            }
            int kill = 1;
            long logged = System.nanoTime();
            while (!gate.over() && !allDone(running)) {
                if (plan.killDue(kill, gate.progress())) {
                    ClusterNode node = nodes.get((kill - 1) % nodes.size());
                    kills.add(killAndRestart(node, kill, drill, gate, down));
                    kill++;
                } else {
                    Thread.sleep(TICK_MILLIS);
                }
                if (System.nanoTime() - logged > PROGRESS_NANOS) {
                    logged = System.nanoTime();
                    log.accept("Load drill: " + gate.progressText());
                }
            }
        } finally {
            gate.end();
            users.shutdown();
            if (!users.awaitTermination(FINISH_SECONDS, TimeUnit.SECONDS)) {
                users.shutdownNow();
            }
        }
        failIfAUserFailed(running);
        for (ReplicationProblem problem : unexpected) {
            report.record(problem);
        }
        report.collect();
        LoadSummary summary = new LoadSummary(plan, gate.loadNanos(), gate.answered.get(),
                gate.unexpected.get(), passes.get(), kills, occurrences(Cause.LOST_SESSION),
                occurrences(Cause.LOST_UPDATE));
        if (summary.cutShort()) {
            report.record(new ReplicationProblem(Cause.DRILL_CUT_SHORT, null, null, "the cluster", kills.size()
                    + " of " + plan.kills() + " kills done before the load ended (" + plan + ")"));
        }
        report.load(summary);
        log.accept(summary.toString());
        return summary;
    }

    /** Kills the node once no request is in flight, takes the verdict, and restarts it while the users go on. */
    private String killAndRestart(ClusterNode node, int kill, Drill drill, Gate gate, Map<String, Integer> down)
            throws IOException, RuntimeClusterException, InterruptedException {
        double at = gate.elapsedNanos() / 1e9;
        gate.pause.writeLock().lockInterruptibly();
        try {
            drill.kill(node);
            down.put(node.name(), kill);
        } finally {
            gate.pause.writeLock().unlock();
        }
        long restarting = System.nanoTime();
        try {
            drill.restart(node);
        } catch (RuntimeClusterException e) {
            // the drill ends here, and what it found so far still reaches the report
            gate.end();
            report.record(new ReplicationProblem(Cause.RESTART_FAILED, null, null, node.name(), e.getMessage()));
            return String.format(Locale.ROOT, "%s at %.1f s (not serving again)", node.name(), at);
        }
        down.remove(node.name());
        String done = String.format(Locale.ROOT, "%s at %.1f s (serving again %.1f s later)", node.name(), at,
                (System.nanoTime() - restarting) / 1e9);
        log.accept("Load drill: killed and restarted " + done);
        return done;
    }

    private static boolean allDone(List<Future<?>> running) {
        for (Future<?> user : running) {
            if (!user.isDone()) {
                return false;
            }
        }
        return true;
    }

    private static void failIfAUserFailed(List<Future<?>> running) throws RuntimeClusterException,
            InterruptedException {
        for (Future<?> user : running) {
            try {
                if (user.isDone() && !user.isCancelled()) {
                    user.get();
                }
            } catch (ExecutionException e) {
                throw new RuntimeClusterException("A simulated user of the load drill failed: " + e.getCause(),
                        e.getCause());
            }
        }
    }

    /** Every occurrence of the cause so far: each lost session or update of every user. */
    private int occurrences(Cause cause) {
        int count = 0;
        for (ReplicationProblem problem : report.problems()) {
            if (problem.cause() == cause) {
                count += problem.occurrences();
            }
        }
        return count;
    }

    /**
     * The users' pace: requests go through while the load lasts, as many at once as users, and stop for a kill
     * (the drill takes the write lock; each group of requests holds the read lock). The lock is fair, so a kill
     * waiting for it lets no new request start.
     */
    private static final class Gate implements Scenario.Pace {
        final ReentrantReadWriteLock pause = new ReentrantReadWriteLock(true);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong unexpected = new AtomicLong();
        private final LoadPlan plan;
        private final long started = System.nanoTime();
        /** When the last user ended its last request, from {@link #started}. */
        private final AtomicLong usersEnded = new AtomicLong();
        private volatile boolean over;

        Gate(LoadPlan plan) {
            this.plan = plan;
        }

        @Override
        public boolean begin(int requests) throws InterruptedException {
            if (over()) {
                return false;
            }
            pause.readLock().lockInterruptibly();
            if (over() || (plan.requests() > 0 && sent.addAndGet(requests) > plan.requests())) {
                pause.readLock().unlock();
                over = true;
                return false;
            }
            if (plan.requests() == 0) {
                sent.addAndGet(requests);
            }
            return true;
        }

        @Override
        public void done() {
            pause.readLock().unlock();
        }

        void answered(StepOutcome outcome) {
            if (outcome.status > 0) {
                answered.incrementAndGet();
            }
            if (outcome.failure != null) {
                unexpected.incrementAndGet();
            }
        }

        boolean over() {
            if (!over && !plan.duration().isZero() && elapsedNanos() >= plan.duration().toNanos()) {
                over = true;
            }
            return over;
        }

        void end() {
            over = true;
        }

        long elapsedNanos() {
            return System.nanoTime() - started;
        }

        void userEnded() {
            usersEnded.accumulateAndGet(elapsedNanos(), Math::max);
        }

        /**
         * How long the users sent requests: until the last of them ended (a restart may go on after that, but no
         * user waits for it).
         */
        long loadNanos() {
            return usersEnded.get() > 0 ? usersEnded.get() : elapsedNanos();
        }

        /** Requests let through; with a request bound, never more than it. */
        long sent() {
            return plan.requests() > 0 ? Math.min(sent.get(), plan.requests()) : sent.get();
        }

        double progress() {
            return plan.progress(elapsedNanos(), sent());
        }

        String progressText() {
            return String.format(Locale.ROOT, "%.0f s, %d requests answered, %d not as expected",
                    elapsedNanos() / 1e9, answered.get(), unexpected.get());
        }
    }
}
