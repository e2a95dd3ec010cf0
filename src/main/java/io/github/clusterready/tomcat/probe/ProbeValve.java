package io.github.clusterready.tomcat.probe;

import io.github.clusterready.tomcat.probe.ProbeProtocol.Kind;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.valves.ValveBase;

/**
 * Watches each request to a webapp whose sessions a probe manager keeps. When the application first uses its session
 * ({@link ProbeSession}) it notes the digest of every attribute; after the request, it writes a {@code request}
 * event and, for each attribute, what replication makes of it: a {@code value} event with its digest, or the problem
 * ({@code not-serializable}, {@code class-missing}, {@code not-deserializable}, {@code changed-in-place},
 * {@code shared-object}, {@code refused}, {@code field-lost}, {@code uninspectable}, {@code node-local}). Declared in
 * the node's {@code <Engine>}, it runs before the cluster's {@code ReplicationValve}, so it inspects the session once
 * replication was sent. Only requests that use their session (read, set or remove an attribute, list the names, or
 * create it) have findings about it.
 *
 * <p>Whatever the probe meets (a value too deep for the stack, its own bug), the application's request goes ahead
 * and answers as without the probe: a failure of the probe is a {@code probe-error} event, never an exception
 * thrown into the request.
 *
 * <p>{@code invoke} declares no {@code ServletException}: the Servlet API's own type differs between the javax and
 * jakarta lines, so the valve lets the next valve's exceptions through unchanged without naming it.
 */
public final class ProbeValve extends ValveBase {

    /** A session id in a path, as Tomcat writes it into encoded URLs. */
    private static final Pattern SESSION_ID = Pattern.compile(";jsessionid=[^/;?]*", Pattern.CASE_INSENSITIVE);

    public ProbeValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException {
        Context context = request.getContext();
        if (context == null || !(context.getManager() instanceof ProbeManager)) {
            next(request, response);
            return;
        }
        RequestRecord record = new RequestRecord(shown(request));
        Session requested = requestedSession(context, request);
        record.begin();
        try {
            next(request, response);
        } finally {
            record.end();
            try {
                if (record.failure != null) {
                    failed(record, record.failure);
                }
                after(context, request, response, record, requested, record.before);
            } catch (RuntimeException | Error e) {
                failed(record, e);
            }
        }
    }

    private static void failed(RequestRecord record, Throwable e) {
        try {
            ProbeLog.get().event(record.sequence, Kind.PROBE_ERROR, null, record.request, null, e.toString());
        } catch (RuntimeException | Error again) {
            System.err.println("tomcat-cluster probe: " + record.request + ": " + e + "; " + again);
        }
    }

