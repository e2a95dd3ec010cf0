package io.github.clusterready.tomcat.probe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.ha.session.ClusterManagerBase;

/** A cluster session manager that makes {@link ProbeSession}s; the running ones, for the node's snapshots. */
public interface ProbeManager {
    /** The probe managers started in this node. */
    Set<ClusterManagerBase> RUNNING = ConcurrentHashMap.newKeySet();
}
