package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Where the code of {@code WEB-INF/classes} assigns each instance field ({@code PUTFIELD}), wherever the assignment
 * is: in the field's class, a nest mate, or any other class of the WAR; and where it calls the one-argument setters
 * of the WAR's classes. Indexed once, on the first question (the
 * class files are read again, their code but not kept); the jars of {@code WEB-INF/lib} are not read.
 */
final class FieldStores {
    /** One assignment: the class and method it is in, and its source line (0 when the class file has none). */
    static final class Site {
        final WarEntry entry;
        final String className;
        final String method;
        final String descriptor;
        /** The field's owner as the instruction names it: the declaring class or a subclass. */
        final String owner;
        final int line;

        Site(WarEntry entry, String className, String method, String descriptor, String owner, int line) {
            this.entry = entry;
            this.className = className;
            this.method = method;
            this.descriptor = descriptor;
            this.owner = owner;
            this.line = line;
        }
    }

    private final AnalysisInput input;
    /** By the field's declaring class and name: {@code shop/Cart.items}. */
    private Map<String, List<Site>> sites;
    /**
     * The calls of one-argument {@code set*} methods of classes of the WAR, by the owner the call names, name and
     * descriptor: {@code shop/Order.setTask(Ljava/lang/Runnable;)V}; the site's owner is the called class.
     */
    private final Map<String, List<Site>> setterCalls = new HashMap<>();

    FieldStores(AnalysisInput input) {
        this.input = input;
    }

    /** Whether the index can tell: the WAR is there to be read. */
    boolean available() {
        return input.archive != null;
    }

    /** The assignments of the field {@code name} declared by {@code declaring}, whatever owner they name. */
    List<Site> of(String declaring, String name) throws IOException {
        if (sites == null) {
            sites = index();
        }
        return sites.getOrDefault(declaring + "." + name, Collections.<Site>emptyList());
    }

    /** The calls in {@code WEB-INF/classes} of the one-argument setter {@code owner.name descriptor}. */
    List<Site> setterCalls(String owner, String name, String descriptor) throws IOException {
        if (sites == null) {
            sites = index();
        }
        return setterCalls.getOrDefault(owner + "." + name + descriptor, Collections.<Site>emptyList());
    }

    private Map<String, List<Site>> index() throws IOException {
        Map<String, List<Site>> index = new HashMap<>();
        for (WarEntry entry : input.ownClassFiles()) {
            try {
                byte[] bytes = input.archive.read(entry, AnalysisInput.CLASS_FILE_LIMIT);
                new ClassReader(bytes).accept(new Indexer(entry, index, setterCalls, input.resolver),
                        ClassReader.SKIP_FRAMES);
            } catch (WarException | RuntimeException e) {
                continue; // warned about when first read
            }
        }
        // Keyed by the class that declares the field, found as the JVM resolves it: the owner an instruction names
        // may be a subclass (sub.name = …), so that a look-up by field is one map access, not a scan.
        Map<String, List<Site>> byField = new HashMap<>();
        for (Map.Entry<String, List<Site>> each : index.entrySet()) {
            String owner = each.getKey().substring(0, each.getKey().lastIndexOf('.'));
            String name = each.getKey().substring(owner.length() + 1);
            byField.computeIfAbsent(declaring(owner, name) + "." + name, k -> new ArrayList<>())
                    .addAll(each.getValue());
        }
        return byField;
    }

    /** The class of the WAR or its classpath that declares the field {@code name} seen from {@code owner}. */
    private String declaring(String owner, String name) throws IOException {
        ClassInfo at = input.resolver.find(owner);
        for (int depth = 0; at != null && depth < 256; depth++) {
            for (ClassInfo.FieldInfo field : at.fields) {
                if (field.name.equals(name)) {
                    return at.name;
                }
            }
            at = at.superName == null ? null : input.resolver.find(at.superName);
        }
        return owner;
    }

    /** Records the PUTFIELD instructions of one class, with their lines. */
    private static final class Indexer extends ClassVisitor {
        private final WarEntry entry;
        private final Map<String, List<Site>> index;
        private final Map<String, List<Site>> setterCalls;
        private final SerializabilityResolver resolver;
        private String className;

        Indexer(WarEntry entry, Map<String, List<Site>> index, Map<String, List<Site>> setterCalls,
                SerializabilityResolver resolver) {
            super(Opcodes.ASM9);
            this.entry = entry;
            this.index = index;
            this.setterCalls = setterCalls;
            this.resolver = resolver;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            className = name;
        }

        @Override
        public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
                private int line;

                @Override
                public void visitLineNumber(int number, Label start) {
                    line = number;
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String called,
                        boolean isInterface) {
                    if (opcode != Opcodes.INVOKESTATIC && name.startsWith("set") && called.startsWith("(L")
                            && called.indexOf(';') == called.length() - 3 && called.endsWith(")V")
                            && resolver.hasWarClass(owner)) {
                        setterCalls.computeIfAbsent(owner + "." + name + called, n -> new ArrayList<>())
                                .add(new Site(entry, className, method, descriptor, owner, line));
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String fieldDescriptor) {
                    if (opcode == Opcodes.PUTFIELD) {
                        index.computeIfAbsent(owner + "." + name, n -> new ArrayList<>())
                                .add(new Site(entry, className, method, descriptor, owner, line));
                    }
                }
            };
        }
    }
}