    /**
     * {@code GET /cart?item=1}: the method and the path under the webapp with its query, without the context path
     * and the session id of an encoded URL, as the scenario shows its requests.
     */
    static String shown(Request request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length())
                : uri;
        String query = request.getQueryString();
        return request.getMethod() + " " + SESSION_ID.matcher(path.isEmpty() ? "/" : path).replaceAll("")
                + (query == null ? "" : "?" + query);
    }

    private void next(Request request, Response response) throws IOException {
        try {
            getNext().invoke(request, response);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw ProbeValve.<RuntimeException>unchanged(e);
        }
    }

    /** Throws a checked exception (the Servlet API's) without wrapping it or naming its type. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T unchanged(Throwable t) throws T {
        throw (T) t;
    }

    private static Session requestedSession(Context context, Request request) {
        String id = request.getRequestedSessionId();
        if (id == null) {
            return null;
        }
        try {
            return context.getManager().findSession(id);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Writes what replication makes of the session after the request. A request that did not touch its session
     * (a static file sent with the session's cookie: no attribute read, set or removed, no session created) says
     * nothing about it, so that no finding is attributed to it.
     */
    private static void after(Context context, Request request, Response response, RequestRecord record,
            Session requested, Map<String, String> before) {
        ProbeLog log = ProbeLog.get();
        Session session = request.getSessionInternal(false);
        String id = session == null ? null : session.getIdInternal();
        for (String[] refused : record.refused) {
            log.event(record.sequence, Kind.REFUSED, id, record.request, refused[0], refused[1]);
        }
        if (!(session instanceof ProbeSession)) {
            if (!record.refused.isEmpty() || !before.isEmpty()) {
                log.event(record.sequence, Kind.REQUEST, id, record.request, null,
                        String.valueOf(response.getStatus()));
            }
            return;
        }
        ProbeSession probeSession = (ProbeSession) session;
        if (!record.touched && session == requested && record.refused.isEmpty()) {
            return;
        }
        log.event(record.sequence, Kind.REQUEST, id, record.request, null, String.valueOf(response.getStatus()));
        Inspection inspection = new Inspection(context.getLoader().getClassLoader());
        for (Map.Entry<String, Object> attribute : probeSession.attributeMap().entrySet()) {
            String name = attribute.getKey();
            Object value = attribute.getValue();
            if (probeSession.excluded(name, value)) {
                log.event(record.sequence, Kind.KEPT_BACK, id, record.request, name, value.getClass().getName());
                continue;
            }
            boolean written = record.written.contains(name);
            Inspection.Outcome outcome = inspection.inspect(name, value, written);
            if (!BindingListeners.isLibraryListener(value)) {
                // a library's listener is compared through the object it watches, under its own name
                log.event(record.sequence, Kind.VALUE, id, record.request, name, inspection.comparableDigest(outcome));
            }
            if (outcome.bytes != null) {
                log.event(record.sequence, Kind.SERIALIZED, id, record.request, name,
                        Integer.toString(outcome.bytes.length));
            }
            for (String lost : outcome.lost) {
                log.event(record.sequence, Kind.FIELD_LOST, id, record.request, name, lost);
            }
            if (outcome.comparisonLimit != null) {
                log.event(record.sequence, Kind.UNINSPECTABLE, id, record.request, name,
                        "compared with its copy only in part: " + outcome.comparisonLimit);
            }
            if (outcome.problem != null) {
                log.event(record.sequence, outcome.problem, id, record.request, name, outcome.detail);
            } else if (!written && before.get(name) != null && !outcome.digest.equals(before.get(name))
                    && !BindingListeners.isLibraryListener(value)) {
                log.event(record.sequence, Kind.CHANGED_IN_PLACE, id, record.request, name,
                        value.getClass().getName());
            }
        }
        nodeLocal(context, probeSession, record, id);
        Map<String, Object> attributes = probeSession.attributeMap();
        for (String[] pair : inspection.shared) {
            if (!BindingListeners.isLibraryListener(attributes.get(pair[0]))
                    && !BindingListeners.isLibraryListener(attributes.get(pair[1]))) {
                log.event(record.sequence, Kind.SHARED_OBJECT, id, record.request, pair[1], pair[0] + "\t" + pair[2]);
            }
        }
    }

    /** State a framework keeps for the session outside it, on this node only ({@link NodeLocalState}). */
    private static void nodeLocal(Context context, ProbeSession session, RequestRecord record, String id) {
        ProbeLog log = ProbeLog.get();
        boolean seen = false;
        for (Map.Entry<String, Object> attribute : session.attributeMap().entrySet()) {
            String handle = NodeLocalState.handle(attribute.getValue());
            if (handle != null) {
                log.event(record.sequence, Kind.NODE_LOCAL, id, record.request, attribute.getKey(), handle);
                seen = true;
            }
        }
        if (!seen && context instanceof StandardContext
                && NodeLocalState.hasWicket(context.getLoader().getClassLoader())) {
            String work = ((StandardContext) context).getWorkPath();
            String folder = NodeLocalState.wicketFolder(work == null ? null : Paths.get(work), id);
            if (folder != null) {
                log.event(record.sequence, Kind.NODE_LOCAL, id, record.request, null, folder);
            }
        }
    }
}
