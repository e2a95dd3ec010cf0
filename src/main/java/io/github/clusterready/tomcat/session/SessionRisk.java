package io.github.clusterready.tomcat.session;

/**
 * One thing the WAR stores in a session that Tomcat may not be able to replicate: an error when the analysis knows
 * it cannot be serialized, "unknown" when only the object's class at run time can tell.
 */
public final class SessionRisk {
    /** How sure the analysis is. */
    public enum Severity {
        /** Known not to be Serializable: Tomcat will throw, or replication will fail. */
        ERROR,
        /** Cannot be told from the class files (Object, an interface, an abstract class, a missing class). */
        UNKNOWN
    }

    private final Severity severity;
    private final String location;
    private final String message;

    SessionRisk(Severity severity, String location, String message) {
        this.severity = severity;
        this.location = location;
        this.message = message;
    }

    public Severity severity() {
        return severity;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The source file, with the line where the class file has one: {@code com/example/CartServlet.java:31}. */
    public String location() {
        return location;
    }

    /** What is stored, why it is a risk, and what to do about it. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
