package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.SendOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which of the cluster's settings explains a session or an update lost with a killed node, with its value, why it
 * loses, and the fix: send options that do not wait for an acknowledgement (the Cluster's
 * {@code channelSendOptions} for DeltaManager, {@code mapSendOptions} for BackupManager, each with the async flag 8,
 * also by name or, for {@code channelSendOptions}, when it is empty and Tomcat's asynchronous default applies), and,
 * with BackupManager, a lost session when every node still up was restarted shortly before the kill.
 * Each was seen to lose on real Tomcat 10.1 ({@code FailoverDrillE2ETest}). When none applies, says what it looked
 * at. (A DeltaManager node that serves before its session state arrived is not among them: the drill's restart waits
 * for the state transfer and stops at its timeout.)
 */
public final class LossExplanation {
    private static final String SYNCHRONOUS_FIX = "6 (use_ack,sync, the plugin's default): each request then waits "
            + "until the other node has acknowledged its change";

    /**
     * How long after a node's restart a kill of another node may find that node without its BackupManager backups:
     * on Tomcat 10.1 a kill right after the restart (6 s after the start) lost a 30 MB session, one 5 s later did
     * not; the bound keeps a loss long after a restart from being put down to it.
     */
    static final long RECENT_RESTART_MILLIS = 60_000;

    private final ClusterSettings settings;

    public LossExplanation(ClusterSettings settings) {
        this.settings = settings;
    }

    /** What explains a loss (one reason or several, each with its fix), or that none of the known settings does. */
    public static final class Explanation {
        private final boolean found;
        private final String reason;
        private final String fix;

        Explanation(boolean found, String reason, String fix) {
            this.found = found;
            this.reason = reason;
            this.fix = fix;
        }

        /** Whether a setting (or the way the nodes were used) explains the loss. */
        public boolean found() {
            return found;
        }

        /** The setting with its value and why it loses; or that none does, naming what was looked at. */
        public String reason() {
            return reason;
        }

        /** What to change; null when nothing explains the loss (the cause's own fix applies). */
        public String fix() {
            return fix;
        }

        @Override
        public String toString() {
            return reason + (fix == null ? "" : "; fix: " + fix);
        }
    }

    /**
     * Why the session (or a value of it) that {@code killed} served last is on none of the nodes still up.
     *
     * @param sessionLost true for a lost session, false for a lost update
     * @param killedAt when (milliseconds since the epoch) {@code killed} was killed
     * @param survivorsStarted each node still up, with when its current process started (milliseconds since the
     *     epoch), 0 for a node that was never restarted
     */
    public Explanation afterKill(boolean sessionLost, String killed, long killedAt,
            Map<String, Long> survivorsStarted) {
        List<String> reasons = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        List<String> lookedAt = new ArrayList<>();
        sendOptions(killed, reasons, fixes, lookedAt);
        if (settings.manager() == Manager.BACKUP && sessionLost) {
            restartedJustBefore(killed, killedAt, survivorsStarted, reasons, fixes, lookedAt);
        }
        if (reasons.isEmpty()) {
            return new Explanation(false, "none of the known settings explains it: " + String.join("; ", lookedAt),
                    null);
        }
        return new Explanation(true, String.join("; and ", reasons), String.join("; ", fixes));
    }

    /**
     * Two requests of one session served on two nodes at the same time: no setting loses this, each node changed
     * its own copy and the later one overwrote the other.
     */
    public static Explanation servedAtOnce(String nodes) {
        return new Explanation(true, nodes + " served the session at the same time, each changing its own copy, so "
                + "the copy that arrived last overwrote the other's change; no cluster setting prevents this",
                "keep each user on one node while it serves: sticky sessions at the load balancer (on the jvmRoute "
                + "of each node, or a cookie), so that only a failover moves a session");
    }

    private void sendOptions(String killed, List<String> reasons, List<String> fixes, List<String> lookedAt) {
        boolean delta = settings.manager() == Manager.DELTA;
        Element element = delta ? Element.CLUSTER : Element.MANAGER;
        String attribute = delta ? "channelSendOptions" : "mapSendOptions";
        String parameter = element.parameter() + "<" + attribute + ">";
        String value = settings.attributes(element).get(attribute);
        int options;
        try {
            options = SendOptions.parse(parameter, value, settings.line(), delta ? SendOptions.CLUSTER_DEFAULT
                    : SendOptions.SYNCHRONOUS);
        } catch (ClusterConfigException e) {
            lookedAt.add(parameter + " \"" + value + "\", which Tomcat " + settings.line() + " does not read");
            return;
        }
        String given = value == null || value.isEmpty() ? " is empty, so Tomcat uses its default " + options
                : " is \"" + value + "\"" + (value.equals(String.valueOf(options)) ? "" : " (" + options + ")");
        String setting = parameter + given + " (" + SendOptions.names(options) + ")";
        if (!SendOptions.asynchronous(options)) {
            lookedAt.add(setting + ", not asynchronous");
            return;
        }
        String who = delta ? "the DeltaManager (" + attribute + " on <Cluster>) sends each change to the other "
                + "nodes" : "the BackupManager (" + attribute + " on <Manager>) copies each change to the session's "
                + "backup node";
        reasons.add(setting + ": " + who + " asynchronously, without waiting for an acknowledgement, so a request "
                + "completes while its change is still in flight, and the change in flight when " + killed
                + " died was lost");
        fixes.add("set " + parameter + " to " + SYNCHRONOUS_FIX);
    }

    private static void restartedJustBefore(String killed, long killedAt, Map<String, Long> survivorsStarted,
            List<String> reasons, List<String> fixes, List<String> lookedAt) {
        List<String> restarted = new ArrayList<>();
        for (Map.Entry<String, Long> survivor : survivorsStarted.entrySet()) {
            long started = survivor.getValue();
            if (started > 0 && killedAt - started <= RECENT_RESTART_MILLIS) {
                restarted.add(survivor.getKey() + " (started again " + seconds(killedAt - started) + " before)");
            }
        }
        if (restarted.isEmpty() || restarted.size() < survivorsStarted.size()) {
            lookedAt.add("no node still up was restarted within " + RECENT_RESTART_MILLIS / 1000 + " s before the "
                    + "kill of " + killed);
            return;
        }
        reasons.add(killed + " was killed soon after every node still up had restarted, " + String.join(", ",
                restarted) + ": a restarted BackupManager node serves before " + killed + " has copied the "
                + "backups of its sessions to it, so this session was still on " + killed + " only");
        fixes.add("let a restarted node receive its backups before another node goes down (on Tomcat 10.1 a node "
                + "held a 30 MB session 5 s after it served again; the time grows with the sessions' size), or use "
                + "DeltaManager (<manager>DeltaManager), whose restarted node receives every session in its state "
                + "transfer before it serves");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
