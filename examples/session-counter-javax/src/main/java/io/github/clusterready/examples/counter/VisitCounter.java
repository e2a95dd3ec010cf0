package io.github.clusterready.examples.counter;

import java.io.Serializable;

/**
 * Number of visits made within one HTTP session.
 *
 * <p>Instances live in the session, so they must be {@link Serializable}: a clustered
 * Tomcat serializes session attributes to replicate them to the other nodes.
 */
public class VisitCounter implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    /**
     * Records one more visit.
     *
     * @return the number of visits including this one
     */
    public synchronized int increment() {
        return ++count;
    }

    /**
     * @return the number of visits recorded so far
     */
    public synchronized int getCount() {
        return count;
    }
}
