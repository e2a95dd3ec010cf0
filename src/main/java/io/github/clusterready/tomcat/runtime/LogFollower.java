package io.github.clusterready.tomcat.runtime;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Follows a node's log as it grows, reading only the bytes written since the last look, and tells whether one text
 * has appeared in it (case-insensitive; the end of the previous read is kept, so a text cut between two reads is
 * found too). One follower a text.
 */
final class LogFollower {
    /** What one look reads at most; a log that grows faster is read on the next look. */
    private static final int MAX_READ = 4 * 1024 * 1024;
    /** Kept from the previous read, longer than any text looked for. */
    private static final int OVERLAP = 512;

    private final Path log;
    private final String needle;
    private long offset;
    private String carried = "";
    private boolean seen;

    /** Follows {@code log} from its start for {@code text} (shorter than {@value #OVERLAP} characters). */
    LogFollower(Path log, String text) {
        this.log = log;
        this.needle = text.toLowerCase(Locale.ROOT);
    }

    /** Follows {@code log} for {@code text} written from now on (a restarted node appends to its old log). */
    static LogFollower fromEnd(Path log, String text) throws IOException {
        LogFollower follower = new LogFollower(log, text);
        follower.offset = Files.exists(log) ? Files.size(log) : 0;
        return follower;
    }

    /** Whether the text appears anywhere in what the log holds now; reads only what is new since the last call. */
    boolean seen() throws IOException {
        while (!seen) {
            String fresh = readNew();
            if (fresh.isEmpty()) {
                break;
            }
            String window = carried + fresh;
            seen = window.contains(needle);
            carried = window.substring(Math.max(0, window.length() - OVERLAP));
        }
        return seen;
    }

    private String readNew() throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, MAX_READ)];
            in.seek(offset);
            in.readFully(bytes);
            offset += bytes.length;
            return new String(bytes, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        }
    }
}
