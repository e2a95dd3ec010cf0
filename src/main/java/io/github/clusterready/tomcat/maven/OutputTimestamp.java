package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.war.WarRewriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
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
        boolean seconds = trimmed.matches("\\d+");
        Instant instant;
        try {
            instant = seconds ? Instant.ofEpochSecond(Long.parseLong(trimmed))
                    : OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            if (seconds) {
                // More seconds than a long holds, or than an Instant ("Instant exceeds minimum or maximum instant").
                throw outOfRange(parameter, value);
            }
            throw new MojoFailureException("<" + parameter + "> \"" + value + "\" is neither an ISO-8601 date-time "
                    + "such as 2026-01-01T00:00:00Z nor a number of seconds since the epoch");
        }
        if (instant.isBefore(WarRewriter.EARLIEST_ENTRY_TIME) || instant.isAfter(WarRewriter.LATEST_ENTRY_TIME)) {
            throw outOfRange(parameter, value);
        }
        return instant;
    }

    private static MojoFailureException outOfRange(String parameter, String value) {
        return new MojoFailureException("<" + parameter + "> \"" + value + "\" is outside the times a ZIP entry can "
                + "hold (MS-DOS date and time), " + WarRewriter.EARLIEST_ENTRY_TIME + " to "
                + WarRewriter.LATEST_ENTRY_TIME + "; set it within that range, e.g. 2026-01-01T00:00:00Z");
    }
}
