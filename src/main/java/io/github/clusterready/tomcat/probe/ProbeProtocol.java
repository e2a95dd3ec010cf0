package io.github.clusterready.tomcat.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the probe inside each node and the plugin's {@code runtime} package agree on, defined once: the files under
 * {@code CATALINA_BASE/probe/}, the event kinds, and the format of each file's lines. JDK only, so the plugin reads
 * it without loading Tomcat, and the probe ships it in its jar.
 *
 * <p>Every file is UTF-8 text, one record a line, fields separated by tabs, each field escaped so that it holds no
 * tab, line break or lone backslash ({@code \\}, {@code \t}, {@code \n}, {@code \r}).
 * <ul>
 * <li>{@value #EVENTS}: {@value #EVENT_FIELDS} fields an event: time ({@code System.nanoTime()} of the node's JVM:
 * the nodes of a local cluster run on one machine, whose monotonic clock orders events across them finer than
 * milliseconds can), the request's number on this node (0 outside a request), {@link Kind}, session id, request
 * ({@code GET /shop/cart?x=1}), attribute, detail.</li>
 * <li>{@value #STARTED}: written once the server has started, one line a webapp: {@link Started}.</li>
 * <li>{@value #SNAPSHOT_REQUEST}: the plugin writes a token there; the node answers with
 * {@link #snapshotFile(String)}: context path, session id, attribute, digest; a line with an empty attribute opens
 * each session.</li>
 * </ul>
 */
public final class ProbeProtocol {
    /** The directory under {@code CATALINA_BASE} where the probe writes. */
    public static final String DIRECTORY = "probe";
    /** The event file in {@link #DIRECTORY}. */
    public static final String EVENTS = "events.txt";
    /** Written once the server has started. */
    public static final String STARTED = "started";
    /** The file the plugin writes to ask for a snapshot. */
    public static final String SNAPSHOT_REQUEST = "snapshot.request";
    /** The system property that makes a node end when its standard input closes (the build that started it ended). */
    public static final String WATCH_STANDARD_INPUT = "tomcat-cluster.probe.watchStandardInput";
    /**
     * The system property that tells a node it belongs to a cluster that has just been started, all nodes side by
     * side: there is no session state to ask the others for (a restarted node goes without it, and asks).
     */
    public static final String NEW_CLUSTER = "tomcat-cluster.probe.newCluster";
    /**
     * The {@link Kind#SENT} message that tells the other nodes of a new session (DeltaManager); BackupManager tells
     * the nodes other than the backup where it is with a message of about that size.
     */
    public static final String SESSION_CREATED = "session-created";
    /** The {@link Kind#SENT} message that carries a request's changes to a session (DeltaManager). */
    public static final String SESSION_DELTA = "session-delta";
    /** The {@link Kind#SENT} change of a session that BackupManager's map sends to the backup: its diff alone. */
    public static final String MAP_DIFF = "map-diff";
    /**
     * The {@link Kind#SENT} whole session that BackupManager's map sends: to a new session's backup, to a new backup
     * when a node takes a session over, to a joining node.
     */
    public static final String MAP_COPY = "map-copy";
    /** Fields of an event line. */
    public static final int EVENT_FIELDS = 7;
    /** Fields of a snapshot line. */
    public static final int SNAPSHOT_FIELDS = 4;

    private ProbeProtocol() {
    }

    /** The kinds of event, each with the word that stands in the event file. */
    public enum Kind {
        /** A request that touched a session; detail: the HTTP status. */
        REQUEST("request"),
        /** An attribute's digest after a request; detail: the digest, empty when it does not serialize. */
        VALUE("value"),
        /** The value does not serialize; detail: the exception and the path to the field. */
        NOT_SERIALIZABLE("not-serializable"),
        /** {@code setAttribute} refused a value; detail: its class. */
        REFUSED("refused"),
        /** The value changed in a request that did not set it; detail: its class. */
        CHANGED_IN_PLACE("changed-in-place"),
        /** Two attributes hold one object; attribute: the second; detail: the first, a tab, the class. */
        SHARED_OBJECT("shared-object"),
        /** A class of the value cannot be found by name; detail: the classes. */
        CLASS_MISSING("class-missing"),
        /** The value does not read back; detail: the exception. */
        NOT_DESERIALIZABLE("not-deserializable"),
        /** An attribute the manager keeps on this node only; detail: its class. */
        KEPT_BACK("kept-back"),
        /** This node could not apply a change another node sent; detail: the exception and its causes. */
        RECEIVE_FAILED("receive-failed"),
        /** The probe itself failed while inspecting a request; detail: the exception. */
        PROBE_ERROR("probe-error"),
        /**
         * A field the other node gets differently from the value as read back here; detail: its path, a colon and
         * the reason ({@code checkout.context: transient in shop.AbstractBean, null on the other node}).
         */
        FIELD_LOST("field-lost"),
        /** A value the probe could not inspect within its limits (depth, size, time); detail: why. */
        UNINSPECTABLE("uninspectable"),
        /**
         * State a framework keeps for the session on this node only (Wicket's page store on disk); attribute: the
         * framework's handle on it, or empty when seen on disk; detail: what and where.
         */
        NODE_LOCAL("node-local"),
        /**
         * A session message this node's manager sent (outside a request: sequence 0); attribute: the message's type
         * ({@code session-delta}, {@code session-created}, {@code map-diff}, {@code map-copy}); detail: {@link #sent}.
         */
        SENT("sent"),
        /** An attribute's serialized size after a request, as replication writes it; detail: the bytes. */
        SERIALIZED("serialized"),
        /**
         * Tomcat's own channel counters ({@code ThroughputInterceptor}) when the node answered a snapshot, since it
         * started; detail: {@link #traffic}. Absent when the {@code <Channel>} has no such interceptor.
         */
        TRAFFIC("traffic");

        private static final Map<String, Kind> BY_WORD = new HashMap<>();

        static {
            for (Kind kind : values()) {
                BY_WORD.put(kind.word, kind);
            }
        }

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The word in the event file. */
        public String word() {
            return word;
        }

        /** The kind a word stands for, or null for a word this version does not know. */
        public static Kind of(String word) {
            return BY_WORD.get(word);
        }
    }

    /** The detail of a {@link Kind#SENT} event: the bytes of one copy as the channel gets it, and the copies. */
    public static String sent(long bytes, int copies) {
        return bytes + " " + copies;
    }

    /**
     * The detail of a {@link Kind#TRAFFIC} event: the bytes the node's channel received and sent, as Tomcat's
     * {@code ThroughputInterceptor} counts them: whole packages (each message with the channel's header and framing),
     * each copy counted.
     */
    public static String traffic(long received, long sent) {
        return received + " " + sent;
    }

    /** The numbers of a {@link #sent} or {@link #traffic} detail; an empty array for a detail that holds none. */
    public static long[] numbers(String detail) {
        String[] words = detail.trim().split(" ");
        long[] numbers = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            if (!words[i].matches("\\d{1,18}")) {
                return new long[0];
            }
            numbers[i] = Long.parseLong(words[i]);
        }
        return numbers;
    }

    /** The file a node answers a snapshot request with. */
    public static String snapshotFile(String token) {
        return "snapshot-" + token + ".txt";
    }

    /** Whether a snapshot token is one the node answers: it names a file. */
    public static boolean isToken(String token) {
        return token.matches("[A-Za-z0-9-]{1,40}");
    }

    /** One event line, with its line feed. */
    public static String eventLine(long time, long sequence, Kind kind, String session, String request,
            String attribute, String detail) {
        StringBuilder line = new StringBuilder(64);
        line.append(time).append('\t').append(sequence);
        for (String field : new String[] {kind.word(), session, request, attribute, detail}) {
            line.append('\t');
            escape(field == null ? "" : field, line);
        }
        return line.append('\n').toString();
    }

    /** One line of any probe file from its fields, escaped, with its line feed. */
    public static String line(String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            escape(fields[i] == null ? "" : fields[i], line);
        }
        return line.append('\n').toString();
    }

    /** The tab-separated fields of a line (without its line feed), each unescaped. */
    public static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                field.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return Collections.unmodifiableList(fields);
    }

    /** Escapes one field: backslash, tab, line feed and carriage return. */
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

    /** One line of {@value #STARTED}: a webapp's path, whether it is available and distributable, its manager. */
    public static final class Started {
        private static final String AVAILABLE = "available";
        private static final String FAILED = "failed";
        private static final String DISTRIBUTABLE = "distributable";
        private static final String NOT_DISTRIBUTABLE = "not-distributable";

        public final String path;
        public final boolean available;
        public final boolean distributable;
        /** The manager's class name; empty when the webapp has none. */
        public final String manager;

        public Started(String path, boolean available, boolean distributable, String manager) {
            this.path = path;
            this.available = available;
            this.distributable = distributable;
            this.manager = manager == null ? "" : manager;
        }

        /** The line, with its line feed. */
        public String line() {
            return ProbeProtocol.line(path, available ? AVAILABLE : FAILED,
                    distributable ? DISTRIBUTABLE : NOT_DISTRIBUTABLE, manager);
        }

        /** The webapp a line describes, or null for a line that is not one. */
        public static Started parse(String line) {
            List<String> fields = fields(line);
            if (fields.size() != 4) {
                return null;
            }
            return new Started(fields.get(0), fields.get(1).equals(AVAILABLE),
                    fields.get(2).equals(DISTRIBUTABLE), fields.get(3));
        }
    }
}
