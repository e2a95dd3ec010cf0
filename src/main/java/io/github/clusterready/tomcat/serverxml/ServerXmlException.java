package io.github.clusterready.tomcat.serverxml;

/** A server.xml the checker cannot read: the message names the file (and line and column where known) and the fix. */
public final class ServerXmlException extends Exception {
    private static final long serialVersionUID = 1L;

    public ServerXmlException(String message) {
        super(message);
    }

    public ServerXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
