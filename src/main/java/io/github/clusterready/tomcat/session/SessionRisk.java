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
        UNKNOWN,
        /**
         * Worth a look, logged as a warning: a class file the analysis could not read (so its code went unchecked),
         * or state that replication leaves out without an error (fields of a non-Serializable superclass).
         */
        WARNING
    }

    private final Severity severity;
    private final String location;
    private final String message;
    private final boolean unreadable;

    SessionRisk(Severity severity, String location, String message) {
        this(severity, location, message, false);
    }

    private SessionRisk(Severity severity, String location, String message, boolean unreadable) {
        this.severity = severity;
        this.location = location;
        this.message = message;
        this.unreadable = unreadable;
    }

    /** A warning that the class file at {@code location} could not be read, so what its code stores is unknown. */
    static SessionRisk unreadable(String location, String message) {
        return new SessionRisk(Severity.WARNING, location, message, true);
    }

    /** Whether this is a class file the analysis could not read ({@link Severity#WARNING}). */
    public boolean isUnreadableClass() {
        return unreadable;
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
