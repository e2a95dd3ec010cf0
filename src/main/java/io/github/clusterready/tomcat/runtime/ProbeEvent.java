package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.probe.ProbeProtocol;
import io.github.clusterready.tomcat.probe.ProbeProtocol.Kind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a node's {@code probe/events.txt} in {@link ProbeProtocol}'s format (the probe's {@code ProbeLog}
 * writes them): when, which request on that node, what kind of event, and for which session, request and attribute.
 */
final class ProbeEvent {
    final String node;
    /** The node's {@code System.nanoTime()} as it wrote the event: orders events across the nodes of one machine. */
    final long time;
    final long sequence;
    final Kind kind;
    final String session;
    final String request;
    final String attribute;
    final String detail;

    private ProbeEvent(String node, Kind kind, List<String> fields) {
        this.node = node;
        this.time = Long.parseLong(fields.get(0));
        this.sequence = Long.parseLong(fields.get(1));
        this.kind = kind;
        this.session = fields.get(3);
        this.request = fields.get(4);
        this.attribute = fields.get(5);
        this.detail = fields.get(6);
    }

    /**
     * The event of one line, or null for a line that is not one (a line cut short by a killed node, or a kind from
     * another version of the probe).
     */
    static ProbeEvent parse(String node, String line) {
        List<String> fields = ProbeProtocol.fields(line);
        if (fields.size() != ProbeProtocol.EVENT_FIELDS || !fields.get(0).matches("\\d{1,19}")
                || !fields.get(1).matches("\\d{1,19}")) {
            return null;
        }
        Kind kind = Kind.of(fields.get(2));
        return kind == null ? null : new ProbeEvent(node, kind, fields);
    }

    /** Reads a node's event file from {@code offset} on, whole lines only; remembers where it stopped. */
    static final class Reader {
        private final String node;
        private final Path file;
        private long offset;

        Reader(String node, Path file) {
            this.node = node;
            this.file = file;
        }

        List<ProbeEvent> readNew() throws IOException {
            List<ProbeEvent> events = new ArrayList<>();
            if (!Files.exists(file)) {
                return events;
            }
            byte[] bytes;
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                long length = in.length();
                if (length <= offset) {
                    return events;
                }
                bytes = new byte[(int) Math.min(length - offset, 64L * 1024 * 1024)];
                in.seek(offset);
                in.readFully(bytes);
            }
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    ProbeEvent event = parse(node, new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    if (event != null) {
                        events.add(event);
                    }
                    start = i + 1;
                }
            }
            offset += start;
            return events;
        }
    }
}
