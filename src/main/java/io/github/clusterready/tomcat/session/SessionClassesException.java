package io.github.clusterready.tomcat.session;

/**
 * The list of the classes stored in sessions, or the allow-list made from it, cannot be used as it is: the message
 * names the file (and line) or the POM parameter, and says what to do.
 */
public final class SessionClassesException extends Exception {
    private static final long serialVersionUID = 1L;

    SessionClassesException(String message) {
        super(message);
    }
}
