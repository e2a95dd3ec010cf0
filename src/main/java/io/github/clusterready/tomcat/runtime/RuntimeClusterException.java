package io.github.clusterready.tomcat.runtime;

/**
 * A local cluster that cannot be started, driven or trusted as asked: the message names the file, node or POM
 * parameter involved and what to change.
 */
public final class RuntimeClusterException extends Exception {
    private static final long serialVersionUID = 1L;

    public RuntimeClusterException(String message) {
        super(message);
    }

    public RuntimeClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
