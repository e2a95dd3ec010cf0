package io.github.clusterready.tomcat.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Why a webapp did not deploy on a node, as the error a user reads: the errors of every log of the node (Tomcat
 * logs a webapp's own failure only in {@code localhost.<date>.log}, not on the console), each with its exception's
 * root cause, and what to change: the Tomcat line when the webapp is written for the other Servlet namespace, else
 * the webapp's own exception to fix.
 */
final class DeployFailure {
    /** A type of {@code javax.servlet} or {@code jakarta.servlet} that the node's class loader could not find. */
    private static final Pattern MISSING_JAVAX = missing("javax");
    private static final Pattern MISSING_JAKARTA = missing("jakarta");

    private DeployFailure() {
    }

    private static Pattern missing(String namespace) {
        return Pattern.compile("(?s).*(NoClassDefFoundError|ClassNotFoundException): " + namespace
                + "[/.]servlet[/.].*");
    }

    /**
     * The message for the webapp at {@code contextPath} that failed to start on {@code node}.
     *
     * @param consoleTail the last lines of the node's console, shown when no log names an error
     */
    static String message(ClusterNode node, String contextPath, String consoleTail) throws IOException {
        NodeLogs logs = NodeLogs.read(node.base());
        Path directory = node.base().resolve("logs");
        StringBuilder text = new StringBuilder("the webapp " + contextPath + " failed to start on " + node.name());
        List<NodeLogs.LoggedError> errors = logs.errors();
        if (errors.isEmpty()) {
            return text.append("; no log in ").append(directory).append(" names an error (read: ")
                    .append(names(logs.logs())).append("); its console ").append(node.log()).append(" ends with:\n")
                    .append(consoleTail).toString();
        }
        text.append(". The errors in its logs (").append(directory).append("):");
        String exceptions = "";
        for (NodeLogs.LoggedError error : errors) {
            text.append("\n  ").append(error.log).append(": SEVERE ").append(error.text());
            exceptions += error.exceptions() + "\n";
        }
        return text.append('\n').append(advice(exceptions)).toString();
    }

    /** What to change, from the exceptions logged. */
    static String advice(String exceptions) {
        if (MISSING_JAVAX.matcher(exceptions).matches()) {
            return "The webapp is written for javax.servlet (Servlet 4.0 or older), which Tomcat 10.1 and later do "
                    + "not have (they have jakarta.servlet): set <tomcatVersion>9.0</tomcatVersion>, or migrate the "
                    + "webapp to jakarta.servlet";
        }
        if (MISSING_JAKARTA.matcher(exceptions).matches()) {
            return "The webapp is written for jakarta.servlet (Servlet 5.0 or later), which Tomcat 9.0 and older do "
                    + "not have (they have javax.servlet): set <tomcatVersion>10.1</tomcatVersion> (11.0 for "
                    + "Servlet 6.1)";
        }
        if (!exceptions.trim().isEmpty()) {
            return "The exception above is the webapp's own: fix what throws it (its code or configuration), then "
                    + "run again";
        }
        return "Fix what the errors above name, then run again";
    }

    private static String names(List<Path> logs) {
        StringBuilder names = new StringBuilder();
        for (Path log : logs) {
            names.append(names.length() == 0 ? "" : ", ").append(log.getFileName());
        }
        return names.length() == 0 ? "no log" : names.toString();
    }
}
