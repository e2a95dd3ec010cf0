package io.github.clusterready.tomcat.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    /** Attribute name and value class of each {@code setAttribute} that Tomcat refused. */
    final List<String[]> refused = new ArrayList<>();

    RequestRecord(String request) {
        this.request = request;
    }

    /** The request this thread serves, or null outside one (as when a replicated change is applied). */
    static RequestRecord current() {
        return CURRENT.get();
    }

    void begin() {
        CURRENT.set(this);
    }

    void end() {
        CURRENT.remove();
    }
}
