package io.github.clusterready.tomcat.probe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.ha.session.ClusterManagerBase;

/** A cluster session manager that makes {@link ProbeSession}s; the running ones, for the node's snapshots. */
public interface ProbeManager {
    /** The probe managers started in this node. */
    Set<ClusterManagerBase> RUNNING = ConcurrentHashMap.newKeySet();

    /**
     * Keeps {@link #RUNNING} for the managers it listens to: a manager is in it from the end of its start to the
     * start of its stop. Each probe manager adds it in its constructor (a clone for a webapp too), so that both
     * managers, which extend different Tomcat classes, keep the set the same way.
     */
    LifecycleListener REGISTRATION = event -> {
        if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
            RUNNING.add((ClusterManagerBase) event.getLifecycle());
        } else if (Lifecycle.BEFORE_STOP_EVENT.equals(event.getType())) {
            RUNNING.remove((ClusterManagerBase) event.getLifecycle());
        }
    };
}
