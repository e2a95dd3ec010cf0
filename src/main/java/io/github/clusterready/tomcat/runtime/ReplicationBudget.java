package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.probe.ProbeProtocol;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What replication costs, from the probes' {@code sent}, {@code serialized} and {@code traffic} events: each
 * attribute's serialized size, each session's (the sum of its attributes), the bytes of the session messages each
 * request made its node send, and from those the traffic the same requests would cause on N nodes:
 * <ul>
 * <li>DeltaManager sends every message to every other node: {@code bytes × (N - 1)};</li>
 * <li>BackupManager sends a change to one backup node only; a new session it sends to the backup (then still about
 * empty) and tells the other {@code N - 2} nodes where it is, each with a small map message of about the size of
 * DeltaManager's {@code session-created} message: {@code changes × 1 + creations × (N - 1)}; its full copies of a
 * session (to a new backup when a request without sticky sessions lands on another node) go to one node too, and
 * have no DeltaManager counterpart.</li>
 * </ul>
 * A budget, not a verdict: it never makes a problem. Tomcat's own channel counters ({@code traffic}) are kept per
 * node beside it, first and last seen, so that a test compares the projection with the bytes the nodes got.
 * Names from the nodes are {@link Shown shown} with control characters escaped.
 */
public final class ReplicationBudget {
    private static final String OUTSIDE = "(outside a request)";
    /** The cluster sizes the projection shows. */
    static final int[] NODES = {2, 4, 6, 8};

    /** Per attribute, the largest serialized size seen. */
    private final Map<String, Long> attributes = new TreeMap<>();
    /** Per session, each attribute's latest serialized size. */
    private final Map<String, Map<String, Long>> sessions = new LinkedHashMap<>();
    /** Per request as shown ({@code GET /cart}), what its occurrences sent. */
    private final Map<String, RequestCost> requests = new TreeMap<>();
    /** Per node, the bytes its session messages took on the channel, each copy counted. */
    private final Map<String, Long> sentByNode = new TreeMap<>();
    /** Per node, Tomcat's channel counters: first and last seen ({received, sent}). */
    private final Map<String, long[][]> traffic = new TreeMap<>();
    private long changeBytes;
    private long creationBytes;
    /** BackupManager's full copies: a session taken over by another node, which DeltaManager never sends. */
    private long copyBytes;
    private long messages;

    /** What one request (as shown) made its node send, over its occurrences. */
    private static final class RequestCost {
        long times;
        long bytes;
        final Map<String, Long> byMessage = new TreeMap<>();
    }

    /**
     * Takes what the budget needs from an event ({@code request}: one more time a request was served, whether it
     * sent anything or not); ignores other kinds.
     */
    void add(ProbeEvent event) {
        switch (event.kind) {
            case REQUEST:
                requests.computeIfAbsent(event.request, r -> new RequestCost()).times++;
                break;
            case SERIALIZED:
                serialized(event);
                break;
            case SENT:
                sent(event);
                break;
            case TRAFFIC: {
                long[] counters = ProbeProtocol.numbers(event.detail);
                if (counters.length == 2) {
                    long[][] seen = traffic.computeIfAbsent(event.node, n -> new long[][] {counters, counters});
                    seen[1] = counters;
                }
                break;
            }
            default:
                break;
        }
    }

    private void serialized(ProbeEvent event) {
        long[] size = ProbeProtocol.numbers(event.detail);
        if (size.length != 1) {
            return;
        }
        attributes.merge(event.attribute, size[0], Math::max);
        sessions.computeIfAbsent(event.session, s -> new TreeMap<>()).put(event.attribute, size[0]);
    }

    private void sent(ProbeEvent event) {
        long[] sent = ProbeProtocol.numbers(event.detail);
        if (sent.length != 2) {
            return;
        }
        long bytes = sent[0];
        messages++;
        if (ProbeProtocol.SESSION_CREATED.equals(event.attribute)) {
            creationBytes += bytes;
        } else if (ProbeProtocol.MAP_COPY.equals(event.attribute)) {
            copyBytes += bytes;
        } else {
            changeBytes += bytes;
        }
        sentByNode.merge(event.node, bytes * sent[1], Long::sum);
        boolean outside = event.sequence == 0 || event.request.isEmpty();
        RequestCost cost = requests.computeIfAbsent(outside ? OUTSIDE : event.request, r -> new RequestCost());
        if (outside) {
            cost.times++; // each message on its own: an expiry, a background change
        }
        cost.bytes += bytes;
        cost.byMessage.merge(event.attribute, bytes, Long::sum);
    }

    /** Whether any event gave the budget something to show. */
    public boolean isEmpty() {
        return messages == 0 && attributes.isEmpty();
    }

