package io.github.clusterready.tomcat.runtime;

import java.nio.file.Paths;

/** A build that holds the claim on a run directory until its standard input ends or it is killed. */
public final class RunLockHolder {
    private RunLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        RunLock.claim(Paths.get(args[0]));
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
            // holds the claim until standard input ends
        }
        RunLock.release(Paths.get(args[0]));
    }
}
