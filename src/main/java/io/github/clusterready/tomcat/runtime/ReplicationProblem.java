package io.github.clusterready.tomcat.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One session attribute that did not (or will not) replicate: which, after which request, where, why, and the fix. */
public final class ReplicationProblem {

    /** Why an attribute did not replicate, each with what to do about it. */
    public enum Cause {
        NOT_SERIALIZABLE("not Serializable", "make the class Serializable, mark the field transient, or keep an id "
                + "in the session instead of the object"),
        REFUSED("setAttribute refused", "Tomcat threw IllegalArgumentException (\"Non-serializable attribute\") "
                + "and the application went on without the value; make the class Serializable or keep an id instead"),
        CHANGED_IN_PLACE("changed in place", "DeltaManager and BackupManager replicate an attribute only when "
                + "setAttribute is called for it; call session.setAttribute with the same name again after changing "
                + "the object"),
        SHARED_OBJECT("one object under two names", "each attribute is replicated on its own, so the other nodes "
                + "hold two copies that drift apart; keep the object under one name, or store ids"),
        CLASS_MISSING("class missing on the other node", "the other node looks the class up by name in the "
                + "webapp and does not have it (a class generated at run time, or one only this node has); store "
                + "values of classes the WAR contains"),
        NOT_DESERIALIZABLE("does not deserialize", "the other node cannot read the value back; give the first "
                + "non-Serializable superclass an accessible no-argument constructor, or fix its readObject"),
        DIFFERS("differs on the other node", "once replication settled the nodes hold different values, with no "
                + "failure seen on the way: the value changed outside a request (a background thread, a timer, after "
                + "the response); change session values in requests, and call setAttribute after changing them"),
        LOST_FIELD("lost on the way", "the other node gets this field differently (transient, a field of a "
                + "non-Serializable superclass, or left out by writeObject): make the field part of the serialized "
                + "form (not transient, declared in a Serializable class, written by writeObject), or set it again "
                + "on every request before it is read"),
        UNINSPECTABLE("beyond the probe's limits", "the detail says which limit; a graph too deep for a thread's "
                + "stack breaks Tomcat's own replication as well: keep long chains in a collection such as "
                + "ArrayList, which writes its elements one by one, or store ids; a value larger or slower than the "
                + "limit costs every request that replicates it: keep less in the session"),
        NODE_LOCAL_STATE("kept on this node only", "the framework keeps this state outside the session, on the "
                + "node that served the request, so another node taking the session over answers without it (Wicket: "
                + "a new page or \"page expired\" instead of the page the user was on); keep it in the session: with "
                + "Wicket 9 and later, in your Application's init(), setPageManagerProvider(new "
                + "DefaultPageManagerProvider(this) { @Override protected IPageStore newPersistentStore() { return new "
                + "InSessionPageStore(20); } }); with Wicket 6 to 8, return an HttpSessionDataStore from "
                + "DefaultPageManagerProvider.newDataStore()"),
        PROBE_FAILED("not inspected", "the probe failed while it inspected this request, so what replication makes "
                + "of its session is unknown; the detail names the probe's exception (please report it)"),
        NODE_DIED("node died", "a node ended while the cluster ran although nobody stopped it; its sessions lived "
                + "on only where they had replicated. Read the end of its log (above): an OutOfMemoryError, "
                + "System.exit in the application, or a kill from outside"),
        APPLICATION_ERROR("server error on every node", "the request answered a server error wherever it ran, "
                + "also where no failover happened: the application's own error, not replication's; see the node's "
                + "log"),
        HTTP_ERROR("server error after failover", "the node that took over the session answered with a server "
                + "error; look for values the session loses on the way (transient fields, state kept on the first "
                + "node's disk) in that node's log"),
        LOST_SESSION("session lost with its node", "the node that served the session last was killed and no "
                + "node still up holds the session: the user has to log in again; with BackupManager check that "
                + "every node has a backup (mapSendOptions), with DeltaManager that changes are sent synchronously"),
        LOST_UPDATE("update lost", "a change is not on the nodes that serve the session now: its node died before "
                + "it was sent (channelSendOptions without acknowledgement, or empty, send asynchronously), or a "
                + "request of the same session on another node at the same time overwrote it (last writer wins); "
                + "send with acknowledgement (<clusterAttributes><channelSendOptions>6, the plugin's default) and "
                + "keep each user on one node while it serves (sticky sessions)"),
        MISSED_WHILE_REJOINING("missed while the node rejoined", "the session was served on another node while "
                + "this node restarted: it had taken the session state already, but the other nodes counted it as a "
                + "member again only later (Tomcat's TcpFailureDetector takes a restarted member back once it has "
                + "checked it, which can take seconds) and sent it none of the changes made meanwhile; DeltaManager "
                + "sends a session's later changes as deltas, which a node without the session drops, so the session "
                + "stays missing on it and is lost if the node that holds it dies next. No Tomcat setting sends such "
                + "sessions again: restart nodes while few sessions change, and give the sessions served during a "
                + "restart time to end before the node that holds them is stopped"),
        RESTART_FAILED("restart failed", "the load drill restarted a node it had killed and the node did not come "
                + "back as a member with the other nodes' session state (the detail says what it waited for), so the "
                + "drill ended there; read the node's log, and give DeltaManager more time for large sessions "
                + "(<managerAttributes><stateTransferTimeout>) or keep less in each session"),
        DRILL_CUT_SHORT("load drill cut short", "the load ended (its <seconds> or <requests>) before every kill of "
                + "its <kills> was done, so fewer failovers were proven than asked: give <load> more <seconds> (a "
                + "restart takes some seconds) or fewer <kills>"),
        UNEXPECTED_RESPONSE("unexpected response", "a scenario request did not get what its <expect> says (by "
                + "default: a status below 400); compare the kept response with the previous node's: state one "
                + "node keeps to itself (a value outside the session, pages on its disk) shows this way, or fix "
                + "the request or its <expect>");