    /** The session messages seen. */
    public long messages() {
        return messages;
    }

    /** The bytes the same requests would make a cluster of {@code nodes} DeltaManager nodes send. */
    public long deltaManager(int nodes) {
        return (changeBytes + creationBytes) * Math.max(0, nodes - 1);
    }

    /** The bytes the same requests would make a cluster of {@code nodes} BackupManager nodes send. */
    public long backupManager(int nodes) {
        return (changeBytes + copyBytes) * Math.min(1, Math.max(0, nodes - 1))
                + creationBytes * Math.max(0, nodes - 1);
    }

    /** The bytes a node's session messages took on the channel, each copy counted, as its probe measured them. */
    public long sent(String node) {
        return sentByNode.getOrDefault(node, 0L);
    }

    /**
     * Tomcat's count of the bytes a node's channel received between its first and last {@code traffic} event (whole
     * packages: each message with the channel's header and framing), or -1 when it has fewer than two.
     */
    public long receivedBetweenSnapshots(String node) {
        long[][] seen = traffic.get(node);
        return seen == null || seen[0] == seen[1] ? -1 : seen[1][0] - seen[0][0];
    }

    /** Tomcat's count of the bytes a node's channel sent (each copy) between its first and last {@code traffic}. */
    public long sentBetweenSnapshots(String node) {
        long[][] seen = traffic.get(node);
        return seen == null || seen[0] == seen[1] ? -1 : seen[1][1] - seen[0][1];
    }

    /** The section of the text report; empty when there is nothing to show. */
    public String text() {
        if (isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("Replication budget (measured by the probes; a budget, not a problem)")
                .append('\n');
        text.append("  Serialized size of each attribute, largest seen:\n");
        for (Map.Entry<String, Long> attribute : attributes.entrySet()) {
            text.append("    ").append(Shown.text(attribute.getKey())).append(": ").append(bytes(attribute.getValue()))
                    .append('\n');
        }
        long largest = 0;
        long total = 0;
        for (Map<String, Long> session : sessions.values()) {
            long size = session.values().stream().mapToLong(Long::longValue).sum();
            largest = Math.max(largest, size);
            total += size;
        }
        if (!sessions.isEmpty()) {
            text.append("  Sessions: ").append(sessions.size()).append(", serialized ").append(bytes(total
                    / sessions.size())).append(" on average, the largest ").append(bytes(largest)).append('\n');
        }
        text.append("  Bytes of the session messages each request made its node send (one copy):\n");
        for (Map.Entry<String, RequestCost> request : requests.entrySet()) {
            RequestCost cost = request.getValue();
            if (cost.bytes == 0) {
                continue;
            }
            text.append("    ").append(Shown.text(request.getKey())).append(": ").append(cost.times)
                    .append(cost.times == 1 ? " time, " : " times, ").append(bytes(cost.bytes / Math.max(1,
                    cost.times))).append(" a time (");
            String separator = "";
            for (Map.Entry<String, Long> message : cost.byMessage.entrySet()) {
                text.append(separator).append(Shown.text(message.getKey())).append(' ').append(bytes(message.getValue()
                        / Math.max(1, cost.times)));
                separator = ", ";
            }
            text.append(")\n");
        }
        text.append("  Projected traffic for these requests (").append(messages).append(" session message")
                .append(messages == 1 ? "" : "s").append("), all nodes together:\n");
        text.append(String.format(Locale.ROOT, "    %-6s %16s %16s%n", "nodes", "DeltaManager", "BackupManager"));
        for (int nodes : NODES) {
            text.append(String.format(Locale.ROOT, "    %-6d %16s %16s%n", nodes, bytes(deltaManager(nodes)),
                    bytes(backupManager(nodes))));
        }
        text.append("    DeltaManager sends each message to every other node; BackupManager a change to one backup "
                + "and a small message to every other node for a new session.\n");
        if (creationBytes == 0 && changeBytes > 0 && requests.values().stream().anyMatch(cost -> cost.byMessage
                .containsKey(ProbeProtocol.MAP_DIFF))) {
            text.append("    Measured under BackupManager: its diffs and copies without the map message around them, "
                    + "and without the map's small messages.\n");
        }
        for (Map.Entry<String, long[][]> node : traffic.entrySet()) {
            long[] last = node.getValue()[1];
            text.append("  ").append(node.getKey()).append(", Tomcat's channel counters since it started: ")
                    .append("received ").append(bytes(last[0])).append(", sent ").append(bytes(last[1])).append('\n');
        }
        return text.toString();
    }

    /** {@code 12,345 bytes}. */
    static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }
}
