package io.github.clusterready.tomcat.war;

/** A WAR that cannot be read or rewritten; the message names the archive and, where there is one, the entry. */
public final class WarException extends Exception {
    private static final long serialVersionUID = 1L;

    public WarException(String message) {
        super(message);
    }

    public WarException(String message, Throwable cause) {
        super(message, cause);
    }
}
