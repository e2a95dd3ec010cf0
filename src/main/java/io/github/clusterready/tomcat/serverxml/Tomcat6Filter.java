package io.github.clusterready.tomcat.serverxml;

/**
 * A {@code ReplicationValve} filter in Tomcat 6's syntax, {@code .*\.gif;.*\.js;…}: since Tomcat 7 the filter is one
 * regular expression, so the semicolons are literal characters and no request is filtered: every request for a
 * static file makes the valve look for session changes to replicate.
 */
final class Tomcat6Filter extends Rule {
    Tomcat6Filter() {
        super("tomcat-6-filter",
                "config/cluster-valve.html (ReplicationValve: filter, a regular expression); ReplicationValve.java "
                        + "(setFilter: Pattern.compile of the whole value)");
    }

    @Override
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
        for (XmlNode valve : cluster.children("Valve", "ReplicationValve")) {
            if (!findings.checkable(node, valve, "filter", this)) {
                continue;
            }
            String filter = node.value(valve, "filter");
            if (filter == null || !filter.contains(";") || filter.contains("|")) {
                continue;
            }
            String regex = filter.trim().replaceAll(";+$", "").replace(';', '|');
            findings.add(node, valve, "filter", Severity.FRAGILE, this, "the ReplicationValve filter \"" + filter
                            + "\" is Tomcat 6's list separated by ';'",
                    "since Tomcat 7 the filter is one regular expression: it matches only a URL with the "
                            + "semicolons in it, so requests for static files are not filtered and each makes "
                            + "the valve look for session changes to send",
                    "write it as one expression: filter=\"" + regex + "\"",
                    filter.equals(valve.raw("filter")) ? Fixes.set(node.file, valve, "filter", regex) : null);
        }
    }
}
