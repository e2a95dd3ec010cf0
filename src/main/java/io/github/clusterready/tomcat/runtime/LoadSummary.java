package io.github.clusterready.tomcat.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a load drill did, for both reports: its users, time, requests and their rate, the sessions its users
 * began, each kill and restart, and what the kills lost (every lost session and update, of every user).
 */
public final class LoadSummary {
    private final LoadPlan plan;
    private final long elapsedNanos;
    private final long answered;
    private final long unexpected;
    private final int sessions;
    private final List<String> kills;
    private final int lostSessions;
    private final int lostUpdates;

    LoadSummary(LoadPlan plan, long elapsedNanos, long answered, long unexpected, int sessions,
            List<String> kills, int lostSessions, int lostUpdates) {
        this.plan = plan;
        this.elapsedNanos = elapsedNanos;
        this.answered = answered;
        this.unexpected = unexpected;
        this.sessions = sessions;
        this.kills = new ArrayList<>(kills);
        this.lostSessions = lostSessions;
        this.lostUpdates = lostUpdates;
    }

    /** Requests answered (with any status), counted once however many redirects each followed. */
    public long answered() {
        return answered;
    }

    /** Requests answered per second of the drill, kills and restarts included. */
    public double requestsPerSecond() {
        return elapsedNanos == 0 ? 0 : answered / (elapsedNanos / 1e9);
    }

    /** The sessions the users began: one a pass through the scenario. */
    public int sessions() {
        return sessions;
    }

    /** Each kill and restart done, {@code node1 at 7.6 s (serving again 6.1 s later)}. */
    public List<String> kills() {
        return new ArrayList<>(kills);
    }

    public int lostSessions() {
        return lostSessions;
    }

    public int lostUpdates() {
        return lostUpdates;
    }

    /** Whether the drill lost nothing and did every kill it was asked for. */
    public boolean passed() {
        return lostSessions == 0 && lostUpdates == 0 && !cutShort();
    }

    /** Whether the load ended before every kill the plan asks for was done. */
    public boolean cutShort() {
        return kills.size() < plan.kills();
    }

    /**
     * {@code Load drill: 10 users for 60.2 s, 2,345 requests answered (39.0 per second, 0 not as expected), 230
     * sessions; killed and restarted node1 at 20.1 s (...), node2 at 40.0 s (...); lost sessions: 0, lost updates:
     * 0}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Load drill: %d user%s for %.1f s, %,d "
                + "request%s answered (%.1f per second, %,d not as expected), %,d session%s; ", plan.users(),
                plan.users() == 1 ? "" : "s", elapsedNanos / 1e9, answered, answered == 1 ? "" : "s",
                requestsPerSecond(), unexpected, sessions, sessions == 1 ? "" : "s"));
        text.append(kills.isEmpty() ? "no node killed" : "killed and restarted " + String.join(", ", kills));
        if (cutShort()) {
            text.append(" (").append(kills.size()).append(" of ").append(plan.kills()).append(" kills done before "
                    + "the load ended)");
        }
        return text.append("; lost sessions: ").append(lostSessions).append(", lost updates: ").append(lostUpdates)
                .toString();
    }
}
