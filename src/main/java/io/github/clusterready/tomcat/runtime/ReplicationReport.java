package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.probe.ProbeProtocol;
import io.github.clusterready.tomcat.probe.ProbeProtocol.Kind;
import io.github.clusterready.tomcat.runtime.ReplicationProblem.Cause;
import io.github.clusterready.tomcat.war.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the probes of a local cluster saw: the problems, each once with the first request after which it appeared,
 * and, once replication has settled, what each node holds of each session against what the node that served it
 * last holds. Fed event by event ({@link #collect}), so the {@code run} goal can print problems as they happen;
 * written as text for people and as a JUnit report for CI servers.
 */
public final class ReplicationReport {
    /** The report for people, under the output directory. */
    public static final String TEXT = "replication-report.txt";
    /** The report CI servers show (JUnit XML). */
    public static final String JUNIT = "TEST-tomcat-cluster-replication.xml";

    /** How long a node may take to answer a snapshot request. */
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(30);
    private static final long SETTLE_MILLIS = 250;

    private final List<ClusterNode> nodes;
    private final boolean everyNodeHoldsEverySession;
    private final Map<String, ProbeEvent.Reader> readers = new LinkedHashMap<>();
    private final Map<String, ReplicationProblem> problems = new LinkedHashMap<>();
    /** The last request that served each session, across the nodes. */
    private final Map<String, ServedRequest> lastServed = new HashMap<>();
    /** When each session was first served, on the probes' clock ({@link ProbeEvent#time}). */
    private final Map<String, Long> firstServed = new HashMap<>();
    /** Each restart of a node: while it took the state and the others took it back as a member. */
    private final List<Rejoin> rejoins = new ArrayList<>();
    /** Per node, its requests being collected, by number. */
    private final Map<String, Map<Long, ServedRequest>> open = new HashMap<>();
    /** Session and attribute pairs that have a problem already, which the comparison does not report again. */
    private final Set<String> explained = new HashSet<>();
    /** Session and cause pairs reported, so a receiving node's failure does not repeat its sender's finding. */
    private final Set<String> sessionCauses = new HashSet<>();
    private final Exercise exercise = new Exercise();
    private final ReplicationBudget budget = new ReplicationBudget();
    /** What the load drill did, when one ran. */
    private LoadSummary load;
    private final List<Acceptance> accepted = new ArrayList<>();
    /** Requests that answered a server error where no failover happened: the application's own errors. */
    private final Set<String> plainServerErrors = new HashSet<>();
    /**
     * Per session, what it loses on the way ({@code field-lost} details, state a node keeps outside it), to explain a
     * server error on another node.
     */
    private final Map<String, Set<String>> lostFields = new HashMap<>();
    /** While requests are sent at once: the values before, per session, and every request served since. */
    private Map<String, Map<String, String>> beforeGroup;
    private final List<ServedRequest> servedInGroup = new ArrayList<>();
    /** What explains a session or an update lost with a killed node; null while the cluster's settings are unknown. */
    private LossExplanation lossExplanation;

    /** A request that served a session, and the digest of each attribute after it. */
    private static final class ServedRequest {
        final String node;
        final long time;
        final String session;
        final String request;
        final Map<String, String> values = new LinkedHashMap<>();

        ServedRequest(ProbeEvent event) {
            this.node = event.node;
            this.time = event.time;
            this.session = event.session;
            this.request = event.request;
        }
    }

    /** A node's restart, from its start to the moment every other node counted it as a member again. */
    private static final class Rejoin {
        final String node;
        final long from;
        final long to;

        Rejoin(String node, long from, long to) {
            this.node = node;
            this.from = from;
            this.to = to;
        }
    }

    /**
     * @param everyNodeHoldsEverySession true for DeltaManager (all-to-all); false for BackupManager, where only the
     *     nodes that hold a session are compared
     */
    public ReplicationReport(List<ClusterNode> nodes, boolean everyNodeHoldsEverySession) {
        this.nodes = nodes;
        this.everyNodeHoldsEverySession = everyNodeHoldsEverySession;
        for (ClusterNode node : nodes) {
            readers.put(node.name(), new ProbeEvent.Reader(node.name(),
                    node.base().resolve(ProbeProtocol.DIRECTORY).resolve(ProbeProtocol.EVENTS)));
        }
    }

    /**
     * The cluster's settings, from which each lost session or update after a kill names the setting that explains
     * it, or says that none of the known ones does.
     */
    public void explainLosses(ClusterSettings settings) {
        lossExplanation = new LossExplanation(settings);
    }

    /** Reads what the probes wrote since the last call; returns the problems seen for the first time. */
    public List<ReplicationProblem> collect() throws IOException {
        List<ProbeEvent> events = new ArrayList<>();
        for (ProbeEvent.Reader reader : readers.values()) {
            events.addAll(reader.readNew());
        }
        // by time; a node's failure to apply a change after the sender's own events, which name the attribute
        events.sort((a, b) -> (a.kind == Kind.RECEIVE_FAILED) != (b.kind == Kind.RECEIVE_FAILED)
                ? (a.kind == Kind.RECEIVE_FAILED ? 1 : -1) : Long.compare(a.time, b.time));
        List<ReplicationProblem> fresh = new ArrayList<>();
        for (ProbeEvent event : events) {
            ReplicationProblem problem = interpret(event);
            if (problem == null) {
                continue;
            }
            explained.add(event.session + "\0" + problem.attribute());
            if (event.kind == Kind.RECEIVE_FAILED && !sessionCauses.add(event.session + "\0" + problem.cause())) {
                continue; // the sender's probe named the attribute and the cause already
            }
            sessionCauses.add(event.session + "\0" + problem.cause());
            if (record(problem)) {
                fresh.add(problem);
            }
        }
        return fresh;
    }

    /** Problems the project accepts: they stay in the report, marked, and do not count as failures. */
    public void accept(List<Acceptance> problemsAccepted) {
        accepted.addAll(problemsAccepted);
        for (ReplicationProblem problem : problems.values()) {
            acceptIfListed(problem);
        }
    }

    /**
     * Adds a problem found outside the probes (a scenario's unexpected response, a node that died); the same
     * problem seen again is counted under the first. Returns whether it is new.
     */
    public boolean record(ReplicationProblem problem) {
        ReplicationProblem known = problems.get(problem.key());
        if (known != null) {
            known.seenAgain(problem);
            return false;
        }
        problems.put(problem.key(), problem);
        acceptIfListed(problem);
        return true;
    }

    private void acceptIfListed(ReplicationProblem problem) {
        for (Acceptance entry : accepted) {
            if (!problem.accepted() && entry.matches(problem)) {
                problem.accept(entry.reason());
            }
        }
    }

    /**
     * A node that ended while the cluster ran although nobody stopped it: which, how (exit code or signal), and
     * the end of its log.
     */
    public ReplicationProblem nodeDied(ClusterNode node, int exitCode, String logTail) {
        String how = exitCode > 128 ? "killed by signal " + (exitCode - 128) + (exitCode == 137 ? " (SIGKILL)"
                : exitCode == 143 ? " (SIGTERM)" : "") : "exit code " + exitCode;
        ReplicationProblem died = new ReplicationProblem(Cause.NODE_DIED, null, null, node.name(), how + " at "
                + Instant.ofEpochMilli(node.endedAt()) + "; its log " + node.log() + " ends with: " + logTail);
        record(died);
        return died;
    }

    private ReplicationProblem interpret(ProbeEvent event) {
        switch (event.kind) {
            case REQUEST: {
                exercise.request(event.session, event.detail);
                budget.add(event);
                ServedRequest previous = lastServed.get(event.session);
                ServedRequest served = new ServedRequest(event);
                open.computeIfAbsent(event.node, n -> new HashMap<>()).put(event.sequence, served);
                lastServed.put(event.session, served);
                firstServed.putIfAbsent(event.session, event.time);
                if (beforeGroup != null) {
                    servedInGroup.add(served);
                }
                if (!event.detail.startsWith("5")) {
                    return null;
                }
                boolean failover = previous != null && !previous.node.equals(event.node);
                if (!failover) {
                    plainServerErrors.add(event.request);
                    return null;
                }
                if (plainServerErrors.contains(event.request)) {
                    return new ReplicationProblem(Cause.APPLICATION_ERROR, null, event.request, event.node, "HTTP "
                            + event.detail + ", as on the node that served the session before");
                }
                return new ReplicationProblem(Cause.HTTP_ERROR, null, event.request, event.node, "HTTP "
                        + event.detail + " for the session " + previous.node + " served before"
                        + lostOnTheWay(event.session));
            }
            case VALUE: {
                exercise.attribute(event.session, event.attribute);
                ServedRequest served = open.getOrDefault(event.node, Collections.emptyMap()).get(event.sequence);
                if (served != null && !event.detail.isEmpty()) {
                    served.values.put(event.attribute, event.detail);
                }
                return null;
            }
            case NOT_SERIALIZABLE:
                return problem(Cause.NOT_SERIALIZABLE, event, event.detail);
            case REFUSED:
                return problem(Cause.REFUSED, event, event.detail + " is not Serializable");
            case CHANGED_IN_PLACE:
                return problem(Cause.CHANGED_IN_PLACE, event, event.detail);
            case CLASS_MISSING:
                return problem(Cause.CLASS_MISSING, event, event.detail);
            case NOT_DESERIALIZABLE:
                return problem(Cause.NOT_DESERIALIZABLE, event, event.detail);
            case SHARED_OBJECT: {
                String[] detail = event.detail.split("\t", 2);
                return problem(Cause.SHARED_OBJECT, event, "also under \"" + detail[0] + "\""
                        + (detail.length > 1 ? ": one " + detail[1] : ""));
            }
            case RECEIVE_FAILED: {
                ServedRequest sent = lastServed.get(event.session);
                boolean missing = event.detail.contains("ClassNotFoundException");
                return new ReplicationProblem(missing ? Cause.CLASS_MISSING : Cause.NOT_DESERIALIZABLE, null,
                        sent == null ? null : sent.request, event.node, "could not apply "
                        + (sent == null ? "a change" : sent.node + "'s change") + ": " + event.detail);
            }
            case FIELD_LOST:
                lostFields.computeIfAbsent(event.session, s -> new LinkedHashSet<>()).add(event.detail);
                return problem(Cause.LOST_FIELD, event, event.detail);
            case NODE_LOCAL:
                lostFields.computeIfAbsent(event.session, s -> new LinkedHashSet<>())
                        .add("what " + event.node + " keeps outside it (" + event.detail + ")");
                return problem(Cause.NODE_LOCAL_STATE, event, event.detail);
            case UNINSPECTABLE:
                return problem(Cause.UNINSPECTABLE, event, event.detail);
            case PROBE_ERROR:
                return problem(Cause.PROBE_FAILED, event, event.detail);
            case KEPT_BACK:
                return null; // the manager's own choice: the attribute stays on its node by configuration
            case SENT:
            case SERIALIZED:
            case TRAFFIC:
                budget.add(event);
                return null;
            default:
                throw new IllegalStateException("no interpretation of the probe's " + event.kind + " events");
        }
    }

    /**
     * {@code ; the session arrived without checkout.context: transient in ...}, or nothing when nothing was seen
     * lost.
     */
    private String lostOnTheWay(String session) {
        Set<String> lost = lostFields.get(session);
        return lost == null ? "" : "; the session arrived without " + String.join("; ", lost);
    }

    private static ReplicationProblem problem(Cause cause, ProbeEvent event, String detail) {
        return new ReplicationProblem(cause, event.attribute, event.request, event.node, detail);
    }

    /**
     * Compares each session as the node that served it last holds it now with what every other node holds, from
     * the nodes' snapshots (node name to snapshot file): a change made outside any request (a background thread, a
     * timer) shows here only. Returns the differences not explained by a problem already.
     */
    public List<ReplicationProblem> compare(Map<String, Path> snapshots) throws IOException {
        List<ReplicationProblem> fresh = new ArrayList<>();
        for (ReplicationProblem difference : differences(snapshotsHeld(snapshots), true)) {
            add(fresh, difference);
        }
        return fresh;
    }

    /**
     * {@link #compare} once replication has settled: while the nodes' snapshots still differ, asks for new ones, for
     * up to {@code patience} (a change sent just before may still be on its way, above all on a busy machine); then
     * compares the last ones. A difference that remains that long is one.
     */
    public List<ReplicationProblem> compareSettled(LocalCluster cluster, Duration patience)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        int round = 0;
        while (true) {
            Map<String, Path> snapshots = cluster.snapshots("settle-" + System.nanoTime() + "-" + ++round,
                    SNAPSHOT_TIMEOUT);
            if (System.nanoTime() > deadline || differences(snapshotsHeld(snapshots), false).isEmpty()) {
                return compare(snapshots);
            }
            Thread.sleep(SETTLE_MILLIS);
        }
    }

    /** What the nodes hold differently, unexplained by a problem already; with {@code count}, counted as exercised. */
    private List<ReplicationProblem> differences(Map<String, Map<String, Map<String, String>>> held, boolean count) {
        List<ReplicationProblem> found = new ArrayList<>();
        for (ServedRequest served : lastServed.values()) {
            Map<String, String> own = held.getOrDefault(served.node, Collections.emptyMap()).get(served.session);
            if (own == null) {
                continue; // invalidated or expired since, or the serving node did not answer
            }
            for (Map.Entry<String, Map<String, Map<String, String>>> node : held.entrySet()) {
                if (node.getKey().equals(served.node)) {
                    continue;
                }
                Map<String, String> copy = node.getValue().get(served.session);
                Rejoin rejoin = rejoinDuring(node.getKey(), served);
                if (copy == null) {
                    if (everyNodeHoldsEverySession && !served.values.isEmpty()) {
                        found.add(rejoin != null ? missedWhileRejoining(served, node.getKey(), "is not on")
                                : new ReplicationProblem(Cause.DIFFERS, null, served.request, node.getKey(),
                                "the session " + served.node + " served is not on " + node.getKey()));
                    }
                    continue;
                }
                Set<String> names = new HashSet<>(own.keySet());
                names.addAll(copy.keySet());
                for (String name : names) {
                    if (explained.contains(served.session + "\0" + name)) {
                        continue;
                    }
                    String expected = own.get(name);
                    String actual = copy.get(name);
                    if (count) {
                        exercise.compared(served.node, node.getKey(), expected != null && expected.equals(actual));
                    }
                    if (expected != null && expected.equals(actual)) {
                        continue;
                    }
                    if (rejoin != null) {
                        found.add(missedWhileRejoining(served, node.getKey(), "differs on"));
                        break;
                    }
                    String what = expected == null ? node.getKey() + " still holds it; " + served.node + " does not"
                            : actual == null ? "missing on " + node.getKey()
                            : node.getKey() + " holds another value than " + served.node;
                    found.add(new ReplicationProblem(Cause.DIFFERS, name, served.request, served.node, what));
                }
            }
        }
        return found;
    }

    /** A session served while {@code node} rejoined that it does not hold as the node that served it last does. */
    private static ReplicationProblem missedWhileRejoining(ServedRequest served, String node, String how) {
        return new ReplicationProblem(Cause.MISSED_WHILE_REJOINING, null, served.request, node, "the session "
                + served.node + " served while " + node + " restarted " + how + " " + node);
    }

    /**
     * The verdict after {@code killed} was killed, once its events are collected: each session it served last, with
     * the digest of each attribute after its last request, against what the nodes still up hold (their snapshots,
     * taken after the kill). A session none of them holds is lost; a value none of them holds as the killed node
     * last had it is a lost update. The sessions judged are then left to the survivors: the final comparison
     * does not hold the killed node's last view against them again.
     */
    public List<ReplicationProblem> afterKill(String killed, Map<String, Path> survivors) throws IOException {
        Map<String, Map<String, Map<String, String>>> held = snapshotsHeld(survivors);
        List<ReplicationProblem> fresh = new ArrayList<>();
        for (Iterator<ServedRequest> it = lastServed.values().iterator(); it.hasNext();) {
            ServedRequest served = it.next();
            if (!served.node.equals(killed)) {
                continue;
            }
            it.remove();
            List<Map<String, String>> copies = new ArrayList<>();
            for (Map<String, Map<String, String>> sessions : held.values()) {
                if (sessions.containsKey(served.session)) {
                    copies.add(sessions.get(served.session));
                }
            }
            if (copies.isEmpty()) {
                String rejoined = "";
                for (String survivor : held.keySet()) {
                    if (rejoinDuring(survivor, served) != null) {
                        rejoined = "; it was served while " + survivor + " restarted, before the other nodes "
                                + "counted " + survivor + " as a member again (see "
                                + Cause.MISSED_WHILE_REJOINING.key() + ")";
                    }
                }
                ReplicationProblem lost = new ReplicationProblem(Cause.LOST_SESSION, null, served.request, killed,
                        "the session " + killed + " served last, with " + served.values.size() + " attribute"
                        + (served.values.size() == 1 ? "" : "s") + ", is on none of " + held.keySet() + rejoined);
                add(fresh, withExplanation(lost, served, held.keySet()));
                continue;
            }
            for (Map.Entry<String, String> value : served.values.entrySet()) {
                if (explained.contains(served.session + "\0" + value.getKey())) {
                    continue;
                }
                boolean arrived = false;
                for (Map<String, String> copy : copies) {
                    arrived |= value.getValue().equals(copy.get(value.getKey()));
                }
                if (!arrived) {
                    explained.add(served.session + "\0" + value.getKey());
                    ReplicationProblem lost = new ReplicationProblem(Cause.LOST_UPDATE, value.getKey(),
                            served.request, killed, "the value " + killed + " gave it never reached " + held.keySet());
                    add(fresh, withExplanation(lost, served, held.keySet()));
                }
            }
        }
        return fresh;
    }

    /** A session or update lost with the node that served it last, with what explains it once settings are known. */
    private ReplicationProblem withExplanation(ReplicationProblem lost, ServedRequest served, Set<String> survivors) {
        if (lossExplanation == null) {
            return lost;
        }
        Map<String, Long> started = new LinkedHashMap<>();
        // the verdict follows the kill at once; a node killed outside LocalCluster.kill has no time of its own
        long killedAt = System.currentTimeMillis();
        for (ClusterNode node : nodes) {
            if (survivors.contains(node.name())) {
                started.put(node.name(), node.restartedAt());
            } else if (node.name().equals(served.node) && node.killedAt() > 0) {
                killedAt = node.killedAt();
            }
        }
        return lost.explain(lossExplanation.afterKill(lost.cause() == Cause.LOST_SESSION, served.node, killedAt,
                started));
    }

    /**
     * Marks the start of requests sent at once (a scenario {@code <group>}): what each session holds now is what
     * each of them started from.
     */
    public void groupStarts() throws IOException {
        collect();
        beforeGroup = new HashMap<>();
        for (ServedRequest served : lastServed.values()) {
            beforeGroup.put(served.session, new HashMap<>(served.values));
        }
        servedInGroup.clear();
    }

    /**
     * After requests sent at once: two requests of one session on two nodes that both changed an attribute each
     * changed the value they started from, so one change overwrote the other (last writer wins). Each such
     * attribute is a lost update naming both requests.
     */
    public List<ReplicationProblem> groupEnded() throws IOException {
        collect();
        List<ReplicationProblem> fresh = new ArrayList<>();
        Map<String, Map<String, String>> before = beforeGroup == null ? Collections.emptyMap() : beforeGroup;
        beforeGroup = null;
        for (int i = 0; i < servedInGroup.size(); i++) {
            ServedRequest first = servedInGroup.get(i);
            Map<String, String> start = before.getOrDefault(first.session, Collections.emptyMap());
            for (int j = i + 1; j < servedInGroup.size(); j++) {
                ServedRequest second = servedInGroup.get(j);
                if (!second.session.equals(first.session) || second.node.equals(first.node)) {
                    continue;
                }
                for (Map.Entry<String, String> value : first.values.entrySet()) {
                    String name = value.getKey();
                    String other = second.values.get(name);
                    if (other != null && !value.getValue().equals(start.get(name))
                            && !other.equals(start.get(name)) && !explained.contains(first.session + "\0" + name)) {
                        explained.add(first.session + "\0" + name);
                        add(fresh, new ReplicationProblem(Cause.LOST_UPDATE, name, first.request + " and "
                                + second.request, first.node + " and " + second.node, "both changed it at once, "
                                + "each from the value before: the copy that arrived last overwrote the other "
                                + "request's change").explain(LossExplanation.servedAtOnce(first.node + " and "
                                + second.node)));
                    }
                }
            }
        }
        servedInGroup.clear();
        return fresh;
    }

    /** Per node, per session, each attribute's digest, from the nodes' snapshots. */
    private static Map<String, Map<String, Map<String, String>>> snapshotsHeld(Map<String, Path> snapshots)
            throws IOException {
        Map<String, Map<String, Map<String, String>>> held = new LinkedHashMap<>();
        for (Map.Entry<String, Path> snapshot : snapshots.entrySet()) {
            Map<String, Map<String, String>> sessions = new HashMap<>();
            for (String line : Files.readAllLines(snapshot.getValue(), StandardCharsets.UTF_8)) {
                List<String> fields = ProbeProtocol.fields(line);
                if (fields.size() == ProbeProtocol.SNAPSHOT_FIELDS) {
                    Map<String, String> attributes = sessions.computeIfAbsent(fields.get(1), s -> new HashMap<>());
                    if (!fields.get(2).isEmpty()) {
                        attributes.put(fields.get(2), fields.get(3));
                    }
                }
            }
            held.put(snapshot.getKey(), sessions);
        }
        return held;
    }

    private void add(List<ReplicationProblem> fresh, ReplicationProblem problem) {
        if (record(problem)) {
            fresh.add(problem);
        }
    }

    public List<ReplicationProblem> problems() {
        return new ArrayList<>(problems.values());
    }

    /** The problems that fail the build: those not accepted. */
    public List<ReplicationProblem> failures() {
        List<ReplicationProblem> failures = new ArrayList<>();
        for (ReplicationProblem problem : problems.values()) {
            if (!problem.accepted()) {
                failures.add(problem);
            }
        }
        return failures;
    }

    /** What the run exercised. */
    public Exercise exercise() {
        return exercise;
    }

    /**
     * Notes that {@code node} restarted between {@code fromNanos} and {@code toNanos} ({@code System.nanoTime()}, the
     * probes' clock on this machine): until the end, the other nodes did not count it as a member yet and sent it
     * none of their changes, so a session served meanwhile and missing on it afterwards is named as such.
     */
    public void rejoined(String node, long fromNanos, long toNanos) {
        rejoins.add(new Rejoin(node, fromNanos, toNanos));
    }

    /** The restart of {@code node} during which the session was served, or null. */
    private Rejoin rejoinDuring(String node, ServedRequest served) {
        long first = firstServed.getOrDefault(served.session, served.time);
        for (Rejoin rejoin : rejoins) {
            if (rejoin.node.equals(node) && first <= rejoin.to && served.time >= rejoin.from) {
                return rejoin;
            }
        }
        return null;
    }

    /** Notes what the load drill did, for both reports. */
    public void load(LoadSummary summary) {
        load = summary;
    }

    /** What the load drill did; null when none ran. */
    public LoadSummary load() {
        return load;
    }

    /** What replication cost: sizes, bytes sent, the projection for N nodes. */
    public ReplicationBudget budget() {
        return budget;
    }

    /**
     * One line: nodes, what was exercised, problems ({@code 2 nodes, 14 requests with a session (HTTP 200: 14),
     * 3 sessions, 7 attributes, 7 of 7 compared equal on 2 nodes, 0 problems}).
     */
    public String summary() {
        int failing = failures().size();
        int acceptedCount = problems.size() - failing;
        return nodes.size() + " nodes, " + exercise + ", " + failing + " problem" + (failing == 1 ? "" : "s")
                + (acceptedCount > 0 ? " (and " + acceptedCount + " accepted)" : "");
    }

    /** The verdict in words: what was proven, or why nothing was. */
    public String verdict() {
        if (!exercise.touchedASession()) {
            return "Nothing was proven: no request stored an attribute in a session.";
        }
        if (!failures().isEmpty()) {
            return "Not proven: " + failures().size() + " problem" + (failures().size() == 1 ? "" : "s")
                    + " to fix (above).";
        }
        return "Every session attribute replicated: " + exercise.sessions() + " session"
                + (exercise.sessions() == 1 ? "" : "s") + ", " + exercise.attributes() + " attribute"
                + (exercise.attributes() == 1 ? "" : "s") + (exercise.comparisons() > 0 ? ", equal on " + nodes.size()
                + " nodes." : ", not compared between nodes.");
    }

    /**
     * Writes {@value #TEXT} and {@value #JUNIT} into {@code directory}, each whole or not at all; returns the text
     * report's path.
     */
    public Path write(Path directory, String title) throws IOException {
        Files.createDirectories(directory);
        StringBuilder text = new StringBuilder();
        text.append("Replication report: ").append(title).append('\n').append(summary()).append('\n');
        for (ClusterNode node : nodes) {
            text.append("  ").append(node.name()).append(": ").append(node.url()).append(", log ").append(node.log())
                    .append('\n');
        }
        if (load != null) {
            text.append(load).append('\n');
        }
        text.append('\n');
        for (ReplicationProblem problem : problems.values()) {
            text.append(problem).append('\n');
        }
        text.append(verdict()).append('\n');
        if (!budget.isEmpty()) {
            text.append('\n').append(budget.text());
        }
        Path report = directory.resolve(TEXT);
        AtomicFile.write(report, text.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(directory.resolve(JUNIT), JUnitReport.of(this));
        return report;
    }
}
