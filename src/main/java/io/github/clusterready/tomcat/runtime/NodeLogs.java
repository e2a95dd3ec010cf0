package io.github.clusterready.tomcat.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The errors in a node's logs: each {@code SEVERE} record of {@code logs/localhost.*.log} (where Tomcat logs what
 * goes wrong inside a webapp), {@code logs/catalina.*.log} and {@code logs/console.txt}, with the exception it
 * carries and that exception's root cause (the last "Caused by"). Records are read in Tomcat's
 * {@code OneLineFormatter} layout, which the nodes' {@code conf/logging.properties} uses.
 *
 * <p>Bounded: only the last {@link #TAIL_BYTES} bytes of each log are read, at most {@link #MAX_LOGS} logs, and
 * at most {@link #MAX_ERRORS} errors are kept.
 */
final class NodeLogs {
    static final int TAIL_BYTES = 1024 * 1024;
    static final int MAX_LOGS = 20;
    static final int MAX_ERRORS = 8;
    private static final int MAX_TEXT = 500;

    /** "06-Dec-2026 20:40:01.234 SEVERE [main] org.apache.catalina.core.StandardContext.listenerStart text". */
    private static final Pattern RECORD = Pattern.compile(
            "\\d{2}-\\p{Alpha}{3}-\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} (\\p{Upper}+) \\[[^\\]]*\\] (\\S+) ?(.*)");
    /** "java.lang.NoClassDefFoundError: javax/servlet/X" or "Caused by: java.lang.IllegalStateException". */
    private static final Pattern THROWABLE = Pattern.compile(
            "(?:Caused by: )?((?:[\\p{Alpha}_$][\\w$]*\\.)+[\\w$]*(?:Exception|Error|Throwable)[\\w$]*(?::.*)?)");

    /** One {@code SEVERE} record: the log it is in, its message, its exception and that exception's root cause. */
    static final class LoggedError {
        final String log;
        final String message;
        final String exception;
        final String rootCause;

        LoggedError(String log, String message, String exception, String rootCause) {
            this.log = log;
            this.message = message;
            this.exception = exception;
            this.rootCause = rootCause;
        }

        /** "Error configuring listener [shop.Startup]: java.lang.NoClassDefFoundError: javax/servlet/X, caused…". */
        String text() {
            String text = message;
            if (exception != null) {
                text += (text.isEmpty() ? "" : ": ") + exception;
                if (rootCause != null && !rootCause.equals(exception)) {
                    text += ", caused by " + rootCause;
                }
            }
            return text;
        }

        /** The exception and its root cause, where the fix is found. */
        String exceptions() {
            return (exception == null ? "" : exception) + "\n" + (rootCause == null ? "" : rootCause);
        }
    }

    private final List<Path> logs;
    private final List<LoggedError> errors;

    private NodeLogs(List<Path> logs, List<LoggedError> errors) {
        this.logs = logs;
        this.errors = errors;
    }

    /** Reads the logs of the node whose {@code CATALINA_BASE} is {@code base}. */
    static NodeLogs read(Path base) throws IOException {
        List<Path> logs = logsOf(base.resolve("logs"));
        List<LoggedError> errors = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Path log : logs) {
            for (LoggedError error : errorsIn(log)) {
                // console.txt repeats what the root logger writes to catalina.*.log
                String key = error.message + "\n" + error.exception + "\n" + error.rootCause;
                if (errors.size() < MAX_ERRORS && !seen.contains(key)) {
                    seen.add(key);
                    errors.add(error);
                }
            }
        }
        return new NodeLogs(logs, errors);
    }

    /** The logs read, localhost's first. */
    List<Path> logs() {
        return logs;
    }

    /** The {@code SEVERE} records found, those with an exception first, each once. */
    List<LoggedError> errors() {
        return errors;
    }

    private static List<Path> logsOf(Path directory) throws IOException {
        List<Path> localhost = new ArrayList<>();
        List<Path> catalina = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.startsWith("localhost.") && name.endsWith(".log")) {
                        localhost.add(file);
                    } else if (name.startsWith("catalina.") && name.endsWith(".log")) {
                        catalina.add(file);
                    }
                }
            }
        }
        Collections.sort(localhost);
        Collections.sort(catalina);
        List<Path> logs = new ArrayList<>(localhost);
        logs.addAll(catalina);
        Path console = directory.resolve("console.txt");
        if (Files.isRegularFile(console)) {
            logs.add(console);
        }
        return logs.size() > MAX_LOGS ? logs.subList(logs.size() - MAX_LOGS, logs.size()) : logs;
    }

    private static List<LoggedError> errorsIn(Path log) throws IOException {
        List<LoggedError> withException = new ArrayList<>();
        List<LoggedError> without = new ArrayList<>();
        String name = log.getFileName().toString();
        String message = null;
        String exception = null;
        String rootCause = null;
        for (String line : tail(log).split("\r?\n")) {
            Matcher record = RECORD.matcher(line);
            if (record.matches()) {
                add(name, message, exception, rootCause, withException, without);
                message = record.group(1).equals("SEVERE") ? shortened(record.group(3).trim()) : null;
                exception = null;
                rootCause = null;
                continue;
            }
            String trimmed = line.trim();
            Matcher throwable = THROWABLE.matcher(trimmed);
            if (message != null && !trimmed.startsWith("at ") && throwable.matches()) {
                if (exception == null) {
                    exception = shortened(throwable.group(1));
                } else if (trimmed.startsWith("Caused by: ")) {
                    rootCause = shortened(throwable.group(1));
                }
            }
        }
        add(name, message, exception, rootCause, withException, without);
        withException.addAll(without);
        return withException;
    }

    private static void add(String log, String message, String exception, String rootCause,
            List<LoggedError> withException, List<LoggedError> without) {
        if (message != null) {
            (exception != null ? withException : without).add(new LoggedError(log, message, exception, rootCause));
        }
    }

    private static String shortened(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    /** The last {@link #TAIL_BYTES} bytes of the log, from the first whole line. */
    static String tail(Path log) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(TAIL_BYTES, channel.size()));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // reads until the buffer is full or the log ends
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            int firstLine = start == 0 ? 0 : text.indexOf('\n') + 1;
            return text.substring(firstLine);
        }
    }
}
