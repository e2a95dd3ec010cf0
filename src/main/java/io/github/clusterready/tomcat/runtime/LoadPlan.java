package io.github.clusterready.tomcat.runtime;

import java.time.Duration;
import java.util.List;

/**
 * How much load the drill puts on the cluster, and when it kills: {@code users} simulated users, each replaying the
 * scenario's requests again and again (a new session each pass), for at most {@code requests} requests in all or
 * {@code duration}, whichever comes first; {@code kills} times in between, spread evenly over that bound, the next
 * node in turn is killed and restarted. Bounded on every side, so a drill cannot run away with the machine.
 */
public final class LoadPlan {
    public static final int MAX_USERS = 200;
    public static final long MAX_REQUESTS = 1_000_000;
    public static final int MAX_SECONDS = 3_600;
    public static final int MAX_KILLS = 100;
    /** The bound when neither a request count nor a time is given. */
    static final int DEFAULT_SECONDS = 60;
    static final int DEFAULT_USERS = 10;

    private final int users;
    private final long requests;
    private final Duration duration;
    private final int kills;

    private LoadPlan(int users, long requests, Duration duration, int kills) {
        this.users = users;
        this.requests = requests;
        this.duration = duration;
        this.kills = kills;
    }

    /**
     * The plan the POM gives, checked before anything starts; a null value takes its default: 10 users, 60
     * seconds when no request count is given (no time bound when one is), one kill and restart of each node.
     *
     * @param parameter the POM element, for the messages: {@code <load>}
     */
    public static LoadPlan of(String parameter, Integer users, Long requests, Integer seconds, Integer kills,
            List<String> nodeNames, Scenario scenario) throws RuntimeClusterException {
        int userCount = users == null ? DEFAULT_USERS : users;
        if (userCount < 1 || userCount > MAX_USERS) {
            throw new RuntimeClusterException(parameter + "<users> " + userCount + " is out of range: give 1 to "
                    + MAX_USERS + " simulated users");
        }
        long requestCount = requests == null ? 0 : requests;
        if (requestCount < 0 || requestCount > MAX_REQUESTS) {
            throw new RuntimeClusterException(parameter + "<requests> " + requestCount + " is out of range: give 1 to "
                    + MAX_REQUESTS + " requests in all, or leave it out to bound the drill by <seconds>");
        }
        int time = seconds == null ? (requestCount == 0 ? DEFAULT_SECONDS : 0) : seconds;
        if (time < 0 || time > MAX_SECONDS || (time == 0 && requestCount == 0)) {
            throw new RuntimeClusterException(parameter + "<seconds> " + time + " is out of range: give 1 to "
                    + MAX_SECONDS + " seconds" + (requestCount == 0 ? " (or a <requests> count)" : ""));
        }
        int killCount = kills == null ? nodeNames.size() : kills;
        if (killCount < 0 || killCount > MAX_KILLS) {
            throw new RuntimeClusterException(parameter + "<kills> " + killCount + " is out of range: give 0 to "
                    + MAX_KILLS + " kills and restarts");
        }
        if (killCount > 0 && nodeNames.size() < 2) {
            throw new RuntimeClusterException(parameter + "<kills> " + killCount + " needs a second node to take "
                    + "over: give <nodeCount>2</nodeCount> or more, or <kills>0</kills>");
        }
        if (scenario.isEmpty()) {
            throw new RuntimeClusterException(parameter + " needs a flow for its users: give <requests> with at "
                    + "least one <request><path>");
        }
        if (scenario.hasFailoverSteps()) {
            throw new RuntimeClusterException(parameter + " kills and restarts nodes itself (<kills>): remove the "
                    + "<kill> and <restart> steps from <requests>, or leave <load> out to replay them once");
        }
        return new LoadPlan(userCount, requestCount, Duration.ofSeconds(time), killCount);
    }

    public int users() {
        return users;
    }

    /** The request count that ends the drill; 0 for none. */
    public long requests() {
        return requests;
    }

    /** The time that ends the drill; zero for none. */
    public Duration duration() {
        return duration;
    }

    public int kills() {
        return kills;
    }

    /**
     * How far the drill is, from 0 to 1: the larger of the share of its time gone and of its requests sent, for
     * the bounds it has.
     */
    double progress(long elapsedNanos, long requestsSent) {
        double byTime = duration.isZero() ? 0 : (double) elapsedNanos / duration.toNanos();
        double byCount = requests == 0 ? 0 : (double) requestsSent / requests;
        return Math.min(1, Math.max(byTime, byCount));
    }

    /** Whether the kill numbered {@code kill} (from 1) is due: kills fall evenly inside the bound, none at an end. */
    boolean killDue(int kill, double progress) {
        return kill <= kills && progress >= (double) kill / (kills + 1);
    }

    /** {@code 10 users, at most 60 s, 2 kills}: the plan in words. */
    @Override
    public String toString() {
        return users + (users == 1 ? " user" : " users") + ", at most " + (requests > 0 ? requests + " requests" : "")
                + (requests > 0 && !duration.isZero() ? " or " : "") + (duration.isZero() ? ""
                : duration.getSeconds() + " s") + ", " + kills + (kills == 1 ? " kill" : " kills") + " and restart"
                + (kills == 1 ? "" : "s");
    }
}
