package io.github.clusterready.tomcat.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;

/** What {@link SessionAttributeAnalyzer} found in a WAR. */
public final class SessionAnalysis {
    private final List<SessionRisk> risks;
    private final SortedSet<String> storedClasses;
    private final int classCount;
    private final int callCount;

    SessionAnalysis(List<SessionRisk> risks, SortedSet<String> storedClasses, int classCount, int callCount) {
        this.risks = Collections.unmodifiableList(new ArrayList<>(risks));
        this.storedClasses = Collections.unmodifiableSortedSet(storedClasses);
        this.classCount = classCount;
        this.callCount = callCount;
    }

    /** Every risk, errors and unknowns, in the order found. */
    public List<SessionRisk> risks() {
        return risks;
    }

    /** The risks known to break replication. */
    public List<SessionRisk> errors() {
        return only(SessionRisk.Severity.ERROR);
    }

    /** The values and fields whose serializability only the object at run time can tell. */
    public List<SessionRisk> unknowns() {
        return only(SessionRisk.Severity.UNKNOWN);
    }

    private List<SessionRisk> only(SessionRisk.Severity severity) {
        List<SessionRisk> result = new ArrayList<>();
        for (SessionRisk risk : risks) {
            if (risk.severity() == severity) {
                result.add(risk);
            }
        }
        return result;
    }

    /**
     * The concrete Serializable classes the analysis proves the application stores in sessions, directly or in
     * the fields of what it stores, as binary names ({@code com.example.Cart$Item}), sorted. Values whose class is
     * unknown are not in it, so it is a starting point for an allow-list, not a complete one.
     */
    public SortedSet<String> storedClasses() {
        return storedClasses;
    }

    /** How many class files were analysed. */
    public int classCount() {
        return classCount;
    }

    /** How many {@code HttpSession.setAttribute}/{@code putValue} calls were found. */
    public int callCount() {
        return callCount;
    }
}
