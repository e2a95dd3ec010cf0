package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.ClassInfo.FieldInfo;
import io.github.clusterready.tomcat.session.ClassInfo.Origin;
import io.github.clusterready.tomcat.session.SessionRisk.Severity;
import io.github.clusterready.tomcat.session.TypeInterpreter.TypeValue;
import io.github.clusterready.tomcat.session.Verdict.Kind;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Finds, by reading the WAR's class files with ASM, what the application stores in HTTP sessions that Tomcat cannot
 * replicate once the webapp is distributable:
 * <ol>
 *   <li>every call of {@code HttpSession.setAttribute} or {@code putValue} (javax and jakarta, and any subtype of
 *       {@code HttpSession}) whose value is of a type known not to be {@code Serializable}: Tomcat throws
 *       {@code IllegalArgumentException} there. The value's type is the one a frame analysis of the method proves at
 *       the call: the declared type of the field, parameter or method result it comes from, or its exact class when
 *       the method created it with {@code new};</li>
 *   <li>for every Serializable class stored so, and every class of the WAR reachable from it through fields that
 *       default serialization writes (neither static nor transient, including the elements of collections and maps
 *       as their generic types declare them), each field whose type is known not to be Serializable: replication
 *       fails there with {@code NotSerializableException}.</li>
 * </ol>
 * The WAR is read as it is, nested jars as streams; no class is loaded, so none of the application's code runs.
 */
public final class SessionAttributeAnalyzer {
    static final String CLASSES = "WEB-INF/classes/";
    static final String LIB = "WEB-INF/lib/";
    private static final List<String> SESSION_TYPES = Arrays.asList(
            "jakarta/servlet/http/HttpSession", "javax/servlet/http/HttpSession");
    private static final String SET_DESCRIPTOR = "(Ljava/lang/String;Ljava/lang/Object;)V";
    /** Attribute names Tomcat never checks nor replicates ({@code org.apache.catalina.session.Constants}). */
    private static final Set<String> EXCLUDED_NAMES = new HashSet<>(Arrays.asList(
            "javax.security.auth.subject", "org.apache.catalina.valves.CrawlerSessionManagerValve"));
    private static final byte[] SET_ATTRIBUTE = "setAttribute".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PUT_VALUE = "putValue".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GET_ATTRIBUTE = "getAttribute".getBytes(StandardCharsets.US_ASCII);
    /** What changes a collection, a map or an atomic value in place. */
    private static final Set<String> MUTATORS = new HashSet<>(Arrays.asList("add", "addAll", "put", "putAll",
            "remove", "removeAll", "retainAll", "clear", "set", "replaceAll", "putIfAbsent", "compute",
            "computeIfAbsent", "computeIfPresent", "merge", "replace", "offer", "push", "pop", "poll", "addFirst",
            "addLast", "removeIf", "sort", "lazySet", "incrementAndGet", "decrementAndGet", "getAndIncrement",
            "getAndDecrement", "addAndGet", "getAndAdd", "getAndSet", "updateAndGet", "getAndUpdate",
            "accumulateAndGet", "getAndAccumulate"));
    private static final int CLASS_FILE_LIMIT = 64 * 1024 * 1024;

    private final List<Path> classpath;
    private final boolean includeLibraries;

    /**
     * @param classpath the project's compile classpath (jars and class directories), where types that are not in
     *        the WAR are looked up; the JDK's classes are always known
     * @param includeLibraries also analyse the classes of the jars in {@code WEB-INF/lib}
     */
    public SessionAttributeAnalyzer(List<Path> classpath, boolean includeLibraries) {
        this.classpath = new ArrayList<>(classpath);
        this.includeLibraries = includeLibraries;
    }

    /**
     * Analyses {@code war}.
     *
     * @param warName the WAR as the user knows it, e.g. {@code target/app.war}, for messages
     */
    public SessionAnalysis analyze(WarArchive war, String warName) throws IOException, WarException {
        try (SerializabilityResolver resolver = new SerializabilityResolver(classpath)) {
            Run run = new Run(resolver);
            run.readClasses(war, warName);
            try {
                run.analyzeCalls();
                run.analyzeHelperCalls();
                run.checkFrameworkBeans();
                run.walkFields();
                run.unreadableLookUps();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return new SessionAnalysis(run.risks, run.valueClasses, run.unlistedValues, run.classCount,
                    run.callCount, run.pageCount, run.libraryCount, run.ownStores, run.frameworkBeans);
        }
    }

    /** A method with at least one call that may be a session's setAttribute. */
    private static final class Candidate {
        final ClassInfo type;
        final MethodNode method;

        Candidate(ClassInfo type, MethodNode method) {
            this.type = type;
            this.method = method;
        }
    }

    /**
     * A method of the WAR that stores one of its parameters as a session attribute ({@code put(session, "k", v)}),
     * under another parameter or a constant name: a call of it stores its argument as {@code setAttribute} would.
     */
    private static final class Helper {
        final String owner;
        final String name;
        final String descriptor;
        /** The index among the call's arguments of the value, and of the name (-1 when {@link #constant}). */
        final int valueArgument;
        final int nameArgument;
        final String constant;
        final String via;

        private Helper(String owner, String name, String descriptor, int valueArgument, int nameArgument,
                String constant, String via) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.valueArgument = valueArgument;
            this.nameArgument = nameArgument;
            this.constant = constant;
            this.via = via;
        }

        static Helper of(Candidate candidate, MethodInsnNode call, BasicValue nameValue, BasicValue value) {
            MethodNode method = candidate.method;
            if (!(value instanceof TypeInterpreter.ParameterValue)) {
                return null;
            }
            boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
            int valueArgument = argument(method, isStatic, ((TypeInterpreter.ParameterValue) value).slot);
            int nameArgument = nameValue instanceof TypeInterpreter.ParameterValue
                    ? argument(method, isStatic, ((TypeInterpreter.ParameterValue) nameValue).slot) : -1;
            String constant = nameValue instanceof TypeValue ? ((TypeValue) nameValue).constant : null;
            if (valueArgument < 0 || nameArgument < 0 && constant == null) {
                return null;
            }
            return new Helper(candidate.type.name, method.name, method.desc, valueArgument, nameArgument, constant,
                    " through " + candidate.type.simpleName() + "." + method.name + ", which calls HttpSession."
                            + call.name);
        }

        /** The index among the method's arguments of the parameter in local variable {@code slot}; -1 for this. */
        private static int argument(MethodNode method, boolean isStatic, int slot) {
            int at = isStatic ? 0 : 1;
            Type[] types = Type.getArgumentTypes(method.desc);
            for (int i = 0; i < types.length; i++) {
                if (at == slot) {
                    return i;
                }
                at += types[i].getSize();
            }
            return -1;
        }

        String key() {
            return owner + "." + name + descriptor;
        }
    }

