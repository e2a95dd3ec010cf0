package io.github.clusterready.tomcat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterready.tomcat.war.WarArchive;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's generated WAR is analysed as designed, so that its timing measures real work. */
class SessionAnalysisBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void theGeneratedWarHasTheFindingsItWasBuiltWith() throws Exception {
        Path war = SessionAnalysisBenchmark.generate(dir.resolve("bench.war"), 50); // 40 models, 10 servlets
        try (WarArchive archive = WarArchive.open(war)) {
            SessionAnalysis analysis = new SessionAttributeAnalyzer(Webapp.servletApiJars(), false)
                    .analyze(archive, "bench.war");
            assertEquals(50, analysis.classCount());
            assertEquals(50, analysis.callCount());
            // Servlets store Model0..Model29: Model0, 10 and 20 are not Serializable (3 calls); the chain of "next"
            // fields from the others ends at a field of type Model10, 20 or 30 (3 fields).
            assertEquals(3 + 3, analysis.errors().size(), analysis.errors().toString());
            // 10 Object-typed "cached" values; the List "tags" of the 27 Serializable models walked (1 to 29) is
            // only ever assigned a new ArrayList, so it is not unknown.
            assertEquals(10, analysis.unknowns().size());
        }
    }
}
