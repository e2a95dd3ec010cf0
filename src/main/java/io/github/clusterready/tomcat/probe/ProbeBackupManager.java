package io.github.clusterready.tomcat.probe;

import org.apache.catalina.Session;
import org.apache.catalina.ha.ClusterManager;
import org.apache.catalina.ha.session.BackupManager;

/** {@code BackupManager} with {@link ProbeSession}s; its clone for each webapp is a probe manager too. */
public class ProbeBackupManager extends BackupManager implements ProbeManager {

    public ProbeBackupManager() {
        addLifecycleListener(REGISTRATION);
    }

    @Override
    public Session createEmptySession() {
        return new ProbeSession(this);
    }

    @Override
    public ClusterManager cloneFromTemplate() {
        ProbeBackupManager copy = new ProbeBackupManager();
        clone(copy);
        copy.setMapSendOptions(getMapSendOptions());
        copy.setRpcTimeout(getRpcTimeout());
        copy.setTerminateOnStartFailure(isTerminateOnStartFailure());
        copy.setAccessTimeout(getAccessTimeout());
        return copy;
    }
}
