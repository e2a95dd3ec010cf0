package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.ClassInfo.Origin;
import io.github.clusterready.tomcat.session.Verdict.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Decides whether a class is {@code Serializable} from class files alone: the WAR's own classes, the project's
 * compile classpath (jars and directories) and the class files of the running JDK. No class is ever loaded or
 * initialised, so none of the application's code runs.
 *
 * <p>A class is looked up the way Tomcat's webapp class loader finds it: the JDK first, then the WAR, then the
 * compile classpath (where the Servlet API is). A class found nowhere is "unknown", never an error.
 */
public final class SerializabilityResolver implements AutoCloseable {
    static final String OBJECT = "java/lang/Object";
    static final String SERIALIZABLE = "java/io/Serializable";
    static final String EXTERNALIZABLE = "java/io/Externalizable";

    private static final ClassInfo MISSING = new ClassInfo.Collector(null).result(Origin.JDK);
    private static final int CLASS_FILE_LIMIT = 64 * 1024 * 1024;
    /** The newest class-file major version the ASM in use reads: 44 + its newest Java release. */
    static final int LATEST_MAJOR = latestMajor();

    private final List<Path> directories = new ArrayList<>();
    private final List<Path> jarPaths = new ArrayList<>();
    /** The classpath's jars, opened when first needed, by their path. */
    private final Map<String, ZipFile> jars = new LinkedHashMap<>();
    /** The class files that could not be read, by where they are, with why: they resolve as missing. */
    private final Map<String, String> unreadable = new LinkedHashMap<>();
    private final ClassLoader jdk;
    private final Map<String, ClassInfo> war = new LinkedHashMap<>();
    private final Map<String, ClassInfo> resolved = new HashMap<>();
    private final Map<String, Boolean> serializable = new HashMap<>();
    private final Map<String, String> serializableSubclass = new HashMap<>();
    private final Map<String, Map<String, Boolean>> subtypes = new HashMap<>();
    /** The WAR's classes by their superclass, built when first needed (after every WAR class is defined). */
    private Map<String, List<String>> subclasses;

    /**
     * @param classpath the project's compile classpath: jars and class directories; missing entries are ignored
     */
    public SerializabilityResolver(List<Path> classpath) {
        for (Path element : classpath) {
            if (Files.isDirectory(element)) {
                directories.add(element);
            } else if (Files.isRegularFile(element)) {
                jarPaths.add(element);
            }
        }
        ClassLoader system = ClassLoader.getSystemClassLoader();
        // The platform (JDK 9+) or extension (JDK 8) loader: it sees the JDK's classes and nothing else.
        this.jdk = system.getParent() != null ? system.getParent() : system;
    }

    /** Adds a class read from the WAR. */
    void define(ClassInfo info) {
        subclasses = null;
        war.put(info.name, info);
        resolved.put(info.name, info);
    }

    /** Whether a class of this name was read from the WAR already. */
    boolean hasWarClass(String internalName) {
        return war.containsKey(internalName);
    }

    /** The WAR's classes, in the order they were read. */
    Collection<ClassInfo> warClasses() {
        return war.values();
    }

    /** The class called {@code internalName} ({@code java/lang/Thread}), or null when no class file has it. */
    ClassInfo find(String internalName) throws IOException {
        ClassInfo known = resolved.get(internalName);
        if (known == null) {
            known = lookUp(internalName);
            resolved.put(internalName, known);
        }
        return known == MISSING ? null : known;
    }

