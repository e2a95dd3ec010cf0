package io.github.clusterready.tomcat.serverxml;

/** How bad a finding is, worst first; the first two fail the build unless told otherwise. */
public enum Severity {
    /** Session changes a node accepted are lost when it fails. */
    LOSES_DATA("loses data", true),
    /** Nodes do not form a cluster, Tomcat does not start, or a configured part does not run. */
    BREAKS_CLUSTER("breaks the cluster", true),
    /** Cluster traffic is readable or forgeable by others on the network or the host. */
    INSECURE("insecure", false),
    /** Works today and breaks on a change nobody connects with it (a neighbour, a reboot, an upgrade). */
    FRAGILE("fragile", false);

    private final String label;
    private final boolean failsBuild;

    Severity(String label, boolean failsBuild) {
        this.label = label;
        this.failsBuild = failsBuild;
    }

    /** Whether a finding of this severity fails the build (unless {@code failOnError} is false). */
    public boolean failsBuild() {
        return failsBuild;
    }

    @Override
    public String toString() {
        return label;
    }
}
