package io.github.clusterready.tomcat.probe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serializes a session's attribute values as replication does, one stream per attribute (as {@code DeltaRequest}
 * writes them), and tells what would go wrong: a value that does not serialize (with the path to the field that
 * holds the offending object), a class the other node cannot find by name in the webapp's class loader (classes
 * generated at run time), a value that does not deserialize again, and one object held by two attributes (each
 * attribute is replicated on its own, so the other node gets two objects that then drift apart). The digest of the
 * serialized bytes tells whether a value changed and whether two nodes hold the same value.
 */
final class Inspection {
    /** One line of {@code NotSerializableException}'s message with {@code -Dsun.io.serialization.extendedDebugInfo}. */
    private static final Pattern FIELD = Pattern.compile("- field \\(class \"([^\"]+)\", name: \"([^\"]+)\"");
    private static final Pattern ELEMENT = Pattern.compile("- element of array \\(index: (\\d+)\\)");
    private static final Pattern CUSTOM = Pattern.compile("- custom writeObject data \\(class \"([^\"]+)\"\\)");
    /** Attribute values larger than this are not inspected (the probe serves tests, not production sizes). */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    /** Time one value's inspection may take (serialize, read back, compare), in nanoseconds. */
    static final long MAX_NANOS = Long.getLong("tomcat-cluster.probe.inspectMillis", 2000L) * 1_000_000L;

    private final ClassLoader webapp;
    /** Each mutable object met, and the attribute that holds it first. */
    private final Map<Object, String> holders = new IdentityHashMap<>();
    private final Map<Class<?>, Boolean> findable = new HashMap<>();
    /** Pairs of attributes that hold one object, with its class: {@code {first, second, class}}. */
    final List<String[]> shared = new ArrayList<>();
    private final Set<String> sharingPairs = new HashSet<>();

    /** What serializing one value gave. */
    static final class Outcome {
        /** Hex digest of the serialized bytes, or null when it failed. */
        String digest;
        /**
         * {@code NOT_SERIALIZABLE}, {@code CLASS_MISSING}, {@code NOT_DESERIALIZABLE} or {@code UNINSPECTABLE}; null
         * when replication works.
         */
        ProbeProtocol.Kind problem;
        String detail;
        byte[] bytes;
        /** With a round trip: each field the copy gets differently ({@link LostFields}), one line each. */
        final List<String> lost = new ArrayList<>();
        /** With a round trip whose comparison a limit cut short: why; null otherwise. */
        String comparisonLimit;
    }

    Inspection(ClassLoader webapp) {
        this.webapp = webapp;
    }

    /**
     * Serializes the value; with {@code roundTrip}, also reads it back through the webapp's class loader and compares
     * the copy with the value field by field. Never throws, whatever the value does: a graph too deep for the
     * thread's stack, a value larger than {@link #MAX_BYTES} or slower than {@link #MAX_NANOS} to write gives an
     * {@code UNINSPECTABLE} outcome with the reason.
     */
    Outcome inspect(String attribute, Object value, boolean roundTrip) {
        Outcome outcome = new Outcome();
        try {
            serialize(attribute, value, roundTrip, outcome);
        } catch (StackOverflowError e) {
            uninspectable(outcome, "its object graph is too deep for a thread's stack "
                    + "(StackOverflowError); Tomcat's own replication overflows the same way (with DeltaManager "
                    + "on 9.0 and 10.1 the request that stores it answers HTTP 500 and the other nodes never get it)");
        } catch (OutOfMemoryError e) {
            uninspectable(outcome, "serializing it ran out of memory (" + e.getMessage() + ")");
        } catch (Budget e) {
            uninspectable(outcome, e.getMessage());
        }
        return outcome;
    }

    private static void uninspectable(Outcome outcome, String why) {
        outcome.problem = ProbeProtocol.Kind.UNINSPECTABLE;
        outcome.detail = why;
        outcome.digest = null;
        outcome.bytes = null;
        outcome.lost.clear();
    }

