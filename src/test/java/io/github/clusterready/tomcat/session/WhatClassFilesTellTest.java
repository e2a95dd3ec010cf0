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

    static final String JDK = """
            package shop;

            import jakarta.servlet.http.HttpSession;
            import java.util.*;

            public class Views {
                void store(HttpSession s, HashMap<String, String> prices, ArrayList<String> names, Map<String, String> any) {
                    s.setAttribute("keys", prices.keySet()); // KEYS
                    s.setAttribute("values", prices.values()); // VALUES
                    s.setAttribute("some", names.subList(0, 1)); // SUBLIST
                    s.setAttribute("entry", Map.entry("a", "b")); // ENTRY
                    s.setAttribute("each", names.iterator()); // ITERATOR
                    s.setAttribute("stream", names.stream()); // STREAM
                    s.setAttribute("fixed", Collections.unmodifiableList(names));
                    s.setAttribute("array", Arrays.asList("a", "b"));
                    s.setAttribute("three", List.of("a", "b", "c"));
                    s.setAttribute("pairs", Map.of("a", "b"));
                    s.setAttribute("anyKeys", any.keySet());
                }
            }
            """;

    @Test
    void whatJdkMethodsReturnIsTheirClass() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Views.java", JDK));

        Map<String, String> errors = byMarker(JDK, analysis.errors());
        assertEquals(List.of("KEYS", "VALUES", "SUBLIST", "ENTRY", "ITERATOR", "STREAM"), List.copyOf(errors.keySet()),
                errors.toString());
        assertTrue(errors.get("KEYS").startsWith("Views.store stores the result of HashMap.keySet() (a "
                + "java.util.HashMap$KeySet) as \"keys\" with HttpSession.setAttribute; it is not Serializable "
                + "(HashMap.java: keySet() returns new KeySet()), so Tomcat throws IllegalArgumentException"),
                errors.get("KEYS"));
        assertTrue(errors.get("KEYS").endsWith("store a Serializable copy instead (new ArrayList<>(...), new "
                + "HashMap<>(...)), or an id"), errors.get("KEYS"));
        // Map.keySet() on a Map may be any map's view: unknown, as before.
        assertEquals(1, analysis.unknowns().size(), analysis.unknowns().toString());
        assertTrue(analysis.unknowns().get(0).message().contains("\"anyKeys\""), analysis.unknowns().toString());
        assertTrue(analysis.valueClasses().containsAll(List.of("java.util.Collections$UnmodifiableList",
                "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Arrays$ArrayList",
                "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$Map1")),
                analysis.valueClasses().toString());
    }

    static final String GENERIC_LOCALS = """
            package shop;

            import jakarta.servlet.http.HttpSession;
            import java.util.*;

            public class Beans {
                void store(HttpSession s) {
                    List<Bean> beans = new ArrayList<>();
                    beans.add(new Bean());
                    s.setAttribute("beans", beans); // BEANS
                    Map<String, List<Bean>> byName = new HashMap<>();
                    s.setAttribute("byName", byName); // BY NAME
                    List<String> names = new ArrayList<>();
                    s.setAttribute("names", names);
                    s.setAttribute("holder", new Holder(null));
                }
            }

            class Bean { }
            """;
    static final String HOLDER = """
            package shop;

            public class Holder implements java.io.Serializable {
                private Runnable task = () -> { };
                private java.util.Map<String, String> prices = new java.util.HashMap<>();
                private Object lock = new Object();
                private Runnable given;

                Holder(Runnable given) {
                    this.given = given;
                }
            }
            """;

    @Test
    void genericLocalVariablesAndAssignedFieldsTellTheClass() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Beans.java", GENERIC_LOCALS)
                .source("shop/Holder.java", HOLDER));

        List<String> errors = analysis.errors().stream().map(SessionRisk::toString).collect(Collectors.toList());
        assertEquals(4, errors.size(), errors.toString());
        assertEquals("shop/Beans.java:" + SessionAttributeAnalyzerTest.line(GENERIC_LOCALS, "// BEANS")
                + ": Beans.store stores a new java.util.ArrayList as \"beans\", declared List of shop.Bean; Bean is "
                + "not Serializable, and neither is any subclass of Bean in the WAR, so replicating the session "
                + "attribute \"beans\" (stored at shop/Beans.java:" + SessionAttributeAnalyzerTest.line(GENERIC_LOCALS,
                "// BEANS") + ") fails with NotSerializableException as soon as it holds one: make shop.Bean "
                + "implement java.io.Serializable, or store an id instead of the object", errors.get(0));
        assertTrue(errors.get(1).contains("\"byName\", declared List of shop.Bean"), errors.get(1));
        assertTrue(errors.get(2).startsWith("shop/Holder.java: Holder.task : Runnable is an interface; the object's "
                + "class decides, and every value the WAR assigns to Holder.task is a lambda or method reference "
                + "(Runnable), which is not Serializable"), errors.get(2));
        assertTrue(errors.get(3).startsWith("shop/Holder.java: Holder.lock : Object is Object; the object's class "
                + "decides, and every value the WAR assigns to Holder.lock is a new java.lang.Object"), errors.get(3));
        List<String> unknowns = analysis.unknowns().stream().map(SessionRisk::message).collect(Collectors.toList());
        assertEquals(List.of("Holder.given : Runnable is an interface; the object's class decides"), unknowns);
    }

    static final String RECEIVING = """
            package shop;

            import jakarta.servlet.http.HttpSession;

            public class Receiving {
                void store(HttpSession s) {
                    s.setAttribute("legacy", new Legacy()); // LEGACY
                    s.setAttribute("child", new Child());
                    s.setAttribute("fine", new Fine());
                }
            }

            class Base {
                Base(int size) { }
            }

            class Legacy extends Base implements java.io.Serializable {
                Legacy() { super(1); }
            }

            class Parent {
                String name = "parent";
                int visits;
                transient int cache;
                static int count;
                protected Parent() { }
            }

            class Child extends Parent implements java.io.Serializable { }

            class Fine extends Thread implements java.io.Serializable { }
            """;

    @Test
    void whatBreaksOnTheReceivingNode() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Receiving.java", RECEIVING));

        List<String> errors = analysis.errors().stream().map(SessionRisk::toString).collect(Collectors.toList());
        assertEquals(List.of("shop/Receiving.java: Legacy is Serializable, but its first superclass that is not, "
                + "shop.Base, has no no-argument constructor Legacy may call (none at all), so the other nodes "
                + "cannot read back the session attribute \"legacy\" (stored at shop/Receiving.java:"
                + SessionAttributeAnalyzerTest.line(RECEIVING, "// LEGACY") + "): InvalidClassException (\"no valid "
                + "constructor\"): give shop.Base a public or protected no-argument constructor, or make it "
                + "implement java.io.Serializable"), errors);
        List<String> warnings = analysis.warnings().stream().map(SessionRisk::message).collect(Collectors.toList());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Child is Serializable, but its superclass shop.Parent is not, so "
                + "Parent.name, Parent.visits are not replicated with the session attribute \"child\""),
                warnings.get(0));
        assertEquals(List.of(), analysis.unreadableClasses());
    }

    static final String IN_PLACE = """
            package shop;

            import jakarta.servlet.http.HttpSession;
            import java.util.*;

            public class InPlace {
                @SuppressWarnings("unchecked")
                void basket(HttpSession s) {
                    List<String> basket = (List<String>) s.getAttribute("basket");
                    if (basket == null) {
                        s.setAttribute("basket", new ArrayList<>(List.of("first")));
                    } else {
                        basket.add("more"); // BASKET
                    }
                }

                void profile(HttpSession s, String name) {
                    Profile profile = (Profile) s.getAttribute("profile");
                    profile.setName(name); // PROFILE
                    System.out.println("changed " + profile);
                }

                @SuppressWarnings("unchecked")
                void storedAgain(HttpSession s) {
                    Map<String, Integer> counts = (Map<String, Integer>) s.getAttribute("counts");
                    counts.put("visits", 1);
                    s.setAttribute("counts", counts);
                }

                void savedElsewhere(HttpSession s) {
                    Profile profile = (Profile) s.getAttribute("profile");
                    profile.setName("ann");
                    save(s, profile);
                }

                void save(HttpSession s, Profile profile) {
                    s.setAttribute("profile", profile);
                }

                void readOnly(HttpSession s) {
                    Profile profile = (Profile) s.getAttribute("profile");
                    System.out.println(profile.getName());
                }
            }

            class Profile implements java.io.Serializable {
                private String name;
                String getName() { return name; }
                void setName(String name) { this.name = name; }
            }
            """;

    @Test
    void aValueChangedInPlaceAndNotStoredAgainIsReportedAtTheChange() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/InPlace.java", IN_PLACE));

        Map<String, String> errors = byMarker(IN_PLACE, analysis.errors());
        assertEquals(List.of("BASKET", "PROFILE"), List.copyOf(errors.keySet()), errors.toString());
        assertEquals("InPlace.basket changes the session attribute \"basket\" in place (List.add) and does not call "
                + "setAttribute(\"basket\", …) after that, so DeltaManager and BackupManager do not replicate the "
                + "change: the other nodes keep the value as it was last stored. Call session.setAttribute(\"basket\", "
                + "…) with the changed object after changing it", errors.get("BASKET"));
        assertTrue(errors.get("PROFILE").contains("(Profile.setName)"), errors.get("PROFILE"));
    }

    static final String HELPERS = """
            package shop;

            import jakarta.servlet.http.HttpSession;

            public class Helpers {
                void store(HttpSession s) {
                    SessionUtil.put(s, "worker", new Worker()); // PUT
                    SessionUtil.put(s, "name", "ann");
                    SessionUtil.remember(s, new Worker()); // REMEMBER
                    SessionUtil.remember(s, "fine");
                }
            }

            class Worker { }
            """;
    static final String SESSION_UTIL = """
            package shop;

            import jakarta.servlet.http.HttpSession;

            public final class SessionUtil {
                public static void put(HttpSession session, String name, Object value) {
                    session.setAttribute(name, value);
                }

                public static void remember(HttpSession session, Object value) {
                    session.setAttribute("remembered", value);
                }
            }
            """;

    @Test
    void valuesPassedThroughTheWebappsOwnMethodsAreCheckedAtTheCall() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Helpers.java", HELPERS)
                .source("shop/SessionUtil.java", SESSION_UTIL));

        Map<String, String> errors = byMarker(HELPERS, analysis.errors());
        assertEquals(List.of("PUT", "REMEMBER"), List.copyOf(errors.keySet()), errors.toString());
        assertTrue(errors.get("PUT").startsWith("Helpers.store stores a new shop.Worker as \"worker\" through "
                + "SessionUtil.put, which calls HttpSession.setAttribute; Worker is not Serializable"),
                errors.get("PUT"));
        assertTrue(errors.get("REMEMBER").startsWith("Helpers.store stores a new shop.Worker as \"remembered\" "
                + "through SessionUtil.remember"), errors.get("REMEMBER"));
        assertEquals(2, analysis.callCount(), "the helpers' own setAttribute calls");
    }

    /** The frameworks' annotations and classes, as their jars declare them (only their names matter). */
    static Webapp frameworks(Webapp webapp) {
        String runtime = "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) ";
        return webapp
                .source("jakarta/enterprise/context/SessionScoped.java", "package jakarta.enterprise.context;\n"
                        + runtime + "public @interface SessionScoped { }\n")
                .source("jakarta/inject/Inject.java", "package jakarta.inject;\n" + runtime
                        + "public @interface Inject { }\n")
                .source("org/springframework/context/annotation/Scope.java", "package "
                        + "org.springframework.context.annotation;\n" + runtime + "public @interface Scope {\n"
                        + "  String value() default \"\";\n}\n")
                .source("org/apache/wicket/Session.java", "package org.apache.wicket;\n"
                        + "public abstract class Session implements java.io.Serializable { }\n");
    }

    static final String BEANS = """
            package shop;

            import jakarta.enterprise.context.SessionScoped;
            import jakarta.inject.Inject;
            import org.springframework.context.annotation.Scope;

            @SessionScoped
            class Preferences { }

            @SessionScoped
            class Wizard implements java.io.Serializable {
                @Inject Service service;
                Thread worker;
            }

            class Service { }

            @Scope("session")
            class Basket { }

            @Scope("prototype")
            class Proto { }

            class ShopSession extends org.apache.wicket.Session {
                Service service;
            }
            """;

    @Test
    void whatFrameworksKeepInSessionsIsChecked() throws Exception {
        SessionAnalysis analysis = analyze(frameworks(new Webapp(dir)).source("shop/Beans.java", BEANS));

        List<String> errors = analysis.errors().stream().map(SessionRisk::message).sorted()
                .collect(Collectors.toList());
        assertEquals(4, errors.size(), errors.toString());
        assertTrue(errors.get(1).startsWith("Preferences is CDI @SessionScoped, so the framework keeps its "
                + "instances in the HTTP session, and Preferences is not Serializable"), errors.get(0));
        assertTrue(errors.get(0).startsWith("Basket is Spring @Scope(\"session\")"), errors.get(0));
        assertTrue(errors.get(3).startsWith("Wizard.worker : Thread is not Serializable"), errors.get(3));
        assertTrue(errors.get(3).contains("the session-scoped shop.Wizard (CDI @SessionScoped)"), errors.get(3));
        assertTrue(errors.get(2).startsWith("ShopSession.service : Service is not Serializable"), errors.get(2));
        assertEquals(List.of("Wizard.service : Service is injected by a container, whose object (often a "
                + "Serializable proxy) decides"), analysis.unknowns().stream().map(SessionRisk::message)
                .collect(Collectors.toList()));
        assertEquals(4, analysis.frameworkBeanCount());
        assertTrue(!analysis.onlyLibrariesStore());
    }

    @Test
    void whenOnlyLibrariesStoreTheAnalysisSaysSo() throws Exception {
        Webapp webapp = new Webapp(dir).source("shop/Page.java", "package shop;\npublic class Page { }\n")
                .entry("WEB-INF/lib/framework.jar", Webapp.jar(Map.of("framework/Flash.class", new byte[] {1})));
        SessionAnalysis analysis = analyze(webapp);
        assertTrue(analysis.onlyLibrariesStore());
        assertEquals(0, analysis.callCount());
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
