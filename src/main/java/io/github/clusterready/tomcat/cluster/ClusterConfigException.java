package io.github.clusterready.tomcat.cluster;

/**
 * A cluster configuration that cannot be written as asked: the message names the POM parameter to change, e.g.
 * {@code <nodes><node><port>}, and the nodes involved.
 */
public final class ClusterConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ClusterConfigException(String parameter, String problem) {
        super(parameter + " " + problem);
        this.parameter = parameter;
    }

    /** The POM parameter to change, e.g. {@code <membership>}. */
    public String parameter() {
        return parameter;
    }
}
