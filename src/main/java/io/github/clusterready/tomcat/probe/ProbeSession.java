package io.github.clusterready.tomcat.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutput;
import java.io.ObjectOutputStream;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.apache.catalina.Manager;
import org.apache.catalina.ha.session.DeltaSession;

/**
 * The cluster's session with the probe's ears: it notes whether the current request uses the session at all, which
 * attributes it sets or removes, and
 * each {@code setAttribute} that Tomcat refuses because the value is not Serializable, even when the application
 * catches the {@code IllegalArgumentException} and carries on.
 */
public class ProbeSession extends DeltaSession {
    private static final long serialVersionUID = 1L;

    public ProbeSession() {
        super();
    }

    public ProbeSession(Manager manager) {
        super(manager);
    }

    @Override
    public void setAttribute(String name, Object value, boolean notify, boolean addDeltaRequest) {
        RequestRecord request = RequestRecord.current();
        if (request != null && name != null) {
            request.touch(this);
            request.written.add(name);
        }
        super.setAttribute(name, value, notify, addDeltaRequest);
    }

    @Override
    protected void removeAttributeInternal(String name, boolean notify, boolean addDeltaRequest) {
        RequestRecord request = RequestRecord.current();
        if (request != null && name != null) {
            request.touch(this);
            request.written.add(name);
        }
        super.removeAttributeInternal(name, notify, addDeltaRequest);
    }

    @Override
    public Object getAttribute(String name) {
        touched();
        return super.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        touched();
        return super.getAttributeNames();
    }

    /** Notes that the request this thread serves uses its session: only such requests have findings about it. */
    private void touched() {
        RequestRecord request = RequestRecord.current();
        if (request != null) {
            request.touch(this);
        }
    }

    /** The digest of each attribute replication sends (not the excluded ones), as it is now. */
    Map<String, String> digests() {
        Inspection inspection = new Inspection(getManager().getContext().getLoader().getClassLoader());
        Map<String, String> digests = new HashMap<>();
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            if (!exclude(attribute.getKey(), attribute.getValue())) {
                digests.put(attribute.getKey(),
                        inspection.inspect(attribute.getKey(), attribute.getValue(), false).digest);
            }
        }
        return digests;
    }

    /** Called by {@code setAttribute} in a distributable webapp; false makes it throw, unless the name is excluded. */
    @Override
    public boolean isAttributeDistributable(String name, Object value) {
        boolean distributable = super.isAttributeDistributable(name, value);
        RequestRecord request = RequestRecord.current();
        if (!distributable && request != null && !exclude(name, value)) {
            request.refused.add(new String[] {name, value.getClass().getName()});
        }
        return distributable;
    }

    /**
     * BackupManager's map asks a changed session for its diff when the request ends and sends it to the backup
     * node: noted as a {@code map-diff} {@code sent} event (the diff's bytes, without the map message around it).
     */
    @Override
    public byte[] getDiff() throws IOException {
        byte[] diff = super.getDiff();
        sent(ProbeProtocol.MAP_DIFF, diff.length);
        return diff;
    }

    /**
     * BackupManager's map writes the whole session when it sends a full copy: to the backup of a new session, to a
     * new backup when another node takes the session over (a request without sticky sessions), to a node that
     * joins. Noted as a {@code map-copy} {@code sent} event: the session's bytes, written once more to count them.
     */
    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        super.writeExternal(out);
        if (getManager() instanceof ProbeBackupManager) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream copy = new ObjectOutputStream(bytes)) {
                writeObjectData((ObjectOutput) copy);
            }
            sent(ProbeProtocol.MAP_COPY, bytes.size());
        }
    }

    private void sent(String message, int bytes) {
        if (getManager() instanceof ProbeBackupManager) {
            RequestRecord request = RequestRecord.current();
            ProbeLog.get().event(request == null ? 0 : request.sequence, ProbeProtocol.Kind.SENT, getIdInternal(),
                    request == null ? null : request.request, message, ProbeProtocol.sent(bytes, 1));
        }
    }

    /** The attributes, live. */
    Map<String, Object> attributeMap() {
        return attributes;
    }

    /** Whether Tomcat keeps the attribute on this node only (its name is excluded, or the Manager's filter says so). */
    boolean excluded(String name, Object value) {
        return exclude(name, value);
    }
}
