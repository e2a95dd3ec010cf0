package io.github.clusterready.tomcat.probe;

import java.io.Externalizable;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Compares a value as this node holds it with the copy another node reads from its serialized form, field by
 * field, and names each field the other node gets differently, with its path ({@code checkout.context}) and why:
 * transient in its class, a field of a non-Serializable superclass (set by that class's no-argument constructor on
 * the other node), left out by a custom {@code writeObject} or {@code writeExternal}, or changed by
 * {@code readObject}.
 *
 * <p>It walks the application's classes by reflection, and the JDK's lists, maps, sets and arrays through their
 * own API (the JDK's serialization of its own classes is by design; their fields are not opened to reflection).
 * The walk is iterative and visits each live object once (cycle-safe by identity), within {@link #MAX_OBJECTS},
 * {@link #MAX_DEPTH} and a time limit; a walk cut short says so ({@link Result#complete}).
 *
 * <p>What is not a loss, to keep the report free of noise: a field of an object whose class comes from a library's
 * jar rather than the webapp's own classes (its serialized form is its authors' design: a framework re-creates what
 * it leaves out; the objects it holds are compared in turn); a field that is null, zero or false here (the other
 * node gets the same); a transient field the class sets again itself ({@code readObject} or a field initializer
 * run by a non-Serializable superclass's constructor), since the copy then holds a value too; a logger (a transient
 * logger is the usual way to keep one out of the stream, and the framework makes another when it is asked for).
 * Each field of a class is named once per value, at the first path where it was lost.
 */
final class LostFields {
    /** Live objects compared at most for one value. */
    static final int MAX_OBJECTS = 100_000;
    /** Path steps followed at most from the attribute. */
    static final int MAX_DEPTH = 10_000;
    /** Fields named at most for one value. */
    static final int MAX_FINDINGS = 20;
    /** Type names of loggers, whose loss is not reported. */
    private static final Set<String> LOGGERS = new HashSet<>(Arrays.asList("java.util.logging.Logger",
            "java.lang.System$Logger", "org.slf4j.Logger", "org.apache.commons.logging.Log",
            "org.apache.juli.logging.Log", "org.apache.logging.log4j.Logger", "org.apache.log4j.Logger",
            "org.apache.log4j.Category", "org.jboss.logging.Logger", "ch.qos.logback.classic.Logger"));

    /** What one comparison found. */
    static final class Result {
        /** One line a lost field: {@code checkout.context: transient in shop.AbstractBean, null on the other node}. */
        final List<String> lost = new ArrayList<>();
        /** Whether every reachable object was compared; false when a limit cut the walk short. */
        boolean complete = true;
        /** Why the walk was cut short. */
        String limit;
        int objects;
    }

    private static final class Pair {
        final Object live;
        final Object copy;
        /** The pair that holds this one, null for the attribute's value. */
        final Pair parent;
        /** The step from the parent: {@code .field}, {@code [3]}, {@code [key]}; the attribute's name at the top. */
        final String step;
        final int depth;

        Pair(Object live, Object copy, Pair parent, String step) {
            this.live = live;
            this.copy = copy;
            this.parent = parent;
            this.step = step;
            this.depth = parent == null ? 0 : parent.depth + 1;
        }

        /** {@code checkout.items[3].context}: made only for a finding, so deep graphs cost no long strings. */
        String path(String last) {
            Deque<String> steps = new ArrayDeque<>();
            steps.push(last);
            for (Pair p = this; p != null; p = p.parent) {
                steps.push(p.step);
            }
            StringBuilder path = new StringBuilder();
            for (String step : steps) {
                path.append(step);
            }
            return path.toString();
        }
    }

    /** Each class's instance fields, opened to reflection; none where reflection may not open them. */
    private static final ClassValue<Field[]> FIELDS = new ClassValue<Field[]>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            try {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        field.setAccessible(true);
                        fields.add(field);
                    }
                }
            } catch (LinkageError | RuntimeException e) {
                // a class reflection may not open (a module's): the JDK's serialization is by design there
                return new Field[0];
            }
            return fields.toArray(new Field[0]);
        }
    };

    /**
     * Whether a class is the webapp's own: loaded from a directory ({@code WEB-INF/classes}), not from a library's
     * jar, nor from Tomcat or the JDK.
     */
    private static final ClassValue<Boolean> OWN = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                CodeSource source = type.getProtectionDomain().getCodeSource();
                URL location = source == null ? null : source.getLocation();
                return location != null && "file".equals(location.getProtocol())
                        && location.getPath().endsWith("/");
            } catch (SecurityException e) {
                return false;
            }
        }
    };

    /** Whether a class is the webapp's own (from {@code WEB-INF/classes}), not a library's, Tomcat's or the JDK's. */
    static boolean isOwn(Class<?> type) {
        return OWN.get(type);
    }

    private final long deadline;
    private final Result result = new Result();
    private final Map<Object, Boolean> visited = new IdentityHashMap<>();
    private final Deque<Pair> pending = new ArrayDeque<>();
    /** Declaring class and field name of each field named already. */
    private final Set<String> named = new HashSet<>();

    private LostFields(long deadline) {
        this.deadline = deadline;
    }

    /**
     * Compares {@code live} with {@code copy}, its deserialized copy, within {@code nanos}; paths start with
     * {@code attribute}.
     */
    static Result compare(String attribute, Object live, Object copy, long nanos) {
        LostFields walk = new LostFields(System.nanoTime() + nanos);
        walk.pending.push(new Pair(live, copy, null, attribute));
        walk.run();
        return walk.result;
    }

    private void run() {
        while (!pending.isEmpty()) {
            if (result.lost.size() >= MAX_FINDINGS) {
                return;
            }
            Pair pair = pending.pop();
            if (pair.live == null || pair.copy == null || visited.put(pair.live, Boolean.TRUE) != null) {
                continue;
            }
            if (++result.objects > MAX_OBJECTS) {
                stop("compared " + MAX_OBJECTS + " objects");
                return;
            }
            if ((result.objects & 255) == 0 && System.nanoTime() - deadline > 0) {
                stop("ran out of time after " + result.objects + " objects");
                return;
            }
            if (pair.depth > MAX_DEPTH) {
                stop("reached " + MAX_DEPTH + " steps deep at " + pair.path(""));
                return;
            }
            visit(pair);
        }
    }

    private void stop(String why) {
        result.complete = false;
        result.limit = why;
    }

    private void visit(Pair pair) {
        Class<?> type = pair.live.getClass();
        if (type != pair.copy.getClass() || Immutables.immutable(pair.live) || Proxy.isProxyClass(type)
                || type.isSynthetic() || type.getName().contains("$$Lambda")) {
            return; // another class after writeReplace/readResolve, a value (compared where it is held), a lambda
        }
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                int length = Math.min(Array.getLength(pair.live), Array.getLength(pair.copy));
                for (int i = length - 1; i >= 0; i--) {
                    Pair next = reference(pair, "[" + i + "]", Array.get(pair.live, i), Array.get(pair.copy, i),
                            null, null);
                    if (next != null) {
                        pending.push(next);
                    }
                }
            }
            return;
        }
        if (jdk(type)) {
            elements(pair);
            return;
        }
        List<Pair> deeper = new ArrayList<>();
        boolean own = OWN.get(type);
        for (Class<?> declaring = type; declaring != null && !jdk(declaring); declaring = declaring.getSuperclass()) {
            for (Field field : FIELDS.get(declaring)) {
                field(pair, declaring, field, own, deeper);
            }
        }
        // the first field's objects first: pushed last
        for (int i = deeper.size() - 1; i >= 0; i--) {
            pending.push(deeper.get(i));
        }
    }

    /** One field; its loss is named only in an object of the webapp's own classes ({@code own}). */
    private void field(Pair pair, Class<?> declaring, Field field, boolean own, List<Pair> deeper) {
        Object live;
        Object copy;
        try {
            live = field.get(pair.live);
            copy = field.get(pair.copy);
        } catch (IllegalAccessException | RuntimeException e) {
            return;
        }
        String step = "." + field.getName();
        if (!own) {
            // a library's object: its serialized form is its authors' design (a framework re-creates what it
            // leaves out); only the objects it holds are compared
            if (live != null && copy != null && !field.getType().isPrimitive() && !Immutables.immutable(live)) {
                deeper.add(new Pair(live, copy, pair, step));
            }
            return;
        }
        if (field.getType().isPrimitive()) {
            if (!live.equals(copy)) {
                lose(declaring, field, pair, step, reason(declaring, field) + ", " + copy + " on the other node");
            }
            return;
        }
        Pair next = reference(pair, step, live, copy, declaring, field);
        if (next != null) {
            deeper.add(next);
        }
    }

    /**
     * A reference held by a field (or an element, without {@code field}): lost, different, or to be compared deeper
     * (the pair returned).
     */
    private Pair reference(Pair pair, String step, Object live, Object copy, Class<?> declaring, Field field) {
        if (live == null) {
            return null;
        }
        if (copy == null) {
            if (!logger(live, field)) {
                lose(declaring, field, pair, step, (field == null ? "an element" : reason(declaring, field))
                        + ", null on the other node");
            }
            return null;
        }
        if (Immutables.immutable(live)) {
            if (!live.equals(copy)) {
                lose(declaring, field, pair, step, (field == null ? "an element" : reason(declaring, field))
                        + ", another value on the other node");
            }
            return null;
        }
        return new Pair(live, copy, pair, step);
    }

    /** The elements of the JDK's lists, ordered maps and sets, and maps keyed by values. */
    private void elements(Pair pair) {
        Object live = pair.live;
        Object copy = pair.copy;
        List<Pair> steps = new ArrayList<>();
        if (live instanceof List) {
            List<?> a = (List<?>) live;
            List<?> b = (List<?>) copy;
            if (a.size() == b.size()) {
                Iterator<?> i = a.iterator();
                Iterator<?> j = b.iterator();
                for (int index = 0; i.hasNext() && j.hasNext(); index++) {
                    step(steps, pair, index, i.next(), j.next());
                }
            }
        } else if (live instanceof Map) {
            Map<?, ?> a = (Map<?, ?>) live;
            Map<?, ?> b = (Map<?, ?>) copy;
            boolean ordered = live instanceof LinkedHashMap || live instanceof SortedMap;
            if (a.size() == b.size()) {
                Iterator<? extends Map.Entry<?, ?>> j = b.entrySet().iterator();
                for (Map.Entry<?, ?> entry : a.entrySet()) {
                    Map.Entry<?, ?> other = ordered && j.hasNext() ? j.next() : null;
                    Object key = entry.getKey();
                    if (other != null && Immutables.immutable(key) && key.equals(other.getKey())) {
                        step(steps, pair, key, entry.getValue(), other.getValue());
                    } else if (!ordered && Immutables.immutable(key)) {
                        step(steps, pair, key, entry.getValue(), b.get(key));
                    }
                }
            }
        } else if (live instanceof LinkedHashSet || live instanceof SortedSet) {
            Collection<?> a = (Collection<?>) live;
            Collection<?> b = (Collection<?>) copy;
            if (a.size() == b.size()) {
                Iterator<?> j = b.iterator();
                for (Object element : a) {
                    step(steps, pair, "element", element, j.next());
                }
            }
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            pending.push(steps.get(i));
        }
    }

    /**
     * An element to compare deeper, unless there is nothing to compare (a null, or an immutable value, which the
     * JDK's collection wrote itself); its path is made only then.
     */
    private static void step(List<Pair> steps, Pair parent, Object key, Object live, Object copy) {
        if (live != null && copy != null && !Immutables.immutable(live)) {
            steps.add(new Pair(live, copy, parent, "[" + label(key) + "]"));
        }
    }

    private void lose(Class<?> declaring, Field field, Pair holder, String step, String why) {
        if (field == null || named.add(declaring.getName() + "." + field.getName())) {
            result.lost.add(holder.path(step) + ": " + why);
        }
    }

    /** Why a field of {@code declaring} does not arrive as it is here. */
    static String reason(Class<?> declaring, Field field) {
        if (!Serializable.class.isAssignableFrom(declaring)) {
            return "a field of " + declaring.getName() + ", which is not Serializable: the other node sets it with "
                    + "that class's no-argument constructor";
        }
        if (Externalizable.class.isAssignableFrom(declaring)) {
            return "left out by " + declaring.getName() + ".writeExternal";
        }
        if (Modifier.isTransient(field.getModifiers())) {
            return "transient in " + declaring.getName();
        }
        if (declares(declaring, "writeObject", ObjectOutputStream.class)) {
            return "left out by " + declaring.getName() + ".writeObject";
        }
        if (declares(declaring, "writeReplace")) {
            return "left out by " + declaring.getName() + ".writeReplace";
        }
        return "changed on the way (by a readObject or readResolve)";
    }

    private static boolean declares(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method method = type.getDeclaredMethod(name, parameters);
            return !Modifier.isStatic(method.getModifiers());
        } catch (NoSuchMethodException | LinkageError | SecurityException e) {
            return false;
        }
    }

    /** A logger, by its class or the field's type (whose classes the probe cannot link against). */
    private static boolean logger(Object value, Field field) {
        if (field != null && LOGGERS.contains(field.getType().getName())) {
            return true;
        }
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            if (LOGGERS.contains(c.getName())) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (LOGGERS.contains(i.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Classes of the JDK, whose fields are not opened: their serialization is their own, by design. */
    private static boolean jdk(Class<?> type) {
        if (type.getClassLoader() == null) {
            return true;
        }
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    private static String label(Object key) {
        String text = Objects.toString(key);
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