        private final String label;
        private final String fix;

        Cause(String label, String fix) {
            this.label = label;
            this.fix = fix;
        }

        /** Words for people, e.g. {@code changed in place}. */
        public String label() {
            return label;
        }

        /** The likely cause's fix. */
        public String fix() {
            return fix;
        }

        /** {@code changed-in-place}: the word in the report's lines. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How many places a problem lists; the count goes on. */
    private static final int LISTED = 10;

    private final Cause cause;
    private final String attribute;
    private final String request;
    private final String node;
    private final String detail;
    /** Each request and node after which the problem was seen, {@code GET /a on node1}, the first included. */
    private final Set<String> seenAfter = new LinkedHashSet<>();
    private int occurrences = 1;
    private String acceptedBecause;
    /** What explains this occurrence ({@link LossExplanation}); null where nothing was looked at. */
    private LossExplanation.Explanation explanation;

    ReplicationProblem(Cause cause, String attribute, String request, String node, String detail) {
        this.cause = cause;
        this.attribute = attribute == null ? "" : attribute;
        this.request = request == null ? "" : request;
        this.node = node;
        this.detail = detail == null ? "" : detail;
        seenAfter.add(place(this.request, node));
    }

    private static String place(String request, String node) {
        return (request.isEmpty() ? "" : request + " ") + "on " + node;
    }

    public Cause cause() {
        return cause;
    }

    /** The session attribute's name; empty where it is not known (a server error). */
    public String attribute() {
        return attribute;
    }

    /** The request (method and path) after which the problem appeared. */
    public String request() {
        return request;
    }

    /** The node that served that request, or that failed to apply the change. */
    public String node() {
        return node;
    }

    public String detail() {
        return detail;
    }

    /** How many times the same problem was seen. */
    public int occurrences() {
        return occurrences;
    }

    /** Each request and node after which it was seen ({@code GET /shop/a on node1}), in order, without repeats. */
    public List<String> seenAfter() {
        return new ArrayList<>(seenAfter);
    }

    void seenAgain(ReplicationProblem same) {
        occurrences++;
        seenAfter.addAll(same.seenAfter);
    }

    /** What explains the problem (a setting and its fix, or that none does); null where nothing was looked at. */
    public LossExplanation.Explanation explanation() {
        return explanation;
    }

    /** The fix: the explaining setting's when one does, else the cause's. */
    public String fix() {
        return explanation != null && explanation.fix() != null ? explanation.fix() : cause.fix();
    }

    ReplicationProblem explain(LossExplanation.Explanation why) {
        explanation = why;
        return this;
    }

    /** Why the project accepts this problem ({@code <acceptedProblems>}); null when it is not accepted. */
    public String acceptedBecause() {
        return acceptedBecause;
    }

    public boolean accepted() {
        return acceptedBecause != null;
    }

    void accept(String reason) {
        acceptedBecause = reason;
    }

    /** The same cause of the same attribute is one problem, on whichever node and after whichever request. */
    String key() {
        return cause + "\0" + attribute + "\0" + detail;
    }

    /**
     * One line: {@code [changed-in-place] attribute "cart" after GET /shop/add on node1: changed in place
     * (shop.Cart). Fix: …}; a lost session or update says what explains it before the fix ({@code Explanation:
     * <clusterAttributes><channelSendOptions> is "8" …. Fix: set …}); a problem seen more than once names every
     * request and node after the first (up to {@value #LISTED}). Names and details are {@link Shown#text shown} with
     * control characters escaped.
     */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder();
        line.append('[').append(cause.key()).append("] ");
        if (!attribute.isEmpty()) {
            line.append("attribute \"").append(Shown.text(attribute)).append("\" ");
        }
        line.append(request.isEmpty() ? "" : "after ").append(Shown.text(place(request, node))).append(": ")
                .append(cause.label());
        if (!detail.isEmpty()) {
            line.append(" (").append(Shown.text(detail)).append(')');
        }
        if (occurrences > 1) {
            line.append(", ").append(occurrences).append(" times");
            List<String> others = seenAfter().subList(1, seenAfter.size());
            if (!others.isEmpty()) {
                line.append(", also after ").append(Shown.text(String.join("; ",
                        others.subList(0, Math.min(LISTED, others.size())))));
                if (others.size() > LISTED) {
                    line.append(" and ").append(others.size() - LISTED).append(" more");
                }
            }
        }
        if (explanation != null) {
            line.append(". Explanation: ").append(Shown.text(explanation.reason()));
        }
        line.append(". ").append(accepted() ? "Accepted: " + Shown.text(acceptedBecause) : "Fix: " + fix());
        return line.toString();
    }
}
