package io.github.clusterready.tomcat.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim of one build on a run directory: the file {@code lock} in it, locked by the operating system for as
 * long as the build's cluster runs and holding the build's PID. Two builds of one project at once would otherwise
 * end each other's nodes as leftovers and overwrite each other's bases. The operating system releases the lock when
 * the JVM ends, however it ends, so a killed build leaves no stale claim. Within one JVM a claim is held once per
 * directory: a later {@code start} of the same build supersedes the earlier one, as {@link LocalCluster#start} does.
 */
final class RunLock {
    static final String FILE = "lock";
    private static final int MAX_PID_BYTES = 64;
    /** The claims this JVM holds, by run directory. */
    private static final Map<Path, RunLock> HELD = new ConcurrentHashMap<>();

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code directory} for this build, unless this JVM holds it already.
     *
     * @throws RuntimeClusterException when another build holds it, naming that build's PID
     */
    static synchronized void claim(Path directory) throws IOException, RuntimeClusterException {
        Path key = directory.toAbsolutePath().normalize();
        if (!HELD.containsKey(key)) {
            HELD.put(key, acquire(key));
        }
    }

    /** Gives the claim on {@code directory} up, if this JVM holds it; the file stays, meaningless once unlocked. */
    static synchronized void release(Path directory) {
        RunLock held = HELD.remove(directory.toAbsolutePath().normalize());
        if (held != null) {
            try {
                held.lock.release();
                held.channel.close();
            } catch (IOException e) {
                // the operating system releases the lock when the JVM ends
            }
        }
    }

    private static RunLock acquire(Path directory) throws IOException, RuntimeClusterException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // another channel of this JVM holds it: not through claim, which holds one per directory
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new RuntimeClusterException("another build of this project is running its cluster in " + directory
                    + " (pid " + holder + "): wait for it to end (its tomcat-cluster:stop, or Ctrl-C for "
                    + "tomcat-cluster:run), or give this build its own <runDirectory>");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(currentPid().getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new RunLock(channel, lock);
    }

    /** The PID the holder wrote, or "unknown" while it has not yet. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_PID_BYTES);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return text.matches("\\d{1,19}") ? text : "unknown";
    }

    /** This JVM's PID, from the runtime's name {@code pid@host} (Java 8 has no {@code ProcessHandle}). */
    static String currentPid() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }
}
