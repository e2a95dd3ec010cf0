package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.ClassInfo.Origin;
import io.github.clusterready.tomcat.war.NestedJar;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The first step of the analysis: reads the class files of {@code WEB-INF/classes} (and, when asked, of the jars of
 * {@code WEB-INF/lib}, through the plugin's bounded {@link NestedJar} reader) into the resolver, and keeps the code
 * of the methods that may call {@code setAttribute} or {@code getAttribute}: the {@link AnalysisInput} of the passes.
 */
final class WarClassReader {
    private static final byte[] SET_ATTRIBUTE = "setAttribute".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PUT_VALUE = "putValue".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GET_ATTRIBUTE = "getAttribute".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLASS_SUFFIX = ".class".getBytes(StandardCharsets.US_ASCII);

    private final SerializabilityResolver resolver;
    private final boolean includeLibraries;
    private final SessionAnalysis.Builder results;
    private final List<Candidate> candidates = new ArrayList<>();
    private final Set<String> libraryClasses = new HashSet<>();

    WarClassReader(SerializabilityResolver resolver, boolean includeLibraries, SessionAnalysis.Builder results) {
        this.resolver = resolver;
        this.includeLibraries = includeLibraries;
        this.results = results;
    }

    AnalysisInput read(WarArchive war, String warName) throws IOException, WarException {
        for (WarEntry entry : war.entries()) {
            String name = entry.name();
            if (name.startsWith(AnalysisInput.CLASSES)
                    && Bytecode.isClassFile(name.substring(AnalysisInput.CLASSES.length()))) {
                readClass(war.read(entry, AnalysisInput.CLASS_FILE_LIMIT), warName + "!/" + name);
            } else if (name.endsWith(".jsp") || name.endsWith(".jspx")) {
                results.page();
            }
        }
        for (WarEntry entry : war.entries()) {
            String name = entry.name();
            if (name.startsWith(AnalysisInput.LIB) && name.endsWith(".jar")
                    && name.indexOf('/', AnalysisInput.LIB.length()) < 0) {
                results.library();
                if (includeLibraries) {
                    readJar(war, entry, warName + "!/" + name);
                }
            }
        }
        return new AnalysisInput(resolver, war, candidates, libraryClasses);
    }

    private void readJar(WarArchive war, WarEntry jar, String location) throws IOException, WarException {
        NestedJar.read(war, jar, null, NestedJar.IN_MEMORY_LIMIT, WarClassReader::isClassFile,
                AnalysisInput.CLASS_FILE_LIMIT, location, new NestedJar.EntryHandler() {
                    @Override
                    public boolean accept(String name, byte[] content) {
                        readClass(content, location + "!/" + name);
                        return true;
                    }

                    @Override
                    public void tooLarge(String name, long size) {
                        results.classFile();
                        unreadable(results, location + "!/" + name, new SerializabilityResolver.TooLargeException(
                                AnalysisInput.CLASS_FILE_LIMIT).getMessage());
                    }
                });
    }

    /** {@link Bytecode#isClassFile} for a jar entry's name as bytes: a string only for names ending in .class. */
    private static boolean isClassFile(byte[] bytes, int at, int length) {
        if (length < CLASS_SUFFIX.length) {
            return false;
        }
        for (int i = 0; i < CLASS_SUFFIX.length; i++) {
            if (bytes[at + length - CLASS_SUFFIX.length + i] != CLASS_SUFFIX[i]) {
                return false;
            }
        }
        return Bytecode.isClassFile(new String(bytes, at, length, StandardCharsets.UTF_8));
    }

    private void readClass(byte[] bytes, String location) {
        results.classFile();
        ClassInfo info;
        ClassNode node = null;
        try {
            ClassReader reader = new ClassReader(bytes);
            if (Bytecode.contains(bytes, SET_ATTRIBUTE) || Bytecode.contains(bytes, PUT_VALUE)
                    || Bytecode.contains(bytes, GET_ATTRIBUTE)) {
                node = new ClassNode();
                ClassInfo.Collector collector = new ClassInfo.Collector(node);
                reader.accept(collector, ClassReader.SKIP_FRAMES);
                info = collector.result(Origin.WAR);
            } else {
                ClassInfo.Collector collector = new ClassInfo.Collector(null);
                reader.accept(collector, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
                info = collector.result(Origin.WAR);
            }
        } catch (RuntimeException e) {
            unreadable(results, location, SerializabilityResolver.whyUnreadable(bytes, e));
            return;
        }
        if (resolver.hasWarClass(info.name)) {
            return; // WEB-INF/classes comes first, then the jars in their order, as Tomcat loads them
        }
        resolver.define(info);
        if (location.contains("!/" + AnalysisInput.LIB)) {
            libraryClasses.add(info.name);
        }
        if (node != null) {
            for (MethodNode method : node.methods) {
                if (callsSession(method)) {
                    candidates.add(new Candidate(info, method));
                }
            }
        }
    }

    private static boolean callsSession(MethodNode method) {
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (Bytecode.isSetter(insn) || insn instanceof MethodInsnNode
                    && TypeInterpreter.isAttributeRead((MethodInsnNode) insn)) {
                return true;
            }
        }
        return false;
    }

    /** Warns that the class file at {@code location} could not be read, and why. */
    static void unreadable(SessionAnalysis.Builder results, String location, String why) {
        results.risk(SessionRisk.unreadable(location, "could not be read as a class file: " + why + "; what it "
                + "stores in sessions, and whether its objects are Serializable, is not checked. Compile it for a "
                + "release the analysis reads, replace the damaged file, or set "
                + "tomcat-cluster.failOnUnreadableClass to false to only warn"));
    }
}