    /**
     * A class whose fields are to be checked: how it was reached (the reach before it and the field between, so
     * that a long chain of classes costs one link each, not a path each), and where it was stored.
     */
    private static final class Reach {
        /** How many steps of a path a finding shows at most: the first ones and the last ones. */
        static final int SHOWN_STEPS = 8;

        private static final int HEAD = SHOWN_STEPS / 2 - 1;
        private static final int TAIL = SHOWN_STEPS - HEAD;

        final String type;
        final Reach parent;
        final String field;
        final int depth;
        final String storedAt;
        /** The first {@link #HEAD} fields of the path, shared with the reaches after it once full. */
        private final String[] head;

        Reach(String type, Reach parent, String field, String storedAt) {
            this.type = type;
            this.parent = parent;
            this.field = field;
            this.depth = parent == null ? 0 : parent.depth + 1;
            this.storedAt = storedAt;
            if (parent == null) {
                head = new String[0];
            } else if (parent.head.length < HEAD) {
                head = Arrays.copyOf(parent.head, parent.head.length + 1);
                head[head.length - 1] = field;
            } else {
                head = parent.head;
            }
        }

        /**
         * The path from the stored value through {@code last}:
         * {@code Cart.items -> CartItem.product -> Product.supplier}; a long one shows its first and last steps
         * around {@code -> … (99,990 more) ->}. Costs as much for a path of a hundred thousand steps as for one of ten.
         */
        String path(String last) {
            int steps = depth + (last == null ? 0 : 1);
            List<String> tail = new ArrayList<>();
            if (last != null) {
                tail.add(last);
            }
            for (Reach at = this; at != null && at.field != null && tail.size() < (steps <= SHOWN_STEPS ? steps
                    : TAIL); at = at.parent) {
                tail.add(at.field);
            }
            Collections.reverse(tail);
            if (steps <= SHOWN_STEPS) {
                return String.join(" -> ", tail);
            }
            return String.join(" -> ", head) + " -> … (" + String.format(Locale.ROOT, "%,d",
                    steps - HEAD - TAIL) + " more) -> " + String.join(" -> ", tail);
        }
    }

    /** The state of one analysis. */
    private final class Run {
        final SerializabilityResolver resolver;
        final List<SessionRisk> risks = new ArrayList<>();
        final TreeSet<String> valueClasses = new TreeSet<>();
        final List<String> unlistedValues = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        final Deque<Reach> reaches = new ArrayDeque<>();
        final Set<String> walked = new HashSet<>();
        final Set<String> reportedFields = new HashSet<>();
        final Map<String, Boolean> sessionTypes = new HashMap<>();
        /** The WAR's methods that store a parameter as a session attribute, by owner, name and descriptor. */
        final Map<String, Helper> helpers = new LinkedHashMap<>();
        WarArchive archive;
        /** The WAR's entries by name, when first needed. */
        Map<String, WarEntry> classEntries;
        int classCount;
        int callCount;
        /** The setAttribute/putValue calls and session-scoped beans of WEB-INF/classes, not of the libraries. */
        int ownStores;
        int frameworkBeans;
        /** The WAR classes read from the jars of WEB-INF/lib. */
        final Set<String> libraryClasses = new HashSet<>();
        int pageCount;
        int libraryCount;

        Run(SerializabilityResolver resolver) {
            this.resolver = resolver;
        }

        void readClasses(WarArchive war, String warName) throws IOException, WarException {
            this.archive = war;
            for (WarEntry entry : war.entries()) {
                String name = entry.name();
                if (name.startsWith(CLASSES) && isClassFile(name.substring(CLASSES.length()))) {
                    readClass(war.read(entry, CLASS_FILE_LIMIT), warName + "!/" + name);
                } else if (name.endsWith(".jsp") || name.endsWith(".jspx")) {
                    pageCount++;
                }
            }
            for (WarEntry entry : war.entries()) {
                String name = entry.name();
                if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0) {
                    libraryCount++;
                    if (includeLibraries) {
                        readJar(war, entry, warName + "!/" + name);
                    }
                }
            }
        }