    private ClassInfo lookUp(String internalName) throws IOException {
        String resource = internalName + ".class";
        try (InputStream in = jdk.getResourceAsStream(resource)) {
            if (in != null) {
                return read(in, Origin.JDK, "the JDK's " + resource);
            }
        }
        for (Path directory : directories) {
            Path file = directory.resolve(resource);
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return read(in, Origin.CLASSPATH, file.toString());
                }
            }
        }
        openJars();
        for (Map.Entry<String, ZipFile> jar : jars.entrySet()) {
            ZipEntry entry = jar.getValue().getEntry(resource);
            if (entry != null) {
                try (InputStream in = jar.getValue().getInputStream(entry)) {
                    return read(in, Origin.CLASSPATH, jar.getKey() + "!/" + resource);
                }
            }
        }
        return MISSING;
    }

    private void openJars() throws IOException {
        if (jars.isEmpty() && !jarPaths.isEmpty()) {
            for (Path path : jarPaths) {
                try {
                    jars.put(path.toString(), new ZipFile(path.toFile()));
                } catch (ZipException e) {
                    // Not a jar (a pom or a stray file on the classpath): it holds no classes.
                }
            }
            jarPaths.clear();
        }
    }

    private ClassInfo read(InputStream in, Origin origin, String location) throws IOException {
        byte[] bytes;
        try {
            bytes = readAll(in, CLASS_FILE_LIMIT);
        } catch (TooLargeException e) {
            unreadable.put(location, e.getMessage());
            return MISSING;
        }
        ClassInfo.Collector collector = new ClassInfo.Collector(null);
        try {
            new ClassReader(bytes).accept(collector, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            unreadable.put(location, whyUnreadable(bytes, e));
            return MISSING; // its types stay unknown, and the analysis warns that it could not read it
        }
        return collector.result(origin);
    }

    /**
     * The class files of the classpath and the JDK that were looked up and could not be read, by where they are
     * ({@code lib/old.jar!/com/example/Cart.class}), with why.
     */
    Map<String, String> unreadableClasses() {
        return Collections.unmodifiableMap(unreadable);
    }

    /** Why ASM could not read {@code bytes}: a class-file version it does not know, or the exception it threw. */
    static String whyUnreadable(byte[] bytes, RuntimeException e) {
        if (bytes.length >= 8 && (bytes[0] & 0xff) == 0xca && (bytes[1] & 0xff) == 0xfe
                && (bytes[2] & 0xff) == 0xba && (bytes[3] & 0xff) == 0xbe) {
            int major = (bytes[6] & 0xff) << 8 | (bytes[7] & 0xff);
            if (major > LATEST_MAJOR) {
                return "its class-file version " + major + " (Java " + (major - 44) + ") is newer than the "
                        + "analysis reads (up to " + LATEST_MAJOR + ", Java " + (LATEST_MAJOR - 44) + ")";
            }
        } else {
            return "it does not start as a class file does (0xCAFEBABE)";
        }
        String detail = e.getMessage() == null ? e.getClass().getName() : e.getClass().getName() + ": "
                + e.getMessage();
        return "it is damaged (" + detail + ")";
    }

    /** Reads {@code in} to its end; more than {@code limit} bytes is a {@link TooLargeException}, not an allocation. */
    static byte[] readAll(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > limit) {
                throw new TooLargeException(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A class file larger than the analysis reads. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int limit) {
            super("it is larger than " + limit + " bytes, the most the analysis reads for a class file");
        }
    }

    /**
     * Whether {@code internalName} implements {@code java.io.Serializable} through its superclasses and
     * interfaces; null when some class on the way is missing, so that it cannot be told.
     */
    Boolean isSerializable(String internalName) throws IOException {
        if (serializable.containsKey(internalName)) {
            return serializable.get(internalName);
        }
        Boolean result = implementsType(internalName, SERIALIZABLE);
        serializable.put(internalName, result);
        return result;
    }

    /**
     * Whether {@code internalName} is {@code ancestor} or extends or implements it; null when some class on the
     * way is missing and the answer is not already known to be yes.
     */
    Boolean implementsType(String internalName, String ancestor) throws IOException {
        Map<String, Boolean> answers = subtypes.computeIfAbsent(ancestor, a -> new HashMap<>());
        if (answers.containsKey(internalName)) {
            return answers.get(internalName);
        }
        Boolean result;
        if (internalName.equals(ancestor)) {
            result = Boolean.TRUE;
        } else {
            ClassInfo info = find(internalName);
            if (info == null) {
                result = null;
            } else {
                answers.put(internalName, Boolean.FALSE); // a cyclic hierarchy (broken class files) ends here
                result = Boolean.FALSE;
                List<String> parents = new ArrayList<>(info.interfaces);
                if (info.superName != null) {
                    parents.add(info.superName);
                }
                for (String parent : parents) {
                    Boolean answer = implementsType(parent, ancestor);
                    if (Boolean.TRUE.equals(answer)) {
                        result = Boolean.TRUE;
                        break;
                    }
                    if (answer == null) {
                        result = null;
                    }
                }
            }
        }
        answers.put(internalName, result);
        return result;
    }

    /**
     * Whether an object whose class is {@code internalName} (when {@code exact}) or whose static type is
     * {@code internalName} (otherwise) can be serialized.
     * <ul>
     *   <li>Serializable through superclasses and interfaces: yes;</li>
     *   <li>the exact class of an object created with {@code new}, not Serializable: no (also
     *       {@code new Object()});</li>
     *   <li>{@code Object}, interfaces, abstract classes, classes not found: unknown, the object's class decides;</li>
     *   <li>a final class not Serializable: no;</li>
     *   <li>a non-final class not Serializable: no, unless the WAR has a Serializable subclass of it, which the
     *       object may be an instance of (then unknown). Subclasses outside the WAR are not looked for.</li>
     * </ul>
     */
    Verdict verdict(String internalName, boolean exact) throws IOException {
        if (internalName.equals(OBJECT)) {
            return exact ? new Verdict(Kind.NOT_SERIALIZABLE, "is not Serializable", find(OBJECT))
                    : new Verdict(Kind.UNKNOWN, "is Object; the object's class decides", null);
        }
        ClassInfo info = find(internalName);
        String shown = ClassInfo.simpleName(internalName);
        if (info == null) {
            return new Verdict(Kind.UNKNOWN, "is not in the WAR, the compile classpath or the JDK", null);
        }
        Boolean isSerializable = isSerializable(internalName);
        if (Boolean.TRUE.equals(isSerializable)) {
            return new Verdict(Kind.SERIALIZABLE, "is Serializable", info);
        }
        if (isSerializable == null) {
            return new Verdict(Kind.UNKNOWN, "extends or implements a type that is not on the compile classpath",
                    info);
        }
        if (exact) {
            return new Verdict(Kind.NOT_SERIALIZABLE, "is not Serializable", info);
        }
        if (info.isInterface()) {
            return new Verdict(Kind.UNKNOWN, "is an interface; the object's class decides", info);
        }
        if (info.isAbstract()) {
            return new Verdict(Kind.UNKNOWN, "is abstract and not Serializable; the object's class decides", info);
        }
        if (info.isFinal()) {
            return new Verdict(Kind.NOT_SERIALIZABLE, "is not Serializable", info);
        }
        String subclass = serializableSubclassInWar(internalName);
        if (subclass != null) {
            return new Verdict(Kind.UNKNOWN, "is not Serializable, but its subclass "
                    + ClassInfo.simpleName(subclass) + " is, and the object may be one", info);
        }
        return new Verdict(Kind.NOT_SERIALIZABLE, "is not Serializable, and neither is any subclass of "
                + shown + " in the WAR", info);
    }

    private String serializableSubclassInWar(String internalName) throws IOException {
        if (!serializableSubclass.containsKey(internalName)) {
            String found = null;
            for (String candidate : subclassesInWar(internalName)) {
                if (Boolean.TRUE.equals(isSerializable(candidate))) {
                    found = candidate;
                    break;
                }
            }
            serializableSubclass.put(internalName, found);
        }
        return serializableSubclass.get(internalName);
    }

    /** The WAR's classes that extend {@code internalName} at any depth, are neither abstract nor interfaces, and
     * are Serializable: what an object whose static type is {@code internalName} may also be. */
    List<String> concreteSerializableSubclassesInWar(String internalName) throws IOException {
        List<String> result = new ArrayList<>();
        for (String candidate : subclassesInWar(internalName)) {
            ClassInfo info = war.get(candidate);
            if (!info.isAbstract() && !info.isInterface() && Boolean.TRUE.equals(isSerializable(candidate))) {
                result.add(candidate);
            }
        }
        return result;
    }

    /** The WAR's classes that extend {@code internalName} at any depth, nearest first. */
    private List<String> subclassesInWar(String internalName) {
        if (subclasses == null) {
            subclasses = new HashMap<>();
            for (ClassInfo info : war.values()) {
                if (info.superName != null) {
                    subclasses.computeIfAbsent(info.superName, s -> new ArrayList<>()).add(info.name);
                }
            }
        }
        List<String> result = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(subclasses.getOrDefault(internalName, Collections.emptyList()));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String candidate = pending.poll();
            if (seen.add(candidate)) {
                result.add(candidate);
                pending.addAll(subclasses.getOrDefault(candidate, Collections.emptyList()));
            }
        }
        return result;
    }

    /** The nearest common superclass of two classes, {@code java/lang/Object} when it cannot be told. */
    String commonSuperClass(String a, String b) throws IOException {
        List<String> chain = new ArrayList<>();
        ClassInfo at = find(a);
        if (at == null || at.isInterface()) {
            return OBJECT;
        }
        chain.add(a);
        for (int depth = 0; at != null && at.superName != null && depth < 256; depth++) {
            chain.add(at.superName);
            at = find(at.superName);
        }
        String other = b;
        for (int depth = 0; other != null && depth < 256; depth++) {
            if (chain.contains(other)) {
                return other;
            }
            ClassInfo info = find(other);
            if (info == null || info.isInterface()) {
                return OBJECT;
            }
            other = info.superName;
        }
        return OBJECT;
    }

    private static int latestMajor() {
        int latest = 52;
        for (Field field : Opcodes.class.getFields()) {
            if (field.getName().matches("V\\d+") && field.getType() == int.class) {
                try {
                    latest = Math.max(latest, field.getInt(null) & 0xffff);
                } catch (IllegalAccessException e) {
                    // public constants of an interface: not reached
                }
            }
        }
        return latest;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (ZipFile jar : jars.values()) {
            try {
                jar.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        jars.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
