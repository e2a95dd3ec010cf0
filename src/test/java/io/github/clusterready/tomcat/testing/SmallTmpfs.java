package io.github.clusterready.tomcat.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small tmpfs for each test, to fill up or make read-only: mounted on {@code <temporary directory>/tmpfs} before
 * the test and removed after it. Needs Linux and root, as CI has; elsewhere the test is skipped.
 */
public final class SmallTmpfs implements BeforeEachCallback, AfterEachCallback {
    private final String size;
    private Path scratch;
    private Path mount;
    private boolean mounted;

    /** @param size mount(8)'s {@code size=}, e.g. {@code 1m} */
    public SmallTmpfs(String size) {
        this.size = size;
    }

    /** Where the file system is mounted. */
    public Path path() {
        return mount;
    }

    /** The directory the mount point is in, for files that stay off the small file system. */
    public Path scratch() {
        return scratch;
    }

    public boolean remountReadOnly() throws InterruptedException {
        return run("mount", "-o", "remount,ro", mount.toString()) == 0;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        scratch = Files.createTempDirectory("small-tmpfs");
        mount = Files.createDirectories(scratch.resolve("tmpfs"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString()) == 0;
        assumeTrue(mounted, "needs root and mount(8) to make a small file system; skipped");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (mounted) {
            run("umount", mount.toString());
        }
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static int run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
