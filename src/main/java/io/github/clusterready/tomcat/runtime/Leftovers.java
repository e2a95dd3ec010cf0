package io.github.clusterready.tomcat.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Nodes an earlier build left running in a run directory (it died between {@code start} and {@code stop}), found by
 * the PID file in each node's base and ended only when that process still has the node's base on its command line.
 */
final class Leftovers {
    private static final long STOP_MILLIS = 30_000;

    private Leftovers() {
    }

    /** Ends the leftover nodes under {@code directory}; returns their names. */
    static List<String> end(Path directory) throws IOException, InterruptedException {
        List<String> ended = new ArrayList<>();
        Path nodesDirectory = directory.resolve(LocalCluster.NODES);
        if (!Files.isDirectory(nodesDirectory)) {
            return ended;
        }
        try (DirectoryStream<Path> bases = Files.newDirectoryStream(nodesDirectory)) {
            for (Path base : bases) {
                Path pidFile = base.resolve(ClusterNode.PID_FILE);
                if (!Files.isRegularFile(pidFile)) {
                    continue;
                }
                String text = new String(Files.readAllBytes(pidFile), StandardCharsets.US_ASCII).trim();
                if (text.matches("\\d{1,19}")) {
                    long pid = Long.parseLong(text);
                    Optional<String> command = Processes.commandLine(pid);
                    if (command.isPresent() && NodeCommand.isNodeOf(command.get(), base)) {
                        Processes.terminate(pid, STOP_MILLIS);
                        ended.add(base.getFileName().toString());
                    }
                }
                Files.delete(pidFile);
            }
        }
        return ended;
    }
}
