package io.github.clusterready.tomcat.fragments;

import io.github.clusterready.tomcat.descriptor.Descriptor;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.descriptor.DescriptorReader;
import io.github.clusterready.tomcat.war.NestedJar;
import io.github.clusterready.tomcat.war.ParallelReads;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the {@code META-INF/web-fragment.xml} of every jar directly in {@code WEB-INF/lib}; nothing is extracted to
 * disk. Each jar is read the cheapest way its bytes allow, through its central directory as Tomcat's {@code JarFile}
 * does, so that only the one entry is inflated: in place when the exploded webapp holds it or the WAR stores it
 * uncompressed; after inflating it once into memory when the WAR deflates it (up to {@link #IN_MEMORY_LIMIT}); larger
 * deflated jars are streamed front to back (all through {@link NestedJar}, the plugin's one reader of nested jars).
 * The jars are read on as many threads as the
 * machine has processors (they are independent), the descriptors parsed in central-directory order.
 *
 * <p>Bounded on hostile input: a library jar whose recorded size is above {@link NestedJar#ENTRY_LIMIT} (1 GiB)
 * or that inflates to more than its recorded size, a jar entry recorded (or, streamed, found) to inflate to more
 * than 1 GiB, and a fragment above 4 MiB are errors naming the WAR and the entry.
 */
final class FragmentScanner {
    static final String FRAGMENT = "META-INF/web-fragment.xml";
    private static final String LIB = "WEB-INF/lib/";
    /** A fragment descriptor larger than this is refused rather than read into memory. */
    private static final int FRAGMENT_LIMIT = 4 * 1024 * 1024;
    /** Deflated jars up to this size are inflated into memory and read through their central directory. */
    static final int IN_MEMORY_LIMIT = NestedJar.IN_MEMORY_LIMIT;

    private final DescriptorReader reader = new DescriptorReader();
    private final int threads;
    private final long inMemoryLimit;

    FragmentScanner() {
        this(Runtime.getRuntime().availableProcessors(), IN_MEMORY_LIMIT);
    }

    /** For tests: the number of threads, and the largest deflated jar read into memory rather than streamed. */
    FragmentScanner(int threads, long inMemoryLimit) {
        this.threads = Math.max(1, threads);
        this.inMemoryLimit = inMemoryLimit;
    }

    /** The fragments of the WAR's library jars, in central-directory order; jars without one are left out. */
    List<Fragment> scan(WarArchive war, String warName, Path explodedDirectory)
            throws IOException, WarException, DescriptorException {
        List<WarEntry> jars = new ArrayList<>();
        for (WarEntry entry : war.entries()) {
            String name = entry.name();
            if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0) {
                jars.add(entry);
            }
        }
        List<Callable<byte[]>> reads = new ArrayList<>();
        for (WarEntry jar : jars) {
            reads.add(() -> fragmentBytes(war, jar, warName + "!/" + jar.name(), explodedDirectory));
        }
        List<byte[]> found = runAll(reads);
        List<Fragment> fragments = new ArrayList<>();
        for (int i = 0; i < jars.size(); i++) {
            if (found.get(i) != null) {
                fragments.add(fragment(jars.get(i), found.get(i), warName + "!/" + jars.get(i).name()));
            }
        }
        return fragments;
    }

    /** The results of {@code reads}, in their order; the first failure in that order is thrown. */
    private List<byte[]> runAll(List<Callable<byte[]>> reads) throws IOException, WarException {
        List<byte[]> results = new ArrayList<>();
        int poolSize = Math.min(threads, reads.size());
        if (poolSize <= 1) {
            for (Callable<byte[]> read : reads) {
                results.add(call(read));
            }
            return results;
        }
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, task -> {
            Thread thread = new Thread(task, "tomcat-cluster-fragment-scan-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<byte[]>> futures = new ArrayList<>();
        try {
            // In central-directory order, so that a broken jar early in the WAR ends the scan early.
            for (Callable<byte[]> read : reads) {
                futures.add(pool.submit(read));
            }
            for (Future<byte[]> future : futures) {
                results.add(ParallelReads.result(future, "reading the library jars"));
            }
            return results;
        } finally {
            // Never shutdownNow(): interrupting a thread in a FileChannel read closes the channel, which the WAR's
            // other readers share. Reads not started are cancelled; one under way ends with its jar.
            for (Future<byte[]> future : futures) {
                future.cancel(false);
            }
            pool.shutdown();
            awaitQuietly(pool);
        }
    }

    /** Waits for the reads under way to end, so that none still uses the WAR when the scan has returned. */
    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] call(Callable<byte[]> read) throws IOException, WarException {
        try {
            return read.call();
        } catch (IOException | WarException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fragment descriptor's bytes of one library jar, or null when it has none. */
    private byte[] fragmentBytes(WarArchive war, WarEntry jar, String location, Path explodedDirectory)
            throws IOException, WarException {
        byte[][] found = new byte[1][];
        NestedJar.read(war, jar, explodedDirectory, inMemoryLimit, NestedJar.named(FRAGMENT), FRAGMENT_LIMIT,
                location, new NestedJar.EntryHandler() {
                    @Override
                    public boolean accept(String name, byte[] content) {
                        found[0] = content;
                        return false;
                    }

                    @Override
                    public void tooLarge(String name, long size) throws WarException {
                        throw new WarException(location + "!/" + name + " is larger than " + FRAGMENT_LIMIT
                                + " bytes; that is no web fragment descriptor");
                    }
                });
        return found[0];
    }

    private Fragment fragment(WarEntry jar, byte[] bytes, String location) throws DescriptorException {
        String fragmentLocation = location + "!/" + FRAGMENT;
        Descriptor descriptor = reader.read(bytes, fragmentLocation);
        if (!descriptor.rootName().equals("web-fragment")) {
            throw new DescriptorException(fragmentLocation, "has the root element <" + descriptor.rootName()
                    + ">, but a web-fragment.xml needs <web-fragment>; Tomcat will refuse to deploy the WAR. "
                    + "Use a correct version of the library");
        }
        return new Fragment(jar.name(), descriptor.fragmentName().orElse(null), descriptor.isDistributable());
    }
}
