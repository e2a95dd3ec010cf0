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
    private static final int MAX_BYTES = 64 * 1024 * 1024;

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
         * {@code not-serializable}, {@code class-missing} or {@code not-deserializable}; null when replication works.
         */
        String problem;
        String detail;
        byte[] bytes;
    }

    Inspection(ClassLoader webapp) {
        this.webapp = webapp;
    }

    /** Serializes the value; with {@code roundTrip}, also reads it back through the webapp's class loader. */
    Outcome inspect(String attribute, Object value, boolean roundTrip) {
        Outcome outcome = new Outcome();
        Set<String> generated = new LinkedHashSet<>();
        Bounded buffer = new Bounded();
        try (ObjectOutputStream out = new Tracking(buffer, attribute, generated)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            outcome.problem = "not-serializable";
            outcome.detail = describe(attribute, e.getMessage());
            return outcome;
        } catch (IOException | RuntimeException e) {
            outcome.problem = "not-serializable";
            outcome.detail = attribute + ": " + e;
            return outcome;
        }
        outcome.bytes = buffer.toByteArray();
        outcome.digest = digest(outcome.bytes);
        if (!generated.isEmpty()) {
            outcome.problem = "class-missing";
            outcome.detail = String.join(", ", generated);
            return outcome;
        }
        if (roundTrip) {
            try (ObjectInputStream in = new Resolving(new ByteArrayInputStream(outcome.bytes), webapp)) {
                in.readObject();
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                outcome.problem = "not-deserializable";
                outcome.detail = e.toString();
            }
        }
        return outcome;
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

    /** Objects whose identity does not matter: their copies on the other node behave the same. */
    private static boolean immutable(Object object) {
        if (object instanceof String || object instanceof Boolean || object instanceof Character
                || object instanceof Enum || object instanceof Class || object instanceof ObjectStreamClass) {
            return true;
        }
        String name = object.getClass().getName();
        return name.startsWith("java.lang.") || name.startsWith("java.time.") || name.startsWith("java.math.")
                || name.startsWith("java.util.Collections$Empty") || name.startsWith("java.util.ImmutableCollections")
                || (object instanceof Number && name.startsWith("java."));
    }

    private final class Tracking extends ObjectOutputStream {
        private final String attribute;
        private final Set<String> generated;

        Tracking(OutputStream out, String attribute, Set<String> generated) throws IOException {
            super(out);
            this.attribute = attribute;
            this.generated = generated;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object object) {
            if (object != null && !immutable(object)) {
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

    /** A byte buffer that refuses to grow past {@link #MAX_BYTES}. */
    private static final class Bounded extends ByteArrayOutputStream {
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
                throw new IllegalStateException("serialized value is larger than " + MAX_BYTES + " bytes");
            }
        }
    }
}
