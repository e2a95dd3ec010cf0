package io.github.clusterready.tomcat.probe;

import org.apache.catalina.LifecycleException;
import org.apache.catalina.Session;
import org.apache.catalina.ha.ClusterManager;
import org.apache.catalina.ha.session.BackupManager;

/** {@code BackupManager} with {@link ProbeSession}s; its clone for each webapp is a probe manager too. */
public class ProbeBackupManager extends BackupManager implements ProbeManager {

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

    @Override
    protected void startInternal() throws LifecycleException {
        super.startInternal();
        RUNNING.add(this);
    }

    @Override
    protected void stopInternal() throws LifecycleException {
        RUNNING.remove(this);
        super.stopInternal();
    }
}
