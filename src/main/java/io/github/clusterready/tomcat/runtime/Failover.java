package io.github.clusterready.tomcat.runtime;

import java.io.IOException;

/** What a scenario's {@code <kill>} and {@code <restart>} steps do to the cluster that runs it. */
public interface Failover {
    /** Ends the node at once (SIGKILL, as a crash would) and waits until its process has ended. */
    void kill(ClusterNode node) throws IOException, InterruptedException;

    /**
     * Starts the node again on its base and returns once it serves, is a member of the cluster again and, with
     * DeltaManager, has received the session state.
     */
    void restart(ClusterNode node) throws IOException, RuntimeClusterException, InterruptedException;
}
