package io.github.clusterready.tomcat.session;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What some JDK methods return, when their declared result type (an interface, mostly) hides a class that decides
 * whether the value can be stored in a distributable session: views and helpers that are not Serializable
 * ({@code HashMap.keySet()}, {@code ArrayList.subList}, iterators, streams, {@code Map.entry}), and wrappers and
 * factories that are ({@code Collections.unmodifiableList}, {@code Arrays.asList}, {@code List.of}).
 *
 * <p>Each entry names the classes the JDK's code creates there, read from the JDK's sources
 * ({@code java/util/HashMap.java}: {@code keySet()} returns {@code new KeySet()}); whether those classes are
 * Serializable is not written here but read from the running JDK's class files by {@link SerializabilityResolver},
 * and an entry whose classes the running JDK does not have is not used. {@code JdkResultsTest} calls every entry's
 * method on the running JDK and checks the class of what it returns. A call counts when its owner in the class file
 * is the listed class, or when the frames know the receiver's exact class to be it (the method made it with
 * {@code new}: {@code Map<String, String> prices = new HashMap<>(); prices.keySet()}); {@code map.keySet()} on any
 * other {@code Map}-typed value may be any map's view ({@code ConcurrentHashMap}'s is Serializable), so it stays
 * unknown.
 */
final class JdkResults {
    /** One method, and the classes of what it returns. */
    static final class Entry {
        /** {@code java/util/HashMap}. */
        final String owner;
        final String name;
        /** The method's descriptor; null for every method of that name (the overloads of {@code List.of}). */
        final String descriptor;
        /** The classes, as {@code Class.getName()} spells them. */
        final List<String> classes;
        /** Where this comes from: the JDK source that creates the classes. */
        final String source;

        Entry(String owner, String name, String descriptor, String source, String... classes) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.source = source;
            this.classes = Collections.unmodifiableList(Arrays.asList(classes));
        }

