package io.github.clusterready.tomcat.serverxml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the checker looked at and found: the nodes' files, the rules, the findings, what it could not check. */
public final class CheckReport {
    private final List<String> nodes;
    private final int rules;
    private final int clusters;
    private final List<Finding> findings;
    private final List<String> unchecked;

    CheckReport(List<String> nodes, int rules, int clusters, List<Finding> findings, List<String> unchecked) {
        this.nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
        this.rules = rules;
        this.clusters = clusters;
        this.findings = Collections.unmodifiableList(new ArrayList<>(findings));
        this.unchecked = Collections.unmodifiableList(new ArrayList<>(unchecked));
    }

    /** Each node as checked, e.g. {@code node1 (node1/conf/server.xml, Tomcat 9.0 from lib/catalina.jar)}. */
    public List<String> nodes() {
        return nodes;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** The values the rules could not judge (placeholders nothing replaced), with file, line and column. */
    public List<String> unchecked() {
        return unchecked;
    }

    /** The findings that fail the build. */
    public List<Finding> failing() {
        List<Finding> failing = new ArrayList<>();
        for (Finding finding : findings) {
            if (finding.severity().failsBuild()) {
                failing.add(finding);
            }
        }
        return failing;
    }

    /**
     * One line saying what was looked at and found, e.g. {@code Checked 2 server.xml files (…) with 15 rules, 2
     * <Cluster>s: 3 findings (1 loses data, 2 insecure), 1 value not checked}.
     */
    public String summary() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Finding finding : findings) {
            counts.merge(finding.severity(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Severity, Integer> count : counts.entrySet()) {
            parts.add(count.getValue() + " " + count.getKey());
        }
        return "Checked " + nodes.size() + " node file" + (nodes.size() == 1 ? "" : "s") + " (" + String.join("; ",
                nodes) + ") with " + rules + " rules, " + clusters + " <Cluster>" + (clusters == 1 ? "" : "s") + ": "
                + (findings.isEmpty() ? "no findings" : findings.size() + " finding" + (findings.size() == 1 ? ""
                : "s") + " (" + String.join(", ", parts) + ")") + (unchecked.isEmpty() ? "" : ", "
                + unchecked.size() + " value" + (unchecked.size() == 1 ? "" : "s") + " not checked")
                + (nodes.size() == 1 ? "; one node: nothing compared across nodes" : "");
    }
}
