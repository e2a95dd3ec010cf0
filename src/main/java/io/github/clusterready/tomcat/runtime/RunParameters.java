package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The run goals' parameters checked before anything is resolved, unpacked or started: each mistake is one
 * {@link RuntimeClusterException} naming the POM element and what to write instead.
 */
public final class RunParameters {
    /** A local cluster has at least two nodes (there is nothing to replicate to otherwise) and at most eight. */
    static final int MIN_NODES = 2;
    static final int MAX_NODES = 8;

    private RunParameters() {
    }

    /**
     * The nodes' names: those of {@code <nodes>}, else {@code node1} … {@code node<nodeCount>}.
     *
     * @param configured the {@code <nodes><node><name>}s, empty when {@code <nodes>} is not set
     */
    public static List<String> nodeNames(List<String> configured, int nodeCount) throws RuntimeClusterException {
        List<String> names = new ArrayList<>();
        for (String name : configured) {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
                throw new RuntimeClusterException("<nodes><node><name> \"" + name + "\" cannot name a node's "
                        + "directory: use letters, digits, _ . -");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            if (nodeCount < MIN_NODES || nodeCount > MAX_NODES) {
                throw new RuntimeClusterException("<nodeCount> " + nodeCount + ": a cluster on this machine has "
                        + MIN_NODES + " to " + MAX_NODES + " nodes");
            }
            for (int i = 1; i <= nodeCount; i++) {
                names.add("node" + i);
            }
        }
        return names;
    }

    /**
     * The webapp's context path: {@code <contextPath>} when given, else the one Tomcat gives the WAR's file name.
     *
     * @param given {@code <contextPath>}, or null
     */
    public static String contextPath(String given, String warFileName) throws RuntimeClusterException {
        boolean isGiven = given != null && !given.trim().isEmpty();
        String path = isGiven ? given.trim() : LocalCluster.contextPathOf(warFileName);
        if (!path.equals("/") && !path.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new RuntimeClusterException(isGiven ? "<contextPath> \"" + given + "\" is not a context path: use / "
                    + "or /name (letters, digits, . _ ~ -)" : "The WAR's name " + warFileName + " gives the context "
                    + "path \"" + path + "\", which the nodes cannot serve: set <contextPath> to / or /name (letters, "
                    + "digits, . _ ~ -)");
        }
        return path;
    }

    /** {@code <startTimeout>} in seconds, which must be positive. */
    public static Duration startTimeout(int seconds) throws RuntimeClusterException {
        if (seconds <= 0) {
            throw new RuntimeClusterException("<startTimeout> " + seconds + ": a node needs a positive number of "
                    + "seconds to start; leave it out for 120, or give more on a slow machine");
        }
        return Duration.ofSeconds(seconds);
    }

    /** Checks that the JVM Maven runs on ({@code java}, e.g. 17) can run {@code line}. */
    public static void checkJava(TomcatLine line, int java) throws RuntimeClusterException {
        if (java < line.minimumJava()) {
            throw new RuntimeClusterException("Tomcat " + line + " needs Java " + line.minimumJava()
                    + " or later, and Maven runs on Java " + java + ": run Maven with a newer JDK, or set "
                    + "<tomcatVersion> to an older line");
        }
    }

    /**
     * The message for a missing WAR.
     *
     * @param warFile {@code <warFile>} as the user knows it, or null when it is not set
     * @param lookedAt where the project's own WAR was looked for, when {@code <warFile>} is not set
     */
    public static String noWar(String goal, String warFile, String lookedAt) {
        return (warFile != null ? "<warFile> " + warFile + " does not exist" : "No WAR to serve: looked at "
                + lookedAt) + ". Run tomcat-cluster:" + goal + " after the package phase (mvn package tomcat-cluster:"
                + goal + "), or set <warFile>";
    }
}
