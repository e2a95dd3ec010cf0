package io.github.clusterready.tomcat.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a run exercised, so that a report with no problem says what it proved, and one that proved nothing says so:
 * the requests with a session by HTTP status, the sessions and their attributes, and the comparisons made between
 * nodes once replication had settled.
 */
public final class Exercise {
    private final Map<Integer, Integer> requestsByStatus = new TreeMap<>();
    private final Map<String, Set<String>> attributesBySession = new HashMap<>();
    private int comparisons;
    private int equal;
    private final Set<String> comparedNodes = new HashSet<>();

    void request(String session, String status) {
        int code = status.matches("\\d{3}") ? Integer.parseInt(status) : 0;
        requestsByStatus.merge(code, 1, Integer::sum);
        if (session != null && !session.isEmpty()) {
            attributesBySession.computeIfAbsent(session, s -> new HashSet<>());
        }
    }

    void attribute(String session, String name) {
        attributesBySession.computeIfAbsent(session, s -> new HashSet<>()).add(name);
    }

    /** One attribute compared between the node that served its session last and another node. */
    void compared(String servingNode, String otherNode, boolean same) {
        comparisons++;
        if (same) {
            equal++;
        }
        comparedNodes.add(servingNode);
        comparedNodes.add(otherNode);
    }

    /** Requests that touched a session, all statuses. */
    public int requests() {
        int total = 0;
        for (int count : requestsByStatus.values()) {
            total += count;
        }
        return total;
    }

    public int sessions() {
        return attributesBySession.size();
    }

    /** Distinct attributes, counted per session. */
    public int attributes() {
        int total = 0;
        for (Set<String> names : attributesBySession.values()) {
            total += names.size();
        }
        return total;
    }

    public int comparisons() {
        return comparisons;
    }

    /** Whether anything was exercised that replication could have got wrong: a session with an attribute. */
    public boolean touchedASession() {
        return attributes() > 0;
    }

    /** {@code 14 requests with a session (200: 12, 302: 2), 3 sessions, 7 attributes, 7 of 7 equal on 2 nodes}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(requests()).append(requests() == 1 ? " request" : " requests").append(" with a session");
        if (!requestsByStatus.isEmpty()) {
            text.append(" (");
            String separator = "";
            for (Map.Entry<Integer, Integer> status : requestsByStatus.entrySet()) {
                text.append(separator).append(status.getKey() == 0 ? "no status" : "HTTP " + status.getKey())
                        .append(": ").append(status.getValue());
                separator = ", ";
            }
            text.append(')');
        }
        text.append(", ").append(sessions()).append(sessions() == 1 ? " session, " : " sessions, ")
                .append(attributes()).append(attributes() == 1 ? " attribute" : " attributes");
        if (comparisons > 0) {
            text.append(", ").append(equal).append(" of ").append(comparisons).append(" compared equal on ")
                    .append(comparedNodes.size()).append(" nodes");
        } else {
            text.append(", no comparison between nodes");
        }
        return text.toString();
    }
}
