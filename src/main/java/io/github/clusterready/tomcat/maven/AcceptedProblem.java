package io.github.clusterready.tomcat.maven;

/**
 * A problem the project knows of and accepts ({@code <acceptedProblems><acceptedProblem>}): the report word of its
 * {@code <cause>} ({@code not-serializable}), the {@code <attribute>} (or {@code *}), and the {@code <reason>} the
 * report shows. It stays in the report, marked accepted, and does not fail the build.
 */
public final class AcceptedProblem {
    /** The report word, e.g. {@code changed-in-place}. */
    String cause;
    /** The session attribute's name, or {@code *} for any. */
    String attribute;
    /** Why the project accepts it. */
    String reason;
}
