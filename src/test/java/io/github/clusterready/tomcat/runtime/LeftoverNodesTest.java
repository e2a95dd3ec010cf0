package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Tomcat outlives the build that started it: when the JVM that started a cluster is killed (as a Maven build
 * killed between start and stop), its nodes end by themselves; and a node a dead build left running anyway is ended
 * by the next start in the same directory, by its PID, only when that process is the node.
 */
class LeftoverNodesTest {
    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void nodesEndWhenTheJvmThatStartedThemIsKilled() throws Exception {
        Path war = ReplicationFixture.war(temp.resolve("webapp"), "jakarta");
        Path run = temp.resolve("run");
        Process build = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"),
                StartAndWait.class.getName(), LocalClusterE2ETest.tomcatHome(TomcatLine.V10_1).toString(),
                war.toString(), run.toString()).redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(build.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("STARTED")) {
                seen.append(line).append('\n');
            }
            assertEquals("STARTED", line, seen.toString());
            for (String node : List.of("node1", "node2")) {
                pids.add(Long.parseLong(Files.readString(run.resolve("nodes").resolve(node).resolve("pid")).trim()));
            }
            for (long pid : pids) {
                assertTrue(Processes.alive(pid), "node " + pid + " runs before the kill");
            }
            build.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } finally {
            build.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Long> alive = new ArrayList<>(pids);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            alive.removeIf(pid -> !Processes.alive(pid));
            Thread.sleep(200);
        }
        try {
            assertEquals(List.of(), alive, "nodes still running 60 s after the JVM that started them was killed");
        } finally {
            for (long pid : alive) {
                Processes.terminate(pid, 1000);
            }
        }
        String log = Files.readString(run.resolve("nodes/node1/logs/console.txt"));
        assertTrue(log.contains("the build that started this node has ended; stopping the node"), log);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theNextStartEndsANodeADeadBuildLeftAndNothingElse() throws Exception {
        Path run = temp.resolve("run");
        Path base = Files.createDirectories(run.resolve("nodes/node1"));
        Process leftover = new ProcessBuilder(JAVA, "-Dcatalina.base=" + base.toAbsolutePath(), "-cp",
                System.getProperty("java.class.path"), Sleeper.class.getName()).start();
        // a PID file whose process is not a node of this directory (this JVM): it must survive
        Path other = Files.createDirectories(run.resolve("nodes/node2"));
        try {
            Files.writeString(base.resolve("pid"), Long.toString(leftover.pid()));
            Files.writeString(other.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
            awaitCommandLine(leftover.pid(), base);

            List<String> ended = LocalCluster.endLeftovers(run);

            assertEquals(List.of("node1"), ended);
            assertTrue(leftover.waitFor(30, TimeUnit.SECONDS), "the left-over node still runs");
            assertFalse(Files.exists(base.resolve("pid")));
            assertFalse(Files.exists(other.resolve("pid")), "a stale PID file is removed");
        } finally {
            leftover.destroyForcibly();
        }
    }

    private static void awaitCommandLine(long pid, Path base) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (Processes.commandLine(pid).map(line -> line.contains(base.toAbsolutePath().toString()))
                    .orElse(false)) {
                return;
            }
            Thread.sleep(50);
        }
    }
}