    private void serialize(String attribute, Object value, boolean roundTrip, Outcome outcome) {
        long deadline = System.nanoTime() + MAX_NANOS;
        Set<String> generated = new LinkedHashSet<>();
        Bounded buffer = new Bounded(deadline);
        try (ObjectOutputStream out = new Tracking(buffer, attribute, generated, deadline)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            outcome.problem = ProbeProtocol.Kind.NOT_SERIALIZABLE;
            outcome.detail = describe(attribute, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            if (e instanceof Budget) {
                throw (Budget) e;
            }
            outcome.problem = ProbeProtocol.Kind.NOT_SERIALIZABLE;
            outcome.detail = attribute + ": " + e;
            return;
        }
        outcome.bytes = buffer.toByteArray();
        outcome.digest = digest(outcome.bytes);
        if (!generated.isEmpty()) {
            outcome.problem = ProbeProtocol.Kind.CLASS_MISSING;
            outcome.detail = String.join(", ", generated);
            return;
        }
        if (roundTrip) {
            Object copy;
            try (ObjectInputStream in = new Resolving(new ByteArrayInputStream(outcome.bytes), webapp)) {
                copy = in.readObject();
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                outcome.problem = ProbeProtocol.Kind.NOT_DESERIALIZABLE;
                outcome.detail = e.toString();
                return;
            }
            long left = deadline - System.nanoTime();
            LostFields.Result compared = LostFields.compare(attribute, value, copy, Math.max(left, MAX_NANOS / 10));
            outcome.lost.addAll(compared.lost);
            outcome.comparisonLimit = compared.complete ? null : compared.limit;
        }
    }

    /**
     * {@code cart.owner} from the {@code NotSerializableException} message: the offending class, then with extended
     * debug information the stack of fields and elements, innermost first.
     */
    static String describe(String attribute, String message) {
        String[] lines = message == null ? new String[] {""} : message.split("\n");
        List<String> steps = new ArrayList<>();
        for (int i = lines.length - 1; i > 0; i--) {
            String line = lines[i].trim();
            Matcher m = FIELD.matcher(line);
            if (m.find()) {
                steps.add("." + m.group(2));
                continue;
            }
            m = ELEMENT.matcher(line);
            if (m.find()) {
                steps.add("[" + m.group(1) + "]");
                continue;
            }
            m = CUSTOM.matcher(line);
            if (m.find()) {
                steps.add("[" + m.group(1).substring(m.group(1).lastIndexOf('.') + 1) + " element]");
            }
        }
        StringBuilder path = new StringBuilder(attribute);
        for (String step : steps) {
            path.append(step);
        }
        return lines[0].trim() + " at " + path;
    }

    /**
     * The digest two nodes' copies of one value agree on: of the value's serialized form read back and written
     * again, as the other node holds it. A value's own bytes can differ from its copy's although both hold the same
     * (a {@code HashMap} writes its table's capacity, which reading it back recomputes from its size), so the nodes
     * are compared by this digest. The digest of the value's own bytes when it cannot be read back.
     */
    String comparableDigest(Outcome outcome) {
        if (outcome.bytes == null) {
            return outcome.digest;
        }
        try (ObjectInputStream in = new Resolving(new ByteArrayInputStream(outcome.bytes), webapp)) {
            Object copy = in.readObject();
            Bounded buffer = new Bounded(System.nanoTime() + MAX_NANOS);
            try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
                out.writeObject(copy);
            }
            return digest(buffer.toByteArray());
        } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError e) {
            return outcome.digest;
        }
    }

    static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                hex.append(String.format("%02x", hash[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the other node, which looks the class up by name in the webapp's class loader, finds this class. */
    private boolean findable(Class<?> type) {
        if (type.getClassLoader() == null || type.isArray() || Proxy.isProxyClass(type)) {
            return true;
        }
        return findable.computeIfAbsent(type, t -> {
            try {
                return Class.forName(t.getName(), false, webapp) == t;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    private final class Tracking extends ObjectOutputStream {
        private final String attribute;
        private final Set<String> generated;

        private final long deadline;
        private int objects;

        Tracking(OutputStream out, String attribute, Set<String> generated, long deadline) throws IOException {
            super(out);
            this.attribute = attribute;
            this.generated = generated;
            this.deadline = deadline;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object object) {
            if ((++objects & 1023) == 0) {
                Budget.checkTime(deadline);
            }
            if (object != null && !Immutables.immutable(object)) {
                String holder = holders.putIfAbsent(object, attribute);
                // the outermost shared object only: what it holds is shared with it
                if (holder != null && !holder.equals(attribute) && sharingPairs.add(holder + "\0" + attribute)) {
                    shared.add(new String[] {holder, attribute, object.getClass().getName()});
                }
            }
            return object;
        }

        @Override
        protected void annotateClass(Class<?> type) {
            if (!findable(type)) {
                generated.add(type.getName());
            }
        }
    }

    /** Resolves classes as Tomcat's {@code ReplicationStream} does: by name, in the webapp's class loader. */
    private static final class Resolving extends ObjectInputStream {
        private final ClassLoader loader;

        Resolving(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }

    /**
     * A limit of the probe's own was reached: the value is not inspected. Unchecked, so that it passes through
     * {@code ObjectOutputStream} unchanged (it turns no {@code IOException} into a broken stream).
     */
    static final class Budget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Budget(String message) {
            super(message, null, false, false);
        }

        static void checkTime(long deadline) {
            if (System.nanoTime() - deadline > 0) {
                throw new Budget("serializing it took longer than " + MAX_NANOS / 1_000_000 + " ms (a slow "
                        + "writeObject, or a very large value); the probe stopped there");
            }
        }
    }

    /** A byte buffer that refuses to grow past {@link #MAX_BYTES} or to be written to after the deadline. */
    private static final class Bounded extends ByteArrayOutputStream {
        private final long deadline;

        Bounded(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        private void check(int more) {
            if (count + (long) more > MAX_BYTES) {
                throw new Budget("it serializes to more than " + MAX_BYTES / (1024 * 1024) + " MB; the probe "
                        + "inspects values up to that size");
            }
            Budget.checkTime(deadline);
        }
    }
}
