package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * What every pass of the analysis reads, the same for all and changed by none: the WAR, the classes read from it
 * (through {@link #resolver}), the methods that call {@code setAttribute} or {@code getAttribute}, and which classes
 * come from the jars of {@code WEB-INF/lib}. {@link WarClassReader} makes it.
 */
final class AnalysisInput {
    static final String CLASSES = "WEB-INF/classes/";
    static final String LIB = "WEB-INF/lib/";
    static final int CLASS_FILE_LIMIT = 64 * 1024 * 1024;
    private static final List<String> SESSION_TYPES = Arrays.asList(
            "jakarta/servlet/http/HttpSession", "javax/servlet/http/HttpSession");
    /** Attribute names Tomcat never checks nor replicates ({@code org.apache.catalina.session.Constants}). */
    static final Set<String> EXCLUDED_NAMES = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            "javax.security.auth.subject", "org.apache.catalina.valves.CrawlerSessionManagerValve")));

    final SerializabilityResolver resolver;
    /** The WAR; null when the classes were given otherwise (tests). */
    final WarArchive archive;
    final List<Candidate> candidates;
    private final Set<String> libraryClasses;
    /** The WAR's entries by name (WarArchive.find is a scan: index them once). */
    private final Map<String, WarEntry> entries;
    /** A cache of {@link #isSession}, which no pass can observe. */
    private final Map<String, Boolean> sessionTypes = new ConcurrentHashMap<>();

    AnalysisInput(SerializabilityResolver resolver, WarArchive archive, List<Candidate> candidates,
            Set<String> libraryClasses) {
        this.resolver = resolver;
        this.archive = archive;
        this.candidates = Collections.unmodifiableList(new ArrayList<>(candidates));
        this.libraryClasses = Collections.unmodifiableSet(new HashSet<>(libraryClasses));
        Map<String, WarEntry> byName = new HashMap<>();
        if (archive != null) {
            for (WarEntry each : archive.entries()) {
                byName.putIfAbsent(each.name(), each);
            }
        }
        this.entries = Collections.unmodifiableMap(byName);
    }

    /** Whether {@code internalName} was read from a jar of {@code WEB-INF/lib}, not from {@code WEB-INF/classes}. */
    boolean isLibraryClass(String internalName) {
        return libraryClasses.contains(internalName);
    }

    /** The class files of {@code WEB-INF/classes}. */
    List<WarEntry> ownClassFiles() {
        List<WarEntry> result = new ArrayList<>();
        if (archive != null) {
            for (WarEntry entry : archive.entries()) {
                String name = entry.name();
                if (name.startsWith(CLASSES) && Bytecode.isClassFile(name.substring(CLASSES.length()))) {
                    result.add(entry);
                }
            }
        }
        return result;
    }

    /** The code of the class {@code internalName} of {@code WEB-INF/classes}, read again; null when not there. */
    ClassNode ownClass(String internalName) throws IOException {
        WarEntry entry = entries.get(CLASSES + internalName + ".class");
        if (entry == null) {
            return null;
        }
        return read(entry);
    }

    /** The code of a class file of the WAR, read again; null when it cannot be read (warned about when first read). */
    ClassNode read(WarEntry entry) throws IOException {
        ClassNode node = new ClassNode();
        try {
            new ClassReader(archive.read(entry, CLASS_FILE_LIMIT)).accept(node, ClassReader.SKIP_FRAMES);
        } catch (WarException | RuntimeException e) {
            return null;
        }
        return node;
    }

    /** Whether {@code owner} is {@code HttpSession} (javax or jakarta) or a subtype of it. */
    boolean isSession(String owner) {
        Boolean known = sessionTypes.get(owner);
        if (known == null) {
            try {
                known = SESSION_TYPES.contains(owner)
                        || Boolean.TRUE.equals(resolver.implementsType(owner, SESSION_TYPES.get(0)))
                        || Boolean.TRUE.equals(resolver.implementsType(owner, SESSION_TYPES.get(1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sessionTypes.put(owner, known);
        }
        return known;
    }
}
