package io.github.clusterready.tomcat.runtime;

import java.util.Locale;

/**
 * The acceptance of a problem the project knows of ({@code <acceptedProblems>}): its cause, the attribute (or {@code *}
 * for any), and why. The report keeps it, marked accepted, and it does not fail the build.
 */
public final class Acceptance {
    private final ReplicationProblem.Cause cause;
    private final String attribute;
    private final String reason;

    private Acceptance(ReplicationProblem.Cause cause, String attribute, String reason) {
        this.cause = cause;
        this.attribute = attribute;
        this.reason = reason;
    }

    /**
     * @param cause the report word ({@code not-serializable})
     * @param attribute the attribute's name, or {@code *}
     * @param reason why the project accepts it; required, so the report can say
     * @param where how the POM names this entry in an error ({@code <acceptedProblems><acceptedProblem> 2})
     */
    public static Acceptance of(String cause, String attribute, String reason, String where)
            throws RuntimeClusterException {
        ReplicationProblem.Cause known = null;
        for (ReplicationProblem.Cause candidate : ReplicationProblem.Cause.values()) {
            if (candidate.key().equals(cause == null ? "" : cause.trim().toLowerCase(Locale.ROOT))) {
                known = candidate;
            }
        }
        if (known == null) {
            StringBuilder words = new StringBuilder();
            for (ReplicationProblem.Cause candidate : ReplicationProblem.Cause.values()) {
                words.append(words.length() == 0 ? "" : ", ").append(candidate.key());
            }
            throw new RuntimeClusterException(where + ": <cause> \"" + cause + "\" is not a report word; use one of "
                    + words);
        }
        if (attribute == null || attribute.trim().isEmpty()) {
            throw new RuntimeClusterException(where + ": give the <attribute> it is about, or * for any");
        }
        if (reason == null || reason.trim().isEmpty()) {
            throw new RuntimeClusterException(where + ": say in <reason> why the problem is accepted; the report "
                    + "shows it");
        }
        return new Acceptance(known, attribute.trim(), reason.trim());
    }

    boolean matches(ReplicationProblem problem) {
        return problem.cause() == cause && (attribute.equals("*") || attribute.equals(problem.attribute()));
    }

    String reason() {
        return reason;
    }
}
