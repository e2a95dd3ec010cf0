package io.github.clusterready.tomcat.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputTimestampTest {
    private static final String PARAMETER = "project.build.outputTimestamp";

    @Test
    void readsWhatMavensArchiversRead() throws Exception {
        assertNull(OutputTimestamp.parse(null, PARAMETER));
        assertNull(OutputTimestamp.parse("x", PARAMETER));
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), OutputTimestamp.parse("2026-11-25T00:00:00Z", PARAMETER));
        assertEquals(Instant.parse("2026-11-24T23:00:00Z"), OutputTimestamp.parse("2026-11-25T00:00:00+01:00", PARAMETER));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), OutputTimestamp.parse("1700000000", PARAMETER));
        assertEquals(Instant.parse("1980-01-01T00:00:00Z"), OutputTimestamp.parse("1980-01-01T00:00:00Z", PARAMETER));
        assertEquals(Instant.parse("2107-12-31T23:59:59Z"), OutputTimestamp.parse("2107-12-31T23:59:59Z", PARAMETER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "1979-12-31T23:59:59Z", "2108-01-01T00:00:00Z", "+99999-01-01T00:00:00Z",
            "5000000000", "99999999999999999", "99999999999999999999999"})
    void aTimeNoZipEntryCanHoldSaysWhichTimesCan(String value) {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> OutputTimestamp.parse(value, PARAMETER));
        assertEquals("<project.build.outputTimestamp> \"" + value + "\" is outside the times a ZIP entry can hold "
                + "(MS-DOS date and time), 1980-01-01T00:00:00Z to 2107-12-31T23:59:59Z; set it within that range, "
                + "e.g. 2026-01-01T00:00:00Z", e.getMessage());
    }

    @Test
    void somethingElseIsNotATime() {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> OutputTimestamp.parse("yesterday", PARAMETER));
        assertEquals("<project.build.outputTimestamp> \"yesterday\" is neither an ISO-8601 date-time such as "
                + "2026-01-01T00:00:00Z nor a number of seconds since the epoch", e.getMessage());
    }
}
