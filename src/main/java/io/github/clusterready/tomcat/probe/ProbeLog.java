package io.github.clusterready.tomcat.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * The node's event file, {@code CATALINA_BASE/probe/events.txt}: one line an event, seven fields separated by tabs
 * (time in milliseconds, the request's number on this node or 0, kind, session id, request, attribute, detail),
 * each escaped so that it holds no tab, line break or lone backslash ({@code \\}, {@code \t}, {@code \n},
 * {@code \r}). The plugin's {@code ProbeEvents} reads it.
 */
public final class ProbeLog {
    /** The directory under {@code CATALINA_BASE} where the probe writes. */
    public static final String DIRECTORY = "probe";
    /** The event file in {@link #DIRECTORY}. */
    public static final String EVENTS = "events.txt";

    private static final ProbeLog INSTANCE = new ProbeLog();

    private OutputStream out;

    private ProbeLog() {
    }

    static ProbeLog get() {
        return INSTANCE;
    }

    /** {@code CATALINA_BASE/probe}. */
    static Path directory() {
        return Paths.get(System.getProperty("catalina.base", "."), DIRECTORY);
    }

    /** Appends one event; a failure to write is printed to the node's output, never thrown into a request. */
    synchronized void event(long sequence, String kind, String session, String request, String attribute,
            String detail) {
        StringBuilder line = new StringBuilder(64);
        line.append(System.currentTimeMillis()).append('\t').append(sequence);
        for (String field : new String[] {kind, session, request, attribute, detail}) {
            line.append('\t');
            escape(field == null ? "" : field, line);
        }
        line.append('\n');
        try {
            if (out == null) {
                Files.createDirectories(directory());
                out = Files.newOutputStream(directory().resolve(EVENTS), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            // unbuffered on purpose: each event reaches the file whole, also when the node is killed next
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("tomcat-cluster probe: cannot write " + directory().resolve(EVENTS) + ": " + e);
        }
    }

    /** Escapes one field of a line: backslash, tab, line feed and carriage return. */
    public static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\':
                    out.append("\\\\");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                default:
                    out.append(c);
            }
        }
    }
}
