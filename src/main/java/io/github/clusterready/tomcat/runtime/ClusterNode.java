package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.probe.ProbeProtocol;
import java.nio.file.Path;

/**
 * One Tomcat of a local cluster: its name (and jvmRoute), {@code CATALINA_BASE}, HTTP port and URL, and the process
 * that runs it now (a node that was killed and restarted has had two).
 */
public final class ClusterNode {
    /** The file in a node's base that holds the PID of its process. */
    static final String PID_FILE = "pid";

    private final String name;
    private final Path base;
    private final int httpPort;
    private final String contextPath;
    private volatile Process process;
    private volatile long pid;
    private volatile boolean killed;
    private volatile long endedAt;
    private volatile int starts;
    private volatile long startedAt;
    private volatile long killedAt;

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

    /** The webapp's context path: {@code /} or {@code /shop}. */
    public String contextPath() {
        return contextPath;
    }

    /** The webapp's URL on this node, ending with {@code /}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort + (contextPath.equals("/") ? "/" : contextPath + "/");
    }

    /** Where the node's standard output and error go. */
    public Path log() {
        return base.resolve("logs/console.txt");
    }

    /** The PID of the node's current process; 0 before it started. */
    public long pid() {
        return pid;
    }

    /**
     * When (milliseconds since the epoch) the node's current process was started, if it was started again after a
     * kill; 0 for a node still on its first process.
     */
    public long restartedAt() {
        return starts > 1 ? startedAt : 0;
    }

    /** Whether the node's process runs. */
    public boolean running() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** Whether the node was killed on purpose (a failover step) and not restarted since. */
    public boolean killed() {
        return killed;
    }

    /**
     * When (milliseconds since the epoch) the node's process was first seen ended although nobody stopped or killed
     * it; 0 while it runs as it should.
     */
    public long endedAt() {
        return endedAt;
    }

    /** The exit code of the node's ended process (128 + the signal's number for a signal). */
    public int exitCode() {
        return process.exitValue();
    }

    /** Notes that the process has ended by itself, once; true the first time. */
    boolean noteEnded(long at) {
        if (endedAt != 0 || killed || process == null || process.isAlive()) {
            return false;
        }
        endedAt = at;
        return true;
    }

    Path probeDirectory() {
        return base.resolve(ProbeProtocol.DIRECTORY);
    }

    Path pidFile() {
        return base.resolve(PID_FILE);
    }

    Process process() {
        return process;
    }

    void started(Process started, long startedPid) {
        this.process = started;
        this.pid = startedPid;
        this.killed = false;
        this.endedAt = 0;
        this.starts++;
        this.startedAt = System.currentTimeMillis();
    }

    void markKilled() {
        this.killed = true;
        this.killedAt = System.currentTimeMillis();
    }

    /** When (milliseconds since the epoch) the node was last killed on purpose; 0 if it never was. */
    public long killedAt() {
        return killedAt;
    }

    @Override
    public String toString() {
        return name + " " + url();
    }
}
