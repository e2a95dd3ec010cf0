package io.github.clusterready.tomcat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every entry of {@link JdkResults} against the running JDK: the method is called for real, its result is of one of
 * the entry's classes, and it is {@code instanceof Serializable} exactly when the class files say so.
 */
class JdkResultsTest {
    private static Map<String, Object> map() {
        Map<String, Object> map = new HashMap<>();
        map.put("k", "v");
        return map;
    }

    /** For each entry, by owner and name, calls that make every class it lists. */
    private static final Map<String, List<Supplier<Object>>> CALLS = new HashMap<>();

    private static void calls(String method, Supplier<Object>... calls) {
        CALLS.put(method, Arrays.asList(calls));
    }

    static {
        calls("java/util/HashMap.keySet", () -> new HashMap<>(map()).keySet());
        calls("java/util/HashMap.values", () -> new HashMap<>(map()).values());
        calls("java/util/HashMap.entrySet", () -> new HashMap<>(map()).entrySet());
        calls("java/util/LinkedHashMap.keySet", () -> new LinkedHashMap<>(map()).keySet());
        calls("java/util/LinkedHashMap.values", () -> new LinkedHashMap<>(map()).values());
        calls("java/util/LinkedHashMap.entrySet", () -> new LinkedHashMap<>(map()).entrySet());
        calls("java/util/TreeMap.keySet", () -> new TreeMap<>(map()).keySet());
        calls("java/util/TreeMap.values", () -> new TreeMap<>(map()).values());
        calls("java/util/TreeMap.entrySet", () -> new TreeMap<>(map()).entrySet());
        calls("java/util/ArrayList.subList", () -> new ArrayList<>(List.of(1, 2)).subList(0, 1));
        calls("java/util/ArrayList.iterator", () -> new ArrayList<>(List.of(1)).iterator());
        calls("java/util/ArrayList.listIterator", () -> new ArrayList<>(List.of(1)).listIterator());
        calls("java/util/ArrayList.stream", () -> new ArrayList<>(List.of(1)).stream());
        calls("java/util/Map.entry", () -> Map.entry("k", "v"));
        calls("java/util/concurrent/CompletableFuture.supplyAsync", () -> CompletableFuture.supplyAsync(() -> 1));
        calls("java/util/concurrent/CompletableFuture.runAsync", () -> CompletableFuture.runAsync(() -> { }));
        calls("java/util/Collections.unmodifiableList", () -> Collections.unmodifiableList(new ArrayList<>()),
                () -> Collections.unmodifiableList(new LinkedList<>()));
        calls("java/util/Collections.unmodifiableSet", () -> Collections.unmodifiableSet(Set.of()));
        calls("java/util/Collections.unmodifiableMap", () -> Collections.unmodifiableMap(map()));
        calls("java/util/Collections.unmodifiableCollection",
                () -> Collections.unmodifiableCollection(new ArrayList<>()));
        calls("java/util/Collections.synchronizedList", () -> Collections.synchronizedList(new ArrayList<>()),
                () -> Collections.synchronizedList(new LinkedList<>()));
        calls("java/util/Collections.synchronizedMap", () -> Collections.synchronizedMap(map()));
        calls("java/util/Collections.emptyList", Collections::emptyList);
        calls("java/util/Collections.emptyMap", Collections::emptyMap);
        calls("java/util/Collections.emptySet", Collections::emptySet);
        calls("java/util/Collections.singletonList", () -> Collections.singletonList(1));
        calls("java/util/Collections.singleton", () -> Collections.singleton(1));
        calls("java/util/Collections.singletonMap", () -> Collections.singletonMap(1, 2));
        calls("java/util/Arrays.asList", () -> Arrays.asList(1, 2));
        calls("java/util/List.of", () -> List.of(1), () -> List.of(1, 2, 3), List::of);
        calls("java/util/List.copyOf", () -> List.copyOf(Arrays.asList(1)), () -> List.copyOf(Arrays.asList(1, 2, 3)));
        calls("java/util/Set.of", () -> Set.of(1), () -> Set.of(1, 2, 3));
        calls("java/util/Map.of", () -> Map.of(1, 2), () -> Map.of(1, 2, 3, 4));
        calls("java/util/Map.copyOf", () -> Map.copyOf(Map.of(1, 2)), () -> Map.copyOf(map()),
                () -> Map.copyOf(Map.of(1, 2, 3, 4)));
        calls("java/util/concurrent/ConcurrentHashMap.keySet", () -> new ConcurrentHashMap<>(map()).keySet());
    }

    @Test
    void everyEntryIsWhatTheRunningJdkReturns() throws Exception {
        assertEquals(JdkResults.ENTRIES.size(), CALLS.size(), "one call list per entry");
        try (SerializabilityResolver resolver = new SerializabilityResolver(List.of())) {
            for (JdkResults.Entry entry : JdkResults.ENTRIES) {
                List<Supplier<Object>> calls = CALLS.get(entry.owner + "." + entry.name);
                assertNotNull(calls, entry.owner + "." + entry.name);
                java.util.Set<String> made = new java.util.TreeSet<>();
                for (Supplier<Object> call : calls) {
                    Object result = call.get();
                    String name = result.getClass().getName();
                    made.add(name);
                    assertTrue(entry.classes.contains(name), entry.shown() + " returned a " + name + ", not one of "
                            + entry.classes);
                    Verdict verdict = resolver.verdict(name.replace('.', '/'), true);
                    assertEquals(result instanceof Serializable, verdict.is(Verdict.Kind.SERIALIZABLE),
                            entry.shown() + ": " + name);
                    assertTrue(verdict.is(Verdict.Kind.SERIALIZABLE) || verdict.is(Verdict.Kind.NOT_SERIALIZABLE),
                            entry.shown() + ": " + name + " " + verdict.reason);
                }
                assertEquals(new java.util.TreeSet<>(entry.classes), made, entry.shown() + ": every class listed is "
                        + "made by some call");
                assertTrue(entry.source.contains(".java"), entry.shown());
            }
        }
    }
}
