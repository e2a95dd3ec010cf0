package io.github.clusterready.tomcat.runtime;

/** A process that looks like a node to {@code endLeftovers}: it has a base on its command line, and waits. */
public final class Sleeper {
    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(600_000);
    }
}
