package io.github.clusterready.tomcat.maven;

/**
 * The failover drill under load ({@code <load>}): {@code <users>} simulated users replay {@code <requests>} again
 * and again, a new session each pass, for at most {@code <requests>} requests or {@code <seconds>}, while the
 * nodes are killed and restarted {@code <kills>} times in turn. Each value left out takes its default.
 */
public final class Load {
    /** Simulated users at once, each its own browser: 10 by default, at most 200. */
    Integer users;
    /** The request count that ends the drill; none by default. */
    Long requests;
    /** The time that ends the drill, in seconds: 60 by default when no {@code <requests>} count is given. */
    Integer seconds;
    /** How many kills (each followed by a restart) fall evenly inside the drill: one a node by default. */
    Integer kills;
}
