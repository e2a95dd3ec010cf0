package io.github.clusterready.tomcat.runtime;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds of one project at once: the second is refused with the first's PID, before it ends any node of the
 * first as a leftover, and the claim ends with the first build's JVM, however it ends. The other build is a real
 * second JVM ({@link RunLockHolder}), since the operating system's lock is per process.
 */
class RunLockTest {
    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void aSecondBuildIsRefusedWithTheFirstsPidAndMayStartOnceTheFirstIsGone() throws Exception {
        Path run = dir.resolve("target/tomcat-cluster/run");
        Process first = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"),
                RunLockHolder.class.getName(), run.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), US_ASCII));
            assertEquals("locked", out.readLine(), "the first build claims the directory");
            long pid = Processes.pid(first);

            RuntimeClusterException e = assertThrows(RuntimeClusterException.class, () -> RunLock.claim(run));
            assertEquals("another build of this project is running its cluster in " + run + " (pid " + pid
                    + "): wait for it to end (its tomcat-cluster:stop, or Ctrl-C for tomcat-cluster:run), or give "
                    + "this build its own <runDirectory>", e.getMessage());
            assertThrows(RuntimeClusterException.class, () -> LocalCluster.endLeftovers(run),
                    "stop of the second build ends nothing of the first's");
        } finally {
            // killed, as a build that dies is: the operating system gives the claim up
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(first.isAlive());
        RunLock.claim(run);
        try {
            assertEquals(RunLock.currentPid(), new String(Files.readAllBytes(run.resolve(RunLock.FILE)), US_ASCII));
        } finally {
            RunLock.release(run);
        }
    }

    @Test
    void aClaimThisJvmGaveUpIsFreeForAnotherBuild() throws Exception {
        RunLock.claim(dir);
        RunLock.claim(dir); // the same build again: held once
        RunLock.release(dir);
        Process other = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"),
                RunLockHolder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), US_ASCII));
            assertEquals("locked", out.readLine());
        } finally {
            other.getOutputStream().close(); // it gives the claim up and ends
            boolean ended = other.waitFor(30, TimeUnit.SECONDS);
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertTrue(ended, "the other build ended when its input did");
        }
    }
}
