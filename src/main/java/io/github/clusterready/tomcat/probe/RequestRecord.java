package io.github.clusterready.tomcat.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one request did to its session while the application ran: whether it touched it, the attributes it set or
 * removed, and refusals.
 */
final class RequestRecord {
    private static final ThreadLocal<RequestRecord> CURRENT = new ThreadLocal<>();
    private static final AtomicLong COUNT = new AtomicLong();

    /** The request's number on this node, from 1: the events of one request share it. */
    final long sequence = COUNT.incrementAndGet();
    final String request;
    final Set<String> written = new LinkedHashSet<>();
    /** Whether the application read, set or removed an attribute of its session (or listed their names). */
    boolean touched;
    /**
     * The digest of each attribute its session replicates as the application first touched it (nothing had changed
     * it in this request yet); empty until then. Taken only then, so that a request that never uses its session
     * (a static file sent with the session's cookie) costs no serialization.
     */
    Map<String, String> before = Collections.emptyMap();
    /** The probe's own failure while taking {@link #before}, to report after the request; null when none. */
    Throwable failure;
    /** Attribute name and value class of each {@code setAttribute} that Tomcat refused. */
    final List<String[]> refused = new ArrayList<>();

    RequestRecord(String request) {
        this.request = request;
    }

    /** The request this thread serves, or null outside one (as when a replicated change is applied). */
    static RequestRecord current() {
        return CURRENT.get();
    }

    /** Notes that the application uses {@code session}; the first time, takes {@link #before}. */
    void touch(ProbeSession session) {
        if (touched) {
            return;
        }
        touched = true;
        try {
            before = session.digests();
        } catch (RuntimeException | Error e) {
            // whatever the probe meets, the application's call goes ahead as without it
            failure = e;
        }
    }

    void begin() {
        CURRENT.set(this);
    }

    void end() {
        CURRENT.remove();
    }
}
