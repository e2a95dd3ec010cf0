package io.github.clusterready.tomcat.probe;

import java.io.IOException;
import java.util.Locale;
import org.apache.catalina.Session;
import org.apache.catalina.ha.ClusterManager;
import org.apache.catalina.ha.ClusterMessage;
import org.apache.catalina.ha.session.DeltaManager;
import org.apache.catalina.ha.session.DeltaSession;
import org.apache.catalina.ha.session.SessionMessage;
import org.apache.catalina.tribes.Member;
import org.apache.catalina.tribes.io.XByteBuffer;

/**
 * {@code DeltaManager} with {@link ProbeSession}s, which also writes a {@code receive-failed} event when a change
 * that another node sent cannot be applied here (a class this node cannot find, a value that does not deserialize).
 * Tomcat clones the {@code <Cluster>}'s Manager for each webapp, so the clone is a probe manager too. In a cluster
 * whose nodes all start together ({@link ProbeProtocol#NEW_CLUSTER}) it asks no other node for session state at
 * start: there is none, and a node that is not listening yet would leave the request unanswered until
 * {@code stateTransferTimeout} (60 s).
 *
 * <p>It notes each session message it makes ({@code sent} events): the delta that {@code ReplicationValve} sends
 * when a request ends ({@link #requestCompleted(String, boolean)}) and the messages the manager sends itself
 * ({@link #send}: a new session, a changed id). The size is that of the message serialized as the channel
 * serializes it ({@code XByteBuffer.serialize}); each other member gets a copy.
 */
public class ProbeDeltaManager extends DeltaManager implements ProbeManager {

    public ProbeDeltaManager() {
        addLifecycleListener(REGISTRATION);
    }

    @Override
    public Session createEmptySession() {
        return new ProbeSession(this);
    }

    /**
     * Overrides the method of this name that 8.5 and 9.0 have (the JVM overrides by name and descriptor); 10.1 and
     * later create sessions through {@link #createEmptySession} only.
     */
    protected DeltaSession getNewDeltaSession() {
        return new ProbeSession(this);
    }

    @Override
    public synchronized void getAllClusterSessions() {
        if (Boolean.getBoolean(ProbeProtocol.NEW_CLUSTER)) {
            setStateTransferred(true);
            return;
        }
        super.getAllClusterSessions();
    }

    @Override
    protected void handleSESSION_DELTA(SessionMessage message, Member sender)
            throws IOException, ClassNotFoundException {
        try {
            super.handleSESSION_DELTA(message, sender);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            ProbeLog.get().event(0, ProbeProtocol.Kind.RECEIVE_FAILED, message.getSessionID(), null, null, causes(e));
            throw e;
        }
    }

    @Override
    public ClusterMessage requestCompleted(String sessionId, boolean expires) {
        ClusterMessage message = super.requestCompleted(sessionId, expires);
        if (message instanceof SessionMessage) {
            sent((SessionMessage) message);
        }
        return message;
    }

    @Override
    protected void send(SessionMessage message) {
        sent(message);
        super.send(message);
    }

    private void sent(SessionMessage message) {
        try {
            int copies = getCluster() == null ? 0 : getCluster().getMembers().length;
            String type = message.getEventType() == SessionMessage.EVT_SESSION_CREATED ? ProbeProtocol.SESSION_CREATED
                    : message.getEventType() == SessionMessage.EVT_SESSION_DELTA ? ProbeProtocol.SESSION_DELTA
                    : message.getEventTypeString().toLowerCase(Locale.ROOT);
            RequestRecord request = RequestRecord.current();
            ProbeLog.get().event(request == null ? 0 : request.sequence, ProbeProtocol.Kind.SENT,
                    message.getSessionID(), request == null ? null : request.request, type,
                    ProbeProtocol.sent(XByteBuffer.serialize(message).length, copies));
        } catch (IOException | RuntimeException e) {
            // what replication does with the message is Tomcat's; the probe only measures it
            ProbeLog.get().event(0, ProbeProtocol.Kind.PROBE_ERROR, message.getSessionID(), null, null,
                    "measuring a session message: " + e);
        }
    }

    static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    @Override
    public ClusterManager cloneFromTemplate() {
        ProbeDeltaManager copy = new ProbeDeltaManager();
        clone(copy);
        copy.setExpireSessionsOnShutdown(isExpireSessionsOnShutdown());
        copy.setNotifySessionListenersOnReplication(isNotifySessionListenersOnReplication());
        copy.setNotifyContainerListenersOnReplication(isNotifyContainerListenersOnReplication());
        copy.setStateTransferTimeout(getStateTransferTimeout());
        copy.setSendAllSessions(isSendAllSessions());
        copy.setSendAllSessionsSize(getSendAllSessionsSize());
        copy.setSendAllSessionsWaitTime(getSendAllSessionsWaitTime());
        copy.setStateTimestampDrop(isStateTimestampDrop());
        return copy;
    }
}
