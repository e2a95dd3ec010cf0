package io.github.clusterready.tomcat.session;

import static io.github.clusterready.tomcat.session.WhatClassFilesTellTest.analyze;
import static io.github.clusterready.tomcat.session.WhatClassFilesTellTest.byMarker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the analysis follows through a method's local data flow and the WAR's assignments (issue 28): the exact class
 * of an interface call's receiver, changes after {@code setAttribute}, and fields assigned in other classes; with the
 * look-alikes that must stay quiet.
 */
class DataFlowTest {
    @TempDir
    Path dir;

    static final String VIEWS = """
            package shop;

            import jakarta.servlet.http.HttpSession;
            import java.util.*;

            public class Views {
                void store(HttpSession s, Map<String, String> given) {
                    Map<String, String> made = new HashMap<>();
                    s.setAttribute("keys", made.keySet()); // KEYS
                    Collection<String> names = new ArrayList<>();
                    s.setAttribute("stream", names.stream()); // STREAM
                    s.setAttribute("givenKeys", given.keySet());
                    Map<String, String> concurrent = new java.util.concurrent.ConcurrentHashMap<>();
                    s.setAttribute("concurrentKeys", concurrent.keySet());
                }
            }
            """;

    @Test
    void theReceiversExactClassDecidesAnInterfaceCall() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Views.java", VIEWS));
        Map<String, String> errors = byMarker(VIEWS, analysis.errors());
        assertEquals(List.of("KEYS", "STREAM"), List.copyOf(errors.keySet()), errors.toString());
        assertTrue(errors.get("KEYS").startsWith("Views.store stores the result of HashMap.keySet() (a "
                + "java.util.HashMap$KeySet) as \"keys\""), errors.get("KEYS"));
        assertTrue(errors.get("STREAM").startsWith("Views.store stores the result of ArrayList.stream() (a "
                + "java.util.stream.ReferencePipeline$Head) as \"stream\""), errors.get("STREAM"));
        assertEquals(1, analysis.unknowns().size(), "a parameter's map may be any map: " + analysis.unknowns());
        assertTrue(analysis.valueClasses().contains("java.util.concurrent.ConcurrentHashMap$KeySetView"),
                analysis.valueClasses().toString());
    }

    static final String HELPERS = """
            package shop;

            import jakarta.servlet.http.HttpSession;
            import java.util.*;

            public class Helpers {
                void store(HttpSession s) {
                    s.setAttribute("keys", prices().keySet()); // KEYS
                    s.setAttribute("overridable", names().iterator());
                    s.setAttribute("either", pick(true).keySet());
                }

                private static Map<String, String> prices() {
                    return new HashMap<>();
                }

                public List<String> names() {
                    return new ArrayList<>();
                }

                private static Map<String, String> pick(boolean sorted) {
                    if (sorted) {
                        return new TreeMap<>();
                    }
                    return new HashMap<>();
                }
            }
            """;

    @Test
    void aSimpleHelperThatReturnsANewObjectGivesItsClass() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Helpers.java", HELPERS));
        Map<String, String> errors = byMarker(HELPERS, analysis.errors());
        assertEquals(List.of("KEYS"), List.copyOf(errors.keySet()), errors.toString());
        assertTrue(errors.get("KEYS").startsWith("Helpers.store stores the result of HashMap.keySet()"),
                errors.get("KEYS"));
        assertEquals(2, analysis.unknowns().size(), "an overridable helper, one of two classes: "
                + analysis.unknowns());
    }

    static final String AFTER = """
            package shop;

            import jakarta.servlet.http.HttpSession;
            import java.util.*;

            public class After {
                void store(HttpSession s, boolean again) {
                    List<Object> cart = new ArrayList<>();
                    s.setAttribute("cart", cart);
                    cart.add("note");
                    cart.add(new Wrap()); // WRAP
                    List<Object> other = new ArrayList<>();
                    s.setAttribute("other", other);
                    other = new ArrayList<>();
                    other.add(new Wrap());
                    List<Object> kept = new ArrayList<>();
                    s.setAttribute("kept", kept);
                    List<Object> elsewhere = new ArrayList<>();
                    elsewhere.add(new Wrap());
                    Owner owner = new Owner();
                    s.setAttribute("owner", owner);
                    owner.setPet(new Pet()); // PET
                    owner.setLeash(new Pet());
                }
            }

            class Wrap { }

            class Pet { }

            class Owner implements java.io.Serializable {
                private Object pet;
                private transient Object leash;

                void setPet(Object pet) { this.pet = pet; }

                void setLeash(Object leash) { this.leash = leash; }
            }
            """;

    @Test
    void aChangeAfterStoringThroughTheSameVariableIsAnErrorAtItsLine() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/After.java", AFTER));
        Map<String, String> errors = byMarker(AFTER, analysis.errors());
        // Owner.pet is found twice: at the change, and by the field walk through every value setPet is given.
        assertEquals(List.of("WRAP", "PET", "shop/After.java"), List.copyOf(errors.keySet()), errors.toString());
        assertTrue(errors.get("shop/After.java").startsWith("Owner.pet : Object is Object; the object's class "
                + "decides, and every value the WAR assigns to Owner.pet is a new shop.Pet"), errors.toString());
        assertTrue(errors.get("WRAP").startsWith("After.store puts a new shop.Wrap into the session attribute "
                + "\"cart\" after storing it (at shop/After.java:9), with List.add; Wrap is not Serializable"),
                errors.get("WRAP"));
        assertTrue(errors.get("PET").startsWith("After.store puts a new shop.Pet into the session attribute "
                + "\"owner\" after storing it (at shop/After.java:21), with Owner.setPet;"), errors.get("PET"));
    }

    static final String FIELDS = """
            package shop;

            import jakarta.servlet.http.HttpSession;

            public class Fields {
                void store(HttpSession s) {
                    Order order = new Order();
                    order.task = new Worker();
                    s.setAttribute("order", order);
                    Receipt receipt = new Receipt();
                    receipt.task = new SafeTask();
                    s.setAttribute("receipt", receipt);
                    s.setAttribute("nested", new Nested());
                    Job job = new Job();
                    job.setTask(new Worker());
                    s.setAttribute("job", job);
                    Chore chore = new Chore();
                    chore.setTask(new SafeTask());
                    s.setAttribute("chore", chore);
                }

                void pass(Chore chore, Runnable any) {
                    chore.setOther(any);
                }
            }

            class Job implements java.io.Serializable {
                private Runnable task;

                public void setTask(Runnable task) { this.task = task; }
            }

            class Chore implements java.io.Serializable {
                private Runnable task;
                private Runnable other;

                public void setTask(Runnable task) { this.task = task; }

                public void setOther(Runnable other) { this.other = other; }
            }

            class Worker implements Runnable { public void run() { } }

            class SafeTask implements Runnable, java.io.Serializable { public void run() { } }

            class Order implements java.io.Serializable { Runnable task; }

            class Receipt implements java.io.Serializable { Runnable task; }

            class Nested implements java.io.Serializable {
                private Runnable job;

                class Setter {
                    void set() { job = new Worker(); }
                }
            }
            """;

    @Test
    void aFieldIsJudgedByEveryAssignmentInTheWarWhereverItIs() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Fields.java", FIELDS));
        List<String> errors = analysis.errors().stream().map(SessionRisk::toString).collect(Collectors.toList());
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("shop/Fields.java: Order.task : Runnable is an interface; the object's "
                + "class decides, and every value the WAR assigns to Order.task is a new shop.Worker, which is not "
                + "Serializable"), errors.get(0));
        assertTrue(errors.get(1).startsWith("shop/Fields.java: Nested.job : Runnable"), errors.get(1));
        assertTrue(errors.get(2).startsWith("shop/Fields.java: Job.task : Runnable is an interface; the object's "
                + "class decides, and every value the WAR assigns to Job.task is a new shop.Worker"), errors.get(2));
        List<String> unknowns = analysis.unknowns().stream().map(SessionRisk::message).collect(Collectors.toList());
        assertEquals(1, unknowns.size(), "Receipt.task and Chore.task hold a SafeTask: " + unknowns);
        assertTrue(unknowns.get(0).startsWith("Chore.other : Runnable"), "a parameter passed on: " + unknowns);
    }
}