        private void readJar(WarArchive war, WarEntry jar, String location) throws IOException, WarException {
            try (ZipInputStream in = new ZipInputStream(war.open(jar))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (!entry.isDirectory() && isClassFile(entry.getName())) {
                        String where = location + "!/" + entry.getName();
                        byte[] bytes;
                        try {
                            bytes = SerializabilityResolver.readAll(in, CLASS_FILE_LIMIT);
                        } catch (SerializabilityResolver.TooLargeException e) {
                            classCount++;
                            unreadable(where, e.getMessage());
                            continue; // the stream skips the rest of the entry
                        }
                        readClass(bytes, where);
                    }
                }
            } catch (ZipException | EOFException e) {
                throw new WarException(location + " is not a readable jar (" + e.getMessage() + "); Tomcat cannot "
                        + "load it either. Replace the damaged library and rebuild the WAR", e);
            }
        }

        /** A class file of the application: not module or package metadata, not a multi-release variant. */
        private boolean isClassFile(String path) {
            return path.endsWith(".class") && !path.startsWith("META-INF/")
                    && !path.endsWith("module-info.class") && !path.endsWith("package-info.class");
        }

        private void readClass(byte[] bytes, String location) {
            classCount++;
            ClassInfo info;
            ClassNode node = null;
            try {
                ClassReader reader = new ClassReader(bytes);
                if (contains(bytes, SET_ATTRIBUTE) || contains(bytes, PUT_VALUE) || contains(bytes, GET_ATTRIBUTE)) {
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
                unreadable(location, SerializabilityResolver.whyUnreadable(bytes, e));
                return;
            }
            if (resolver.hasWarClass(info.name)) {
                return; // WEB-INF/classes comes first, then the jars in their order, as Tomcat loads them
            }
            resolver.define(info);
            if (location.contains("!/" + LIB)) {
                libraryClasses.add(info.name);
            }
            if (node != null) {
                for (MethodNode method : node.methods) {
                    if (hasSetterCall(method)) {
                        candidates.add(new Candidate(info, method));
                    }
                }
            }
        }

        /** Warns that the class file at {@code location} could not be read, and why. */
        void unreadable(String location, String why) {
            risks.add(SessionRisk.unreadable(location, "could not be read as a class file: " + why + "; what it "
                    + "stores in sessions, and whether its objects are Serializable, is not checked. Compile it for a "
                    + "release the analysis reads, replace the damaged file, or set "
                    + "tomcat-cluster.failOnUnreadableClass to false to only warn"));
        }

        /** Warns about the class files of the classpath and the JDK that were looked up and could not be read. */
        void unreadableLookUps() {
            for (Map.Entry<String, String> entry : resolver.unreadableClasses().entrySet()) {
                unreadable(entry.getKey(), entry.getValue());
            }
        }

        private boolean hasSetterCall(MethodNode method) {
            for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
                if (isSetter(insn) || insn instanceof MethodInsnNode
                        && TypeInterpreter.isAttributeRead((MethodInsnNode) insn)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isSetter(AbstractInsnNode insn) {
            if (!(insn instanceof MethodInsnNode)) {
                return false;
            }
            MethodInsnNode call = (MethodInsnNode) insn;
            return (call.name.equals("setAttribute") || call.name.equals("putValue"))
                    && call.desc.equals(SET_DESCRIPTOR) && call.getOpcode() != Opcodes.INVOKESTATIC;
        }

        private boolean isSession(String owner) {
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

        void analyzeCalls() throws IOException {
            for (Candidate candidate : candidates) {
                MethodNode method = candidate.method;
                Frame<BasicValue>[] frames;
                List<List<Integer>> successors = new ArrayList<>();
                for (int i = 0; i < method.instructions.size(); i++) {
                    successors.add(new ArrayList<>(2));
                }
                try {
                    frames = new Analyzer<BasicValue>(new TypeInterpreter(resolver, method)) {
                        @Override
                        protected void newControlFlowEdge(int insn, int successor) {
                            successors.get(insn).add(successor);
                        }

                        @Override
                        protected boolean newControlFlowExceptionEdge(int insn, int successor) {
                            successors.get(insn).add(successor);
                            return true;
                        }
                    }.analyze(candidate.type.name, method);
                } catch (AnalyzerException | RuntimeException e) {
                    if (e instanceof UncheckedIOException) {
                        throw (UncheckedIOException) e;
                    }
                    risks.add(new SessionRisk(Severity.UNKNOWN, candidate.type.sourcePath(), candidate.type
                            .simpleName() + "." + method.name + " could not be analysed (" + e.getMessage()
                            + "), so what it stores in sessions is not known"));
                    continue;
                }
                for (int i = 0; i < method.instructions.size(); i++) {
                    AbstractInsnNode insn = method.instructions.get(i);
                    if (isSetter(insn) && isSession(((MethodInsnNode) insn).owner)) {
                        callCount++;
                        if (!libraryClasses.contains(candidate.type.name)) {
                            ownStores++;
                        }
                        Frame<BasicValue> frame = frames[i];
                        if (frame != null) { // null: code that never runs
                            int top = frame.getStackSize() - 1;
                            checkCall(candidate, (MethodInsnNode) insn, frame.getStack(top - 1),
                                    frame.getStack(top));
                            Helper helper = Helper.of(candidate, (MethodInsnNode) insn, frame.getStack(top - 1),
                                    frame.getStack(top));
                            if (helper != null) {
                                helpers.put(helper.key(), helper);
                            }
                        }
                    }
                }
                checkChangesInPlace(candidate, frames, successors);
            }
        }

        /**
         * The classes whose instances a framework keeps in the HTTP session for the application: CDI and JSF
         * {@code @SessionScoped}, Spring {@code @SessionScope} and {@code @Scope("session")}, Stripes
         * {@code @SessionScope} action beans, Wicket {@code Session} subclasses. Each is checked as a value stored
         * with its exact class (a framework's proxy or subclass of it is not looked for), and its fields are walked.
         */
        void checkFrameworkBeans() throws IOException {
            for (ClassInfo info : new ArrayList<>(resolver.warClasses())) {
                if (info.isInterface() || info.isAbstract()) {
                    continue;
                }
                String scope = frameworkScope(info);
                if (scope == null) {
                    continue;
                }
                frameworkBeans++;
                if (!libraryClasses.contains(info.name)) {
                    ownStores++;
                }
                String storedAt = "the session-scoped " + info.binaryName() + " (" + scope + ")";
                Verdict verdict = resolver.verdict(info.name, true);
                if (verdict.is(Kind.NOT_SERIALIZABLE)) {
                    risks.add(new SessionRisk(Severity.ERROR, info.sourcePath(), info.simpleName() + " is " + scope
                            + ", so the framework keeps its instances in the HTTP session, and " + info.simpleName()
                            + " " + verdict.reason + ": Tomcat refuses it there once the webapp is distributable "
                            + "(IllegalArgumentException, \"Non-serializable attribute\"), or the container "
                            + "refuses the bean: " + fix(verdict, info.name)));
                } else if (verdict.is(Kind.SERIALIZABLE)) {
                    valueClasses.add(info.binaryName());
                    unlistedValues.add(info.sourcePath() + ": " + storedAt + ", which the framework may store as "
                            + "a proxy or subclass, or wrapped in its own class");
                    reachable(verdict, info.name, null, null, storedAt);
                }
            }
        }

        /** The framework scope that keeps {@code info}'s instances in the session, as the user wrote it; or null. */
        private String frameworkScope(ClassInfo info) throws IOException {
            for (String annotation : info.annotations) {
                switch (annotation) {
                    case "Ljakarta/enterprise/context/SessionScoped;":
                    case "Ljavax/enterprise/context/SessionScoped;":
                        return "CDI @SessionScoped";
                    case "Ljavax/faces/bean/SessionScoped;":
                        return "JSF @SessionScoped";
                    case "Lorg/springframework/web/context/annotation/SessionScope;":
                        return "Spring @SessionScope";
                    case "Lnet/sourceforge/stripes/action/SessionScope;":
                        return "Stripes @SessionScope";
                    default:
                        if (annotation.equals(ClassInfo.SPRING_SCOPE) && "session".equals(info.scope)) {
                            return "Spring @Scope(\"session\")";
                        }
                }
            }
            if (!info.name.startsWith("org/apache/wicket/")
                    && Boolean.TRUE.equals(resolver.implementsType(info.name, "org/apache/wicket/Session"))) {
                return "a Wicket Session";
            }
            return null;
        }

        /**
         * The calls of {@link #helpers}: each stores its argument as {@code setAttribute} would, checked at the
         * caller's line. The callers are found among the classes of {@code WEB-INF/classes}, read a second time;
         * calls from the jars of {@code WEB-INF/lib}, and helpers of helpers, are not followed.
         */
        void analyzeHelperCalls() throws IOException {
            if (helpers.isEmpty() || archive == null) {
                return;
            }
            Set<String> names = new HashSet<>();
            for (Helper helper : helpers.values()) {
                names.add(helper.name);
            }
            List<byte[]> wanted = new ArrayList<>();
            for (String name : names) {
                wanted.add(name.getBytes(StandardCharsets.UTF_8));
            }
            try {
                for (WarEntry entry : archive.entries()) {
                    String name = entry.name();
                    if (!name.startsWith(CLASSES) || !isClassFile(name.substring(CLASSES.length()))) {
                        continue;
                    }
                    byte[] bytes = archive.read(entry, CLASS_FILE_LIMIT);
                    boolean calls = false;
                    for (byte[] helperName : wanted) {
                        calls |= contains(bytes, helperName);
                    }
                    if (calls) {
                        analyzeHelperCalls(bytes);
                    }
                }
            } catch (WarException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        private void analyzeHelperCalls(byte[] bytes) throws IOException {
            ClassNode node = new ClassNode();
            try {
                new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
            } catch (RuntimeException e) {
                return; // warned about when first read
            }
            ClassInfo type = resolver.find(node.name);
            if (type == null || type.origin != Origin.WAR) {
                return;
            }
            for (MethodNode method : node.methods) {
                List<Integer> calls = new ArrayList<>();
                for (int i = 0; i < method.instructions.size(); i++) {
                    AbstractInsnNode insn = method.instructions.get(i);
                    if (insn instanceof MethodInsnNode && helpers.containsKey(((MethodInsnNode) insn).owner + "."
                            + ((MethodInsnNode) insn).name + ((MethodInsnNode) insn).desc)) {
                        calls.add(i);
                    }
                }
                if (calls.isEmpty()) {
                    continue;
                }
                Frame<BasicValue>[] frames;
                try {
                    frames = new Analyzer<>(new TypeInterpreter(resolver, method)).analyze(node.name, method);
                } catch (AnalyzerException | RuntimeException e) {
                    if (e instanceof UncheckedIOException) {
                        throw ((UncheckedIOException) e).getCause();
                    }
                    continue;
                }
                Candidate candidate = new Candidate(type, method);
                for (int i : calls) {
                    MethodInsnNode call = (MethodInsnNode) method.instructions.get(i);
                    Helper helper = helpers.get(call.owner + "." + call.name + call.desc);
                    Frame<BasicValue> frame = frames[i];
                    if (frame == null) {
                        continue;
                    }
                    int first = frame.getStackSize() - Type.getArgumentTypes(call.desc).length;
                    BasicValue value = frame.getStack(first + helper.valueArgument);
                    BasicValue name = helper.nameArgument >= 0 ? frame.getStack(first + helper.nameArgument)
                            : new TypeValue(Type.getObjectType("java/lang/String"), true, helper.constant);
                    if (value instanceof TypeInterpreter.ParameterValue) {
                        continue; // a helper of a helper: not followed
                    }
                    checkCall(candidate, call, name, value, helper.via);
                }
            }
        }

        /**
         * A value read with {@code getAttribute("name")} and changed in the method (a collection's or map's
         * {@code add}/{@code put}/{@code remove}…, a setter or {@code add*}/{@code remove*} method of a class of the
         * WAR, a field written), where no {@code setAttribute} for that name (nor one with a name the analysis
         * cannot tell) can run after the change: DeltaManager and BackupManager replicate an attribute only when
         * {@code setAttribute} is called for it. A value passed to a method of the WAR or a library (not the JDK)
         * may be stored there again: it is left alone. One finding per attribute and method, at the first change.
         */
        private void checkChangesInPlace(Candidate candidate, Frame<BasicValue>[] frames,
                List<List<Integer>> successors) throws IOException {
            MethodNode method = candidate.method;
            Map<String, Integer> changes = new LinkedHashMap<>();
            Map<String, String> how = new HashMap<>();
            Set<String> passedOn = new HashSet<>();
            for (int i = 0; i < method.instructions.size(); i++) {
                AbstractInsnNode insn = method.instructions.get(i);
                Frame<BasicValue> frame = frames[i];
                if (frame == null) {
                    continue;
                }
                int size = frame.getStackSize();
                if (insn instanceof MethodInsnNode) {
                    MethodInsnNode call = (MethodInsnNode) insn;
                    int arguments = Type.getArgumentTypes(call.desc).length;
                    ClassInfo callee = resolver.find(call.owner);
                    boolean jdk = callee != null && callee.origin == Origin.JDK;
                    for (int a = size - arguments; a < size && !jdk; a++) {
                        String read = readAttribute(frame.getStack(a));
                        if (read != null) {
                            passedOn.add(read);
                        }
                    }
                    if (call.getOpcode() != Opcodes.INVOKESTATIC && size - arguments - 1 >= 0) {
                        String read = readAttribute(frame.getStack(size - arguments - 1));
                        if (read != null && !changes.containsKey(read) && isMutator(call)) {
                            changes.put(read, i);
                            how.put(read, ClassInfo.simpleName(call.owner) + "." + call.name);
                        }
                    }
                } else if (insn.getOpcode() == Opcodes.PUTFIELD && size >= 2) {
                    String read = readAttribute(frame.getStack(size - 2));
                    if (read != null && !changes.containsKey(read)) {
                        changes.put(read, i);
                        how.put(read, "the field " + ((FieldInsnNode) insn).name + " set");
                    }
                }
            }
            for (Map.Entry<String, Integer> change : changes.entrySet()) {
                String name = change.getKey();
                if (passedOn.contains(name) || storedAfter(method, frames, successors, change.getValue(), name)) {
                    continue;
                }
                int line = lineOf(method.instructions.get(change.getValue()));
                String location = candidate.type.sourcePath() + (line > 0 ? ":" + line : "");
                risks.add(new SessionRisk(Severity.ERROR, location, candidate.type.simpleName() + "." + method.name
                        + " changes the session attribute \"" + name + "\" in place (" + how.get(name) + ") and "
                        + "does not call setAttribute(\"" + name + "\", …) after that, so DeltaManager and "
                        + "BackupManager do not replicate the change: the other nodes keep the value as it was last "
                        + "stored. Call session.setAttribute(\"" + name + "\", …) with the changed object after "
                        + "changing it"));
            }
        }

        /** The attribute name a value was read under with a session's {@code getAttribute}, or null. */
        private String readAttribute(BasicValue value) {
            if (!(value instanceof TypeValue) || ((TypeValue) value).read == null) {
                return null;
            }
            TypeValue typed = (TypeValue) value;
            return isSession(typed.read.owner) && !EXCLUDED_NAMES.contains(typed.attribute) ? typed.attribute : null;
        }

        private boolean isMutator(MethodInsnNode call) throws IOException {
            if (MUTATORS.contains(call.name) && (Boolean.TRUE.equals(resolver.implementsType(call.owner,
                    "java/util/Collection"))
                    || Boolean.TRUE.equals(resolver.implementsType(call.owner, "java/util/Map"))
                    || call.owner.startsWith("java/util/concurrent/atomic/"))) {
                return true;
            }
            ClassInfo owner = resolver.find(call.owner);
            if (owner == null || owner.origin != Origin.WAR || !Type.getReturnType(call.desc).equals(Type.VOID_TYPE)
                    || Type.getArgumentTypes(call.desc).length == 0) {
                return false;
            }
            for (String prefix : new String[] {"set", "add", "remove", "put"}) {
                if (call.name.length() > prefix.length() && call.name.startsWith(prefix)
                        && Character.isUpperCase(call.name.charAt(prefix.length()))) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a {@code setAttribute} for {@code name}, or for a name not known, may run after {@code from}. */
        private boolean storedAfter(MethodNode method, Frame<BasicValue>[] frames, List<List<Integer>> successors,
                int from, String name) {
            Deque<Integer> pending = new ArrayDeque<>(successors.get(from));
            Set<Integer> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                int at = pending.poll();
                if (!seen.add(at)) {
                    continue;
                }
                AbstractInsnNode insn = method.instructions.get(at);
                if (isSetter(insn) && isSession(((MethodInsnNode) insn).owner) && frames[at] != null) {
                    BasicValue stored = frames[at].getStack(frames[at].getStackSize() - 2);
                    String constant = stored instanceof TypeValue ? ((TypeValue) stored).constant : null;
                    if (constant == null || constant.equals(name)) {
                        return true;
                    }
                }
                pending.addAll(successors.get(at));
            }
            return false;
        }

        private void checkCall(Candidate candidate, MethodInsnNode call, BasicValue nameValue, BasicValue value)
                throws IOException {
            checkCall(candidate, call, nameValue, value, " with HttpSession." + call.name);
        }

        private void checkCall(Candidate candidate, MethodInsnNode call, BasicValue nameValue, BasicValue value,
                String api) throws IOException {
            String attribute = nameValue instanceof TypeValue ? ((TypeValue) nameValue).constant : null;
            if (attribute != null && EXCLUDED_NAMES.contains(attribute)) {
                return;
            }
            if (!(value instanceof TypeValue) || ((TypeValue) value).isNull()) {
                return; // null removes the attribute
            }
            TypeValue typed = (TypeValue) value;
            int line = lineOf(call);
            String location = candidate.type.sourcePath() + (line > 0 ? ":" + line : "");
            String storer = candidate.type.simpleName() + "." + candidate.method.name + " stores ";
            String as = attribute == null ? "" : " as \"" + attribute + "\"";
            String storedAt = (attribute == null ? "the session attribute" : "the session attribute \"" + attribute
                    + "\"") + " (stored at " + location + ")";
            Type type = typed.getType();
            if (type.getSort() == Type.ARRAY) {
                Type element = type.getElementType();
                if (element.getSort() != Type.OBJECT) {
                    valueClasses.add(type.getDescriptor()); // Serializable, and its own exact class: "[I"
                    return;
                }
                Verdict verdict = resolver.verdict(element.getInternalName(), false);
                String shown = ClassInfo.simpleName(element.getInternalName());
                if (verdict.is(Kind.NOT_SERIALIZABLE)) {
                    risks.add(new SessionRisk(Severity.ERROR, location, storer + "an array of " + binary(element)
                            + as + api + "; " + shown + " " + verdict.reason + ", so replicating the session fails "
                            + "with NotSerializableException as soon as the array holds one: "
                            + fix(verdict, element.getInternalName())));
                } else if (verdict.is(Kind.UNKNOWN)) {
                    risks.add(new SessionRisk(Severity.UNKNOWN, location, storer + "an array of " + binary(element)
                            + as + api + "; " + shown + " " + verdict.reason));
                    unlistedValues.add(location + ": " + storer + "an array of " + binary(element) + as);
                } else {
                    listValueClasses(verdict, typed.exact, type, location + ": " + storer + "an array of "
                            + binary(element) + as);
                    reachable(verdict, element.getInternalName(), null, null, storedAt);
                }
                return;
            }
            if (typed.made != null) {
                checkMade(typed.made, location, storer, as, api);
                return;
            }
            String name = type.getInternalName();
            String shown = ClassInfo.simpleName(name);
            Verdict verdict = resolver.verdict(name, typed.exact);
            if (verdict.is(Kind.NOT_SERIALIZABLE)) {
                risks.add(new SessionRisk(Severity.ERROR, location, storer + (typed.exact ? "a new " : "a ")
                        + binary(type) + as + api + "; " + shown + " " + verdict.reason + ", so Tomcat throws "
                        + "IllegalArgumentException (\"Non-serializable attribute\") there once the webapp is "
                        + "distributable: " + fix(verdict, name)));
            } else if (verdict.is(Kind.UNKNOWN)) {
                risks.add(new SessionRisk(Severity.UNKNOWN, location, storer + "a value of type " + binary(type)
                        + as + api + "; " + shown + " " + verdict.reason));
                unlistedValues.add(location + ": " + storer + "a value of type " + binary(type) + as);
            } else {
                listValueClasses(verdict, typed.exact, type, location + ": " + storer + "a value of type "
                        + binary(type) + as);
                reachable(verdict, name, null, null, storedAt);
                if (typed.signature != null) {
                    checkElements(TypeArguments.of(typed.signature), location, storer + (typed.exact ? "a new "
                            : "a ") + binary(type) + as, storedAt);
                }
            }
        }

        /**
         * The elements of a stored collection or map, as the generic type of the variable, parameter, field or
         * method result it comes from declares them ({@code List<Bean> beans}): one that is known not to be
         * Serializable makes replication fail as soon as the collection holds one.
         */
        private void checkElements(TypeArguments declared, String location, String stored, String storedAt)
                throws IOException {
            if (declared == null || !isContainer(declared.rawName)) {
                return;
            }
            for (int i = 0; i < declared.arguments.size(); i++) {
                TypeArguments element = declared.argument(i);
                if (element == null) {
                    continue;
                }
                Verdict verdict = resolver.verdict(element.rawName, false);
                String shown = ClassInfo.simpleName(element.rawName);
                if (verdict.is(Kind.NOT_SERIALIZABLE)) {
                    risks.add(new SessionRisk(Severity.ERROR, location, stored + ", declared "
                            + ClassInfo.simpleName(declared.rawName) + " of " + element.rawName.replace('/', '.')
                            + "; " + shown + " " + verdict.reason + ", so replicating " + storedAt + " fails with "
                            + "NotSerializableException as soon as it holds one: "
                            + fix(verdict, element.rawName)));
                } else if (verdict.is(Kind.SERIALIZABLE)) {
                    reachable(verdict, element.rawName, null, null, storedAt);
                }
                checkElements(element, location, stored, storedAt);
            }
        }

        /** A stored value whose class the code that made it tells: a lambda, a JDK method's result. */
        private void checkMade(TypeInterpreter.Made made, String location, String storer, String as, String api) {
            if (made.kind == Kind.NOT_SERIALIZABLE) {
                boolean lambda = made.classes.isEmpty();
                risks.add(new SessionRisk(Severity.ERROR, location, storer + made.what + as + api + "; it "
                        + made.reason + ", so Tomcat throws IllegalArgumentException (\"Non-serializable "
                        + "attribute\") there once the webapp is distributable: " + (lambda
                                ? "store an object of a Serializable class of yours instead, or make the lambda "
                                        + "Serializable with a cast to an intersection type such as "
                                        + "(Runnable & java.io.Serializable) when all it captures is Serializable"
                                : "store a Serializable copy instead (new ArrayList<>(...), new HashMap<>(...)), or "
                                        + "an id")));
            } else if (made.kind == Kind.SERIALIZABLE && !made.classes.isEmpty()) {
                valueClasses.addAll(made.classes);
            } else {
                String what = location + ": " + storer + made.what + as;
                unlistedValues.add(made.kind == Kind.SERIALIZABLE ? what + ", whose class is generated at run time"
                        : what);
                if (made.kind == Kind.UNKNOWN) {
                    risks.add(new SessionRisk(Severity.UNKNOWN, location, storer + made.what + as + api + "; it "
                            + made.reason));
                }
            }
        }

        /**
         * Adds the classes a stored Serializable value can be of at run time, as {@code Class.getName()} spells
         * them (Tomcat's {@code sessionAttributeValueClassNameFilter} matches that): its exact class; else its static
         * type when concrete, and every concrete Serializable subclass of it in the WAR. A value whose static type is
         * an interface or abstract may be of a class outside the WAR: it is listed as unlisted too.
         */
        private void listValueClasses(Verdict verdict, boolean exact, Type type, String what) throws IOException {
            StringBuilder dimensions = new StringBuilder();
            for (int i = 0; type.getSort() == Type.ARRAY && i < type.getDimensions(); i++) {
                dimensions.append('[');
            }
            ClassInfo info = verdict.type;
            List<String> classes = new ArrayList<>();
            if (exact || !info.isInterface() && !info.isAbstract()) {
                classes.add(info.name);
            }
            if (!exact) {
                classes.addAll(resolver.concreteSerializableSubclassesInWar(info.name));
                if (info.isInterface() || info.isAbstract()) {
                    unlistedValues.add(what + ", whose class may be one outside the WAR");
                }
            }
            for (String name : classes) {
                String binary = name.replace('/', '.');
                valueClasses.add(dimensions.length() == 0 ? binary : dimensions + "L" + binary + ";");
            }
        }

        /** Queues a Serializable class of the WAR for the walk over its fields. */
        private void reachable(Verdict verdict, String name, Reach parent, String field, String storedAt) {
            ClassInfo info = verdict.type;
            if (info != null && info.origin == Origin.WAR && walked.add(name)) {
                reaches.add(new Reach(name, parent, field, storedAt));
            }
        }

        void walkFields() throws IOException {
            while (!reaches.isEmpty()) {
                Reach reach = reaches.poll();
                ClassInfo info = resolver.find(reach.type);
                if (info.replacesItself
                        || Boolean.TRUE.equals(resolver.implementsType(info.name,
                                SerializabilityResolver.EXTERNALIZABLE))
                        || Boolean.TRUE.equals(resolver.implementsType(info.name, "java/lang/Enum"))) {
                    continue; // it writes something else, itself by hand, or (an enum constant) only its name
                }
                if (!info.isInterface()) {
                    checkNonSerializableSuperclasses(reach, info);
                }
                // Default serialization writes the fields of every Serializable class in the hierarchy.
                for (ClassInfo at = info; at != null && at.origin == Origin.WAR
                        && Boolean.TRUE.equals(resolver.isSerializable(at.name));
                        at = at.superName == null ? null : resolver.find(at.superName)) {
                    for (FieldInfo field : at.fields) {
                        if (field.isSerialized()) {
                            GenericType type = GenericType.of(field.descriptor, field.signature);
                            if (type != null) {
                                checkField(reach, at, field, type);
                            }
                        }
                    }
                }
            }
        }

        /**
         * What the receiving node does with a Serializable class's non-Serializable superclasses: it calls the
         * no-argument constructor of the first one (none it may call: {@code InvalidClassException}, "no valid
         * constructor", and the attribute is lost), and their fields are neither written nor read (a warning
         * naming them: the other nodes get what that constructor sets). JDK superclasses' fields are left out.
         */
        private void checkNonSerializableSuperclasses(Reach reach, ClassInfo info) throws IOException {
            ClassInfo first = info;
            for (int depth = 0; first != null && depth < 256
                    && Boolean.TRUE.equals(resolver.isSerializable(first.name)); depth++) {
                first = first.superName == null ? null : resolver.find(first.superName);
            }
            if (first == null || !Boolean.FALSE.equals(resolver.isSerializable(first.name))
                    || Boolean.TRUE.equals(resolver.implementsType(info.name, "java/lang/Record"))) {
                return; // a superclass is missing (unknown), or a record, which is read through its constructor
            }
            int access = first.noArgConstructorAccess;
            boolean callable = access >= 0 && (access & Opcodes.ACC_PRIVATE) == 0
                    && ((access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED))
                            != 0 || first.packageName().equals(info.packageName()));
            String stored = reach.storedAt;
            if (!callable) {
                risks.add(new SessionRisk(Severity.ERROR, info.sourcePath(), (reach.parent == null ? ""
                        : reach.path(null) + " : ") + info.simpleName() + " is Serializable, but its first "
                        + "superclass that is not, " + first.binaryName() + ", has no no-argument constructor "
                        + info.simpleName() + " may call (" + (access < 0 ? "none at all" : "it is "
                        + ((access & Opcodes.ACC_PRIVATE) != 0 ? "private" : "package-private "
                                + "in another package")) + "), so the other nodes cannot read back " + stored
                        + ": InvalidClassException (\"no valid constructor\"): give " + first.binaryName()
                        + " a public or protected no-argument constructor, or make it implement "
                        + "java.io.Serializable"));
            }
            for (ClassInfo at = first; at != null && !at.name.equals(SerializabilityResolver.OBJECT)
                    && at.origin != Origin.JDK; at = at.superName == null ? null : resolver.find(at.superName)) {
                List<String> lost = new ArrayList<>();
                for (FieldInfo field : at.fields) {
                    if (field.isSerialized()) {
                        lost.add(at.simpleName() + "." + field.name);
                    }
                }
                if (!lost.isEmpty() && reportedFields.add("superclass " + info.name + " " + at.name)) {
                    risks.add(new SessionRisk(Severity.WARNING, info.sourcePath(), info.simpleName() + " is "
                            + "Serializable, but its superclass " + at.binaryName() + " is not, so "
                            + String.join(", ", lost) + (lost.size() == 1 ? " is" : " are") + " not replicated "
                            + "with " + stored + ": the other nodes get what the no-argument constructor of "
                            + first.binaryName() + " sets. Make " + at.binaryName() + " Serializable, or keep that "
                            + "state in " + info.simpleName()));
                }
            }
        }

        private void checkField(Reach reach, ClassInfo declaring, FieldInfo field, GenericType type)
                throws IOException {
            String fieldName = declaring.simpleName() + "." + field.name;
            Verdict verdict = resolver.verdict(type.name, false);
            if (field.injected && !verdict.is(Kind.SERIALIZABLE)) {
                // A container injects it: a CDI client proxy or a Spring scoped proxy may be Serializable.
                verdict = new Verdict(Kind.UNKNOWN, "is injected by a container, whose object (often a "
                        + "Serializable proxy) decides", verdict.type);
            }
            String shown = ClassInfo.simpleName(type.name);
            String key = declaring.name + "." + field.name + " " + type.name;
            boolean reported = !verdict.is(Kind.SERIALIZABLE) && reportedFields.add(key);
            String path = reported ? reach.path(fieldName) : null;
            if (verdict.is(Kind.NOT_SERIALIZABLE) && reported) {
                if (declaring.customSerialForm) {
                    risks.add(new SessionRisk(Severity.UNKNOWN, declaring.sourcePath(), path + " : " + shown + " "
                            + verdict.reason + ", but " + declaring.simpleName() + " declares writeObject or "
                            + "serialPersistentFields, which may leave the field out"));
                } else {
                    String fix = field.isOuterInstance()
                            ? "make " + declaring.binaryName() + " a static nested class, which holds no "
                                    + shown + ", or " + fix(verdict, type.name)
                            : "mark " + fieldName + " transient, " + fix(verdict, type.name);
                    risks.add(new SessionRisk(Severity.ERROR, declaring.sourcePath(), path + " : " + shown + " "
                            + verdict.reason + ", so replicating " + reach.storedAt + " fails with "
                            + "NotSerializableException: " + fix));
                }
            } else if (verdict.is(Kind.UNKNOWN) && reported) {
                Assignments assigned = assignments(declaring, field, type);
                if (assigned != null && assigned.kind == Kind.NOT_SERIALIZABLE) {
                    risks.add(new SessionRisk(Severity.ERROR, declaring.sourcePath(), path + " : " + shown + " "
                            + verdict.reason + ", and every value the WAR assigns to " + fieldName + " is "
                            + assigned.what + ", which is not Serializable, so replicating " + reach.storedAt
                            + " fails with NotSerializableException: mark " + fieldName + " transient, or assign "
                            + "a Serializable object"));
                } else if (assigned != null && assigned.kind == Kind.SERIALIZABLE) {
                    for (String exact : assigned.classes) {
                        reachable(resolver.verdict(exact, true), exact, reach, fieldName, reach.storedAt);
                    }
                } else {
                    risks.add(new SessionRisk(Severity.UNKNOWN, declaring.sourcePath(), path + " : " + shown + " "
                            + verdict.reason));
                }
            } else if (verdict.is(Kind.SERIALIZABLE)) {
                reachable(verdict, type.name, reach, fieldName, reach.storedAt);
            }
            if (!type.arguments.isEmpty() && isContainer(type.name)) {
                for (GenericType element : type.arguments) {
                    checkField(reach, declaring, field, element);
                }
            }
        }

        /**
         * What the WAR assigns to a private field of {@code declaring} whose type is an interface, abstract or
         * {@code Object}: when every assignment in the class's code stores an object of a known class (a
         * {@code new}, a lambda) and they agree on whether it is Serializable, that; else null. Only classes of
         * {@code WEB-INF/classes} that are no nest host or member (so no other class file may assign the field)
         * are read, a second time, for their code.
         */
        private Assignments assignments(ClassInfo declaring, FieldInfo field, GenericType type) throws IOException {
            if ((field.access & Opcodes.ACC_PRIVATE) == 0 || !field.descriptor.startsWith("L")
                    || archive == null) {
                return null;
            }
            ClassNode node = new ClassNode();
            try {
                if (classEntries == null) {
                    classEntries = new HashMap<>();
                    for (WarEntry each : archive.entries()) {
                        classEntries.putIfAbsent(each.name(), each); // WarArchive.find is a scan: index them once
                    }
                }
                WarEntry entry = classEntries.get(CLASSES + declaring.name + ".class");
                if (entry == null) {
                    return null;
                }
                new ClassReader(archive.read(entry, CLASS_FILE_LIMIT)).accept(node, ClassReader.SKIP_FRAMES);
            } catch (WarException | RuntimeException e) {
                return null;
            }
            if (node.nestHostClass != null || node.nestMembers != null && !node.nestMembers.isEmpty()) {
                return null;
            }
            Assignments result = new Assignments();
            for (MethodNode method : node.methods) {
                List<Integer> puts = new ArrayList<>();
                for (int i = 0; i < method.instructions.size(); i++) {
                    AbstractInsnNode insn = method.instructions.get(i);
                    if (insn.getOpcode() == Opcodes.PUTFIELD
                            && ((FieldInsnNode) insn).owner.equals(declaring.name)
                            && ((FieldInsnNode) insn).name.equals(field.name)) {
                        puts.add(i);
                    }
                }
                if (puts.isEmpty()) {
                    continue;
                }
                Frame<BasicValue>[] frames;
                try {
                    frames = new Analyzer<>(new TypeInterpreter(resolver, method)).analyze(declaring.name, method);
                } catch (AnalyzerException | RuntimeException e) {
                    if (e instanceof UncheckedIOException) {
                        throw ((UncheckedIOException) e).getCause();
                    }
                    return null;
                }
                for (int i : puts) {
                    Frame<BasicValue> frame = frames[i];
                    if (frame != null && !result.add(frame.getStack(frame.getStackSize() - 1))) {
                        return null;
                    }
                }
            }
            return result.kind == null ? null : result;
        }

        /** What the assignments of one field store, as far as they agree. */
        private final class Assignments {
            Kind kind;
            String what;
            final List<String> classes = new ArrayList<>();

            /** Adds one assigned value; false when it tells nothing, or disagrees with the others. */
            boolean add(BasicValue value) throws IOException {
                if (!(value instanceof TypeValue)) {
                    return false;
                }
                TypeValue typed = (TypeValue) value;
                if (typed.isNull()) {
                    return true;
                }
                Kind found;
                String shown;
                if (typed.made != null && typed.made.kind != Kind.UNKNOWN) {
                    found = typed.made.kind;
                    shown = typed.made.what;
                } else if (typed.exact && typed.getType().getSort() == Type.OBJECT) {
                    found = resolver.verdict(typed.getType().getInternalName(), true).kind;
                    shown = "a new " + binary(typed.getType());
                    if (found == Kind.SERIALIZABLE) {
                        classes.add(typed.getType().getInternalName());
                    }
                } else {
                    return false;
                }
                if (found == Kind.UNKNOWN || kind != null && kind != found) {
                    return false;
                }
                kind = found;
                what = what == null || what.equals(shown) ? shown : what + " or " + shown;
                return true;
            }
        }

        /** A collection or map: its type arguments say what it holds, and is serialized with it. */
        private boolean isContainer(String name) throws IOException {
            return Boolean.TRUE.equals(resolver.implementsType(name, "java/util/Collection"))
                    || Boolean.TRUE.equals(resolver.implementsType(name, "java/util/Map"));
        }

        private String fix(Verdict verdict, String name) {
            String binary = name.replace('/', '.');
            if (verdict.type != null && verdict.type.origin == Origin.WAR) {
                return "make " + binary + " implement java.io.Serializable, or store an id instead of the object";
            }
            return "store an id or a Serializable copy of what you need instead of the " + binary
                    + " (a class of the JDK or a library, which you cannot make Serializable)";
        }
    }

    private static String binary(Type type) {
        return type.getClassName();
    }

    /** The source line of {@code insn}: the line-number entry before it in the method's code; 0 when none. */
    static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode at = insn; at != null; at = at.getPrevious()) {
            if (at instanceof LineNumberNode) {
                return ((LineNumberNode) at).line;
            }
        }
        return 0;
    }

    /** Whether {@code bytes} contains {@code wanted}: a cheap test before reading a class's code. */
    static boolean contains(byte[] bytes, byte[] wanted) {
        byte first = wanted[0];
        int last = bytes.length - wanted.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
