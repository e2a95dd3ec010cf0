package io.github.clusterready.tomcat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.war.WarArchive;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the class files tell of a stored value's class beyond its static type (issue 13). */
class WhatClassFilesTellTest {
    @TempDir
    Path dir;

    static final String LAMBDAS = """
            package shop;

            import jakarta.servlet.http.HttpSession;
            import java.io.Serializable;
            import java.util.function.Supplier;

            public class Lambdas {
                void store(HttpSession s, String name) {
                    Runnable task = () -> System.out.println(name);
                    s.setAttribute("task", task); // LAMBDA
                    s.setAttribute("reference", (Supplier<String>) name::trim); // REFERENCE
                    s.setAttribute("serializable", (Runnable & Serializable) () -> System.out.println(name));
                    s.setAttribute("own", (Job) () -> { });
                    s.setAttribute("lock", new Object()); // OBJECT
                    Object text = name;
                    s.setAttribute("text", text);
                }
            }

            interface Job extends Runnable, Serializable { }
            """;

    @Test
    void lambdasAndNewObjectAreExactClasses() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Lambdas.java", LAMBDAS));

        Map<String, String> errors = byMarker(LAMBDAS, analysis.errors());
        assertEquals(List.of("LAMBDA", "REFERENCE", "OBJECT"), List.copyOf(errors.keySet()), errors.toString());
        assertTrue(errors.get("LAMBDA").startsWith("Lambdas.store stores a lambda or method reference (Runnable) as "
                + "\"task\" with HttpSession.setAttribute; it is of a class LambdaMetafactory generates, which is not "
                + "Serializable, so Tomcat throws IllegalArgumentException"), errors.get("LAMBDA"));
        assertTrue(errors.get("LAMBDA").contains("(Runnable & java.io.Serializable)"), errors.get("LAMBDA"));
        assertTrue(errors.get("OBJECT").startsWith("Lambdas.store stores a new java.lang.Object as \"lock\""),
                errors.get("OBJECT"));
        assertEquals(List.of(), analysis.unknowns(), analysis.unknowns().toString());
        assertEquals(2, analysis.unlistedValues().stream().filter(v -> v.contains("generated at run time")).count(),
                analysis.unlistedValues().toString());
    }

    static SessionAnalysis analyze(Webapp webapp) throws Exception {
        Path war = webapp.war("app.war");
        try (WarArchive archive = WarArchive.open(war)) {
            return new SessionAttributeAnalyzer(Webapp.servletApiJars(), false).analyze(archive, "app.war");
        }
    }

    /** The findings by the marker comment ({@code // LAMBDA}) on the line each names, in order. */
    static Map<String, String> byMarker(String source, List<SessionRisk> risks) {
        return risks.stream().collect(Collectors.toMap(risk -> marker(source, risk.location()), SessionRisk::message,
                (a, b) -> a + "\n" + b, java.util.LinkedHashMap::new));
    }

    private static String marker(String source, String location) {
        int colon = location.lastIndexOf(':');
        if (colon < 0) {
            return location;
        }
        int line = Integer.parseInt(location.substring(colon + 1));
        String text = source.split("\n", -1)[line - 1];
        return text.contains("// ") ? text.substring(text.indexOf("// ") + 3) : location;
    }
}
