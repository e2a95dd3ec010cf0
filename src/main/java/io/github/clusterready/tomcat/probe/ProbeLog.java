package io.github.clusterready.tomcat.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * Appends to the node's event file, {@code CATALINA_BASE/probe/events.txt}, in the format {@link ProbeProtocol}
 * defines; the plugin's {@code runtime.ProbeEvent} reads it.
 */
public final class ProbeLog {
    private static final ProbeLog INSTANCE = new ProbeLog();

    private OutputStream out;

    private ProbeLog() {
    }

    static ProbeLog get() {
        return INSTANCE;
    }

    /** {@code CATALINA_BASE/probe}. */
    static Path directory() {
        return Paths.get(System.getProperty("catalina.base", "."), ProbeProtocol.DIRECTORY);
    }

    /** Appends one event; a failure to write is printed to the node's output, never thrown into a request. */
    synchronized void event(long sequence, ProbeProtocol.Kind kind, String session, String request, String attribute,
            String detail) {
        // nanoTime, not currentTimeMillis: the nodes of a local cluster share the machine's monotonic clock, so
        // events of one session on two nodes within one millisecond still come in the order they happened
        String line = ProbeProtocol.eventLine(System.nanoTime(), sequence, kind, session, request, attribute,
                detail);
        try {
            if (out == null) {
                Files.createDirectories(directory());
                out = Files.newOutputStream(directory().resolve(ProbeProtocol.EVENTS), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            // unbuffered on purpose: each event reaches the file whole, also when the node is killed next
            out.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("tomcat-cluster probe: cannot write " + directory().resolve(ProbeProtocol.EVENTS)
                    + ": " + e);
        }
    }
}
