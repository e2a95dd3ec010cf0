package io.github.clusterready.tomcat.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a node's JVM: the seam between what a node runs (its command line, its base) and the operating system, so
 * the layout and the command line are checked without starting Tomcat.
 */
interface NodeLauncher {
    /**
     * Starts {@code command} in {@code directory} with its standard output and error appended to {@code log}, its
     * standard input a pipe the caller holds (the node ends when it closes).
     */
    Process launch(List<String> command, Path directory, Path log) throws IOException;

    /** The operating system's processes. */
    NodeLauncher PROCESSES = (command, directory, log) -> new ProcessBuilder(command).directory(directory.toFile())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
}
