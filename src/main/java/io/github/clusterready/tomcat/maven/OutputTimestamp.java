package io.github.clusterready.tomcat.maven;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.maven.plugin.MojoFailureException;

/** Reads {@code project.build.outputTimestamp} the way Maven's archivers do. */
final class OutputTimestamp {
    private OutputTimestamp() {
    }

    /** The instant, or null when the value is absent or a single character (Maven's "not set"). */
    static Instant parse(String value, String parameter) throws MojoFailureException {
        if (value == null || value.trim().length() < 2) {
            return null;
        }
        String trimmed = value.trim();
        try {
            if (trimmed.matches("\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(trimmed));
            }
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new MojoFailureException("<" + parameter + "> \"" + value + "\" is neither an ISO-8601 date-time "
                    + "such as 2026-01-01T00:00:00Z nor a number of seconds since the epoch");
        }
    }
}
