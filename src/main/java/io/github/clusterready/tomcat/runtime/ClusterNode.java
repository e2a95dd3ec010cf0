package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.probe.ProbeProtocol;
import java.nio.file.Path;

/** One Tomcat of a local cluster: its name (and jvmRoute), {@code CATALINA_BASE}, HTTP port and URL. */
public final class ClusterNode {
    private final String name;
    private final Path base;
    private final int httpPort;
    private final String contextPath;
    private Process process;
    private long pid;

    ClusterNode(String name, Path base, int httpPort, String contextPath) {
        this.name = name;
        this.base = base;
        this.httpPort = httpPort;
        this.contextPath = contextPath;
    }

    public String name() {
        return name;
    }

    /** The node's {@code CATALINA_BASE}. */
    public Path base() {
        return base;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The webapp's URL on this node, ending with {@code /}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort + (contextPath.equals("/") ? "/" : contextPath + "/");
    }

    /** Where the node's standard output and error go. */
    public Path log() {
        return base.resolve("logs/console.txt");
    }

    Path probeDirectory() {
        return base.resolve(ProbeProtocol.DIRECTORY);
    }

    Path pidFile() {
        return base.resolve("pid");
    }

    Process process() {
        return process;
    }

    long pid() {
        return pid;
    }

    void started(Process started, long startedPid) {
        this.process = started;
        this.pid = startedPid;
    }

    @Override
    public String toString() {
        return name + " " + url();
    }
}
