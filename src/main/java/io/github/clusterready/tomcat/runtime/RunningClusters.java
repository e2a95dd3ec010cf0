package io.github.clusterready.tomcat.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clusters this JVM started and has not stopped, by run directory: {@code start} and {@code stop} are two goals
 * of one build, and the second finds here what the first started.
 */
final class RunningClusters {
    private static final Map<Path, LocalCluster> BY_DIRECTORY = new ConcurrentHashMap<>();

    private RunningClusters() {
    }

    static Optional<LocalCluster> in(Path directory) {
        return Optional.ofNullable(BY_DIRECTORY.get(key(directory)));
    }

    static void add(Path directory, LocalCluster cluster) {
        BY_DIRECTORY.put(key(directory), cluster);
    }

    static void remove(Path directory, LocalCluster cluster) {
        BY_DIRECTORY.remove(key(directory), cluster);
    }

    private static Path key(Path directory) {
        return directory.toAbsolutePath().normalize();
    }
}