        /** {@code HashMap.keySet()}. */
        String shown() {
            return ClassInfo.simpleName(owner) + "." + name + "()";
        }
    }

    private static final String SET = "()Ljava/util/Set;";
    private static final String COLLECTION = "()Ljava/util/Collection;";

    static final List<Entry> ENTRIES = Collections.unmodifiableList(Arrays.asList(
            // Views and helpers: not Serializable.
            new Entry("java/util/HashMap", "keySet", SET, "HashMap.java: keySet() returns new KeySet()",
                    "java.util.HashMap$KeySet"),
            new Entry("java/util/HashMap", "values", COLLECTION, "HashMap.java: values() returns new Values()",
                    "java.util.HashMap$Values"),
            new Entry("java/util/HashMap", "entrySet", SET, "HashMap.java: entrySet() returns new EntrySet()",
                    "java.util.HashMap$EntrySet"),
            new Entry("java/util/LinkedHashMap", "keySet", SET, "LinkedHashMap.java: keySet() returns new "
                    + "LinkedKeySet()", "java.util.LinkedHashMap$LinkedKeySet"),
            new Entry("java/util/LinkedHashMap", "values", COLLECTION, "LinkedHashMap.java: values() returns new "
                    + "LinkedValues()", "java.util.LinkedHashMap$LinkedValues"),
            new Entry("java/util/LinkedHashMap", "entrySet", SET, "LinkedHashMap.java: entrySet() returns new "
                    + "LinkedEntrySet()", "java.util.LinkedHashMap$LinkedEntrySet"),
            new Entry("java/util/TreeMap", "keySet", SET, "TreeMap.java: keySet() returns navigableKeySet(), a new "
                    + "KeySet", "java.util.TreeMap$KeySet"),
            new Entry("java/util/TreeMap", "values", COLLECTION, "TreeMap.java: values() returns new Values()",
                    "java.util.TreeMap$Values"),
            new Entry("java/util/TreeMap", "entrySet", SET, "TreeMap.java: entrySet() returns new EntrySet()",
                    "java.util.TreeMap$EntrySet"),
            new Entry("java/util/ArrayList", "subList", "(II)Ljava/util/List;", "ArrayList.java: subList returns "
                    + "new SubList", "java.util.ArrayList$SubList"),
            new Entry("java/util/ArrayList", "iterator", "()Ljava/util/Iterator;", "ArrayList.java: iterator() "
                    + "returns new Itr()", "java.util.ArrayList$Itr"),
            new Entry("java/util/ArrayList", "listIterator", "()Ljava/util/ListIterator;", "ArrayList.java: "
                    + "listIterator() returns new ListItr(0)", "java.util.ArrayList$ListItr"),
            new Entry("java/util/ArrayList", "stream", "()Ljava/util/stream/Stream;", "Collection.java: stream() "
                    + "returns StreamSupport.stream, a new ReferencePipeline.Head",
                    "java.util.stream.ReferencePipeline$Head"),
            new Entry("java/util/Map", "entry", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/util/Map$Entry;",
                    "Map.java: entry(k, v) returns new KeyValueHolder", "java.util.KeyValueHolder"),
            new Entry("java/util/concurrent/CompletableFuture", "supplyAsync", null, "CompletableFuture.java: "
                    + "asyncSupplyStage returns new CompletableFuture", "java.util.concurrent.CompletableFuture"),
            new Entry("java/util/concurrent/CompletableFuture", "runAsync", null, "CompletableFuture.java: "
                    + "asyncRunStage returns new CompletableFuture", "java.util.concurrent.CompletableFuture"),
            // Wrappers and factories: Serializable.
            new Entry("java/util/Collections", "unmodifiableList", null, "Collections.java: new "
                    + "UnmodifiableRandomAccessList for a RandomAccess list, else new UnmodifiableList (or the list "
                    + "itself when it is one already)", "java.util.Collections$UnmodifiableRandomAccessList",
                    "java.util.Collections$UnmodifiableList"),
            new Entry("java/util/Collections", "unmodifiableSet", null, "Collections.java: new UnmodifiableSet",
                    "java.util.Collections$UnmodifiableSet"),
            new Entry("java/util/Collections", "unmodifiableMap", null, "Collections.java: new UnmodifiableMap",
                    "java.util.Collections$UnmodifiableMap"),
            new Entry("java/util/Collections", "unmodifiableCollection", null, "Collections.java: new "
                    + "UnmodifiableCollection", "java.util.Collections$UnmodifiableCollection"),
            new Entry("java/util/Collections", "synchronizedList", null, "Collections.java: new "
                    + "SynchronizedRandomAccessList for a RandomAccess list, else new SynchronizedList",
                    "java.util.Collections$SynchronizedRandomAccessList", "java.util.Collections$SynchronizedList"),
            new Entry("java/util/Collections", "synchronizedMap", null, "Collections.java: new SynchronizedMap",
                    "java.util.Collections$SynchronizedMap"),
            new Entry("java/util/Collections", "emptyList", null, "Collections.java: EMPTY_LIST, an EmptyList",
                    "java.util.Collections$EmptyList"),
            new Entry("java/util/Collections", "emptyMap", null, "Collections.java: EMPTY_MAP, an EmptyMap",
                    "java.util.Collections$EmptyMap"),
            new Entry("java/util/Collections", "emptySet", null, "Collections.java: EMPTY_SET, an EmptySet",
                    "java.util.Collections$EmptySet"),
            new Entry("java/util/Collections", "singletonList", null, "Collections.java: new SingletonList",
                    "java.util.Collections$SingletonList"),
            new Entry("java/util/Collections", "singleton", null, "Collections.java: new SingletonSet",
                    "java.util.Collections$SingletonSet"),
            new Entry("java/util/Collections", "singletonMap", null, "Collections.java: new SingletonMap",
                    "java.util.Collections$SingletonMap"),
            new Entry("java/util/Arrays", "asList", null, "Arrays.java: asList returns new Arrays.ArrayList",
                    "java.util.Arrays$ArrayList"),
            new Entry("java/util/List", "of", null, "List.java and ImmutableCollections.java: List12 for one or two "
                    + "elements, else ListN", "java.util.ImmutableCollections$List12",
                    "java.util.ImmutableCollections$ListN"),
            new Entry("java/util/List", "copyOf", null, "ImmutableCollections.java: listCopy returns the list itself when a "
                    + "List12 or ListN, else List.of", "java.util.ImmutableCollections$List12",
                    "java.util.ImmutableCollections$ListN"),
            new Entry("java/util/Set", "of", null, "Set.java and ImmutableCollections.java: Set12 for one or two "
                    + "elements, else SetN", "java.util.ImmutableCollections$Set12",
                    "java.util.ImmutableCollections$SetN"),
            new Entry("java/util/Map", "of", null, "Map.java and ImmutableCollections.java: Map1 for one entry, "
                    + "else MapN", "java.util.ImmutableCollections$Map1", "java.util.ImmutableCollections$MapN"),
            new Entry("java/util/Map", "copyOf", null, "Map.java: the map itself when immutable, else "
                    + "Map.ofEntries: Map1 or MapN", "java.util.ImmutableCollections$Map1",
                    "java.util.ImmutableCollections$MapN"),
            new Entry("java/util/concurrent/ConcurrentHashMap", "keySet", SET, "ConcurrentHashMap.java: keySet() "
                    + "returns new KeySetView, a CollectionView, which implements Serializable",
                    "java.util.concurrent.ConcurrentHashMap$KeySetView")));

    private static final Map<String, Entry> BY_METHOD = new HashMap<>();

    static {
        for (Entry entry : ENTRIES) {
            BY_METHOD.put(entry.owner + "." + entry.name + (entry.descriptor == null ? "" : entry.descriptor), entry);
        }
    }

    private JdkResults() {
    }

    /** The entry for a call of {@code owner.name descriptor}, or null when the table has none. */
    static Entry find(String owner, String name, String descriptor) {
        Entry exact = BY_METHOD.get(owner + "." + name + descriptor);
        return exact != null ? exact : BY_METHOD.get(owner + "." + name);
    }
}
