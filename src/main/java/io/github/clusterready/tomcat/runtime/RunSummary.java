package io.github.clusterready.tomcat.runtime;

import java.util.List;
import java.util.Locale;

/** The lines the run goals log about a running cluster and its report, composed here rather than in the Mojos. */
public final class RunSummary {
    private RunSummary() {
    }

    /**
     * "2 Tomcat 10.1.59 nodes serve target/shop.war in 6.0 s (DeltaManager, static membership on 127.0.0.1; the
     * probe watches every request)".
     */
    public static String serving(LocalCluster cluster, String release, String war, long nanos) {
        return String.format(Locale.ROOT, "%d Tomcat %s nodes serve %s in %.1f s (%s, static membership on "
                + "127.0.0.1; the probe watches every request)", cluster.nodes().size(), release, war, nanos / 1e9,
                manager(cluster));
    }

    /** "target/shop.war on 2 Tomcat nodes (DeltaManager)", the report's title. */
    public static String reportTitle(LocalCluster cluster, String war) {
        return war + " on " + cluster.nodes().size() + " Tomcat nodes (" + manager(cluster) + ")";
    }

    /**
     * "Replication report target/tomcat-cluster/replication-report.txt: 2 nodes, 3 requests …, 0 problems. Every
     * session attribute replicated: …", what was exercised and the verdict.
     */
    public static String reportLine(String written, ReplicationReport report) {
        return "Replication report " + written + ": " + report.summary() + ". " + report.verdict();
    }

    /** The build's failure for the problems the report line counts, logged above it. */
    public static String failing(String reportLine) {
        return reportLine + " Set tomcat-cluster.failOnReplicationProblem to false to only warn, or list a known "
                + "problem in <acceptedProblems>";
    }

    /** The build's failure for a run that stored nothing in a session: the report proves nothing. */
    public static String provedNothing(String reportLine) {
        return reportLine + " Give <requests> that store something in the session, or run tests against the nodes "
                + "(tomcat-cluster.urls) between start and stop; set tomcat-cluster.failOnNothingProven to false to "
                + "only warn";
    }

    /** "node1 http://127.0.0.1:8081/shop/, node2 http://127.0.0.1:8181/shop/". */
    public static String urls(List<ClusterNode> nodes) {
        StringBuilder text = new StringBuilder();
        for (ClusterNode node : nodes) {
            text.append(text.length() == 0 ? "" : ", ").append(node.name()).append(' ').append(node.url());
        }
        return text.toString();
    }

    /** {@code DeltaManager} for the probe's {@code ProbeDeltaManager}: the manager the user configured. */
    static String manager(LocalCluster cluster) {
        String className = cluster.settings().manager().className();
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.startsWith("Probe") ? simple.substring("Probe".length()) : simple;
    }
}
