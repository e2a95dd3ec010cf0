package io.github.clusterready.tomcat.session;

import static org.objectweb.asm.Opcodes.*;

import io.github.clusterready.tomcat.war.WarArchive;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Times the session analysis of a generated WAR of 5,000 classes (by default): 4,000 model classes, each with
 * fields, getters, setters and some arithmetic, chained to one another by a field so that the field walk visits
 * all of them; and 1,000 servlets, each storing five values in its session. Prints the first (cold) run, then the
 * median of five runs after two warm-up runs, in wall-clock time and in CPU time of the analysing thread (which
 * other processes on a busy machine do not inflate as much).
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp target/classes:target/test-classes:$(cat target/test.classpath) \
 *     io.github.clusterready.tomcat.session.SessionAnalysisBenchmark [classes] [--libraries] [--chain] [--once]
 * </pre>
 * {@code --libraries} puts the models into jars of {@code WEB-INF/lib} and analyses them ({@code includeLibraries});
 * {@code --chain} makes every model but the last Serializable, so that the field walk follows one chain through all
 * of them; {@code --once} times one run after the cold one. Each run's peak heap is shown too.
 */
public final class SessionAnalysisBenchmark {
    private static final String SESSION = "jakarta/servlet/http/HttpSession";

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        int classes = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : 5000;
        boolean libraries = options.contains("--libraries");
        boolean chain = options.contains("--chain");
        int runs = options.contains("--once") ? 1 : 5;
        Path dir = Files.createTempDirectory("session-benchmark");
        Path war = generate(dir.resolve("bench.war"), classes, libraries, chain);
        System.out.printf("WAR: %s, %d classes%s%s, %d KB; max heap %d MB%n", war, classes,
                libraries ? " (models in jars of WEB-INF/lib, includeLibraries)" : "",
                chain ? " (every model Serializable and chained to the next, the last not)" : "",
                Files.size(war) / 1024, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        List<Path> classpath = Webapp.servletApiJars();

        resetPeaks();
        long[] cold = time(war, classpath, libraries);
        System.out.printf("first run (cold JVM): %d ms, peak heap %d MB%n", cold[0], peakHeap() / (1024 * 1024));
        for (int i = 0; i < 2 && runs > 1; i++) {
            time(war, classpath, libraries);
        }
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        long[] heap = new long[runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SessionAnalysis last = null;
        for (int i = 0; i < runs; i++) {
            System.gc();
            resetPeaks();
            long started = System.nanoTime();
            long startedCpu = threads.getCurrentThreadCpuTime();
            try (WarArchive archive = WarArchive.open(war)) {
                last = new SessionAttributeAnalyzer(classpath, libraries).analyze(archive, "bench.war");
            }
            wall[i] = (System.nanoTime() - started) / 1_000_000;
            cpu[i] = (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000_000;
            heap[i] = peakHeap() / (1024 * 1024);
        }
        System.out.printf("wall clock: %s ms, median %d ms%n", Arrays.toString(wall), median(wall));
        System.out.printf("CPU time of the analysing thread: %s ms, median %d ms%n", Arrays.toString(cpu),
                median(cpu));
        System.out.printf("peak heap (sum of the heap pools' peaks, from a collected heap): %s MB, median %d MB%n",
                Arrays.toString(heap), median(heap));
        System.out.printf("load average during the runs: %.2f on %d processors%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        int longest = 0;
        for (SessionRisk risk : last.risks()) {
            longest = Math.max(longest, risk.toString().length());
        }
        System.out.printf("found: %d classes, %d calls, %d errors, %d unknown, %d warnings, %d classes of stored "
                + "values; longest finding %d characters%n", last.classCount(), last.callCount(),
                last.errors().size(), last.unknowns().size(), last.warnings().size(), last.valueClasses().size(),
                longest);
        Files.delete(war);
        Files.delete(dir);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] time(Path war, List<Path> classpath, boolean libraries) throws Exception {
        long started = System.nanoTime();
        try (WarArchive archive = WarArchive.open(war)) {
            new SessionAttributeAnalyzer(classpath, libraries).analyze(archive, "bench.war");
        }
        return new long[] {(System.nanoTime() - started) / 1_000_000};
    }

    /** Writes a WAR of {@code count} generated classes, four fifths models and one fifth servlets. */
    static Path generate(Path file, int count) throws IOException {
        return generate(file, count, false, false);
    }

    /**
     * Writes a WAR of {@code count} generated classes, four fifths models and one fifth servlets, entry by entry.
     * With {@code libraries}, the models go into jars of 500 classes in {@code WEB-INF/lib}; with {@code chain},
     * every model but the last is Serializable and holds the next one, so that the field walk follows one chain
     * through all of them.
     */
    static Path generate(Path file, int count, boolean libraries, boolean chain) throws IOException {
        int servlets = Math.max(1, count / 5);
        int models = count - servlets;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "WEB-INF/web.xml", Webapp.DISTRIBUTABLE_WEB_XML.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Map<String, byte[]> jar = new LinkedHashMap<>();
            for (int i = 0; i < models; i++) {
                byte[] model = model(i, models, chain);
                if (!libraries) {
                    put(zip, "WEB-INF/classes/bench/Model" + i + ".class", model);
                } else {
                    jar.put("bench/Model" + i + ".class", model);
                    if (jar.size() == 500 || i == models - 1) {
                        put(zip, "WEB-INF/lib/models-" + (i / 500) + ".jar", Webapp.jar(jar));
                        jar.clear();
                    }
                }
            }
            for (int i = 0; i < servlets; i++) {
                put(zip, "WEB-INF/classes/bench/Servlet" + i + ".class", servlet(i, models));
            }
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static ClassWriter writer() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // never load classes, not even here
            }
        };
    }

    /** A model class: every tenth is not Serializable, and each holds the next one in a field. */
    static byte[] model(int i, int models) {
        return model(i, models, false);
    }

    /**
     * A model class that holds the next one in a field: every tenth is not Serializable, or with {@code chain} only
     * the last.
     */
    static byte[] model(int i, int models, boolean chain) {
        String name = "bench/Model" + i;
        String next = "bench/Model" + ((i + 1) % models);
        ClassWriter cw = writer();
        boolean serializable = chain ? i < models - 1 : i % 10 != 0;
        String[] interfaces = serializable ? new String[] {"java/io/Serializable"} : null;
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", interfaces);
        cw.visitSource("Model" + i + ".java", null);
        cw.visitField(ACC_PRIVATE, "name", "Ljava/lang/String;", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE, "count", "I", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE, "id", "J", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE, "tags", "Ljava/util/List;", "Ljava/util/List<Ljava/lang/String;>;", null)
                .visitEnd();
        cw.visitField(ACC_PRIVATE, "next", "L" + next + ";", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_TRANSIENT, "cache", "Ljava/lang/Object;", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_STATIC, "DEFAULT", "L" + name + ";", null, null).visitEnd();

        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitVarInsn(ALOAD, 0);
        init.visitTypeInsn(NEW, "java/util/ArrayList");
        init.visitInsn(DUP);
        init.visitMethodInsn(INVOKESPECIAL, "java/util/ArrayList", "<init>", "()V", false);
        init.visitFieldInsn(PUTFIELD, name, "tags", "Ljava/util/List;");
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        for (String[] field : new String[][] {{"name", "Ljava/lang/String;"}, {"count", "I"}, {"id", "J"},
                {"next", "L" + next + ";"}}) {
            accessors(cw, name, field[0], field[1]);
        }
        compute(cw, name);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void accessors(ClassWriter cw, String owner, String field, String descriptor) {
        org.objectweb.asm.Type type = org.objectweb.asm.Type.getType(descriptor);
        String capital = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        MethodVisitor get = cw.visitMethod(ACC_PUBLIC, "get" + capital, "()" + descriptor, null, null);
        get.visitCode();
        get.visitVarInsn(ALOAD, 0);
        get.visitFieldInsn(GETFIELD, owner, field, descriptor);
        get.visitInsn(type.getOpcode(IRETURN));
        get.visitMaxs(0, 0);
        get.visitEnd();
        MethodVisitor set = cw.visitMethod(ACC_PUBLIC, "set" + capital, "(" + descriptor + ")V", null, null);
        set.visitCode();
        set.visitVarInsn(ALOAD, 0);
        set.visitVarInsn(type.getOpcode(ILOAD), 1);
        set.visitFieldInsn(PUTFIELD, owner, field, descriptor);
        set.visitInsn(RETURN);
        set.visitMaxs(0, 0);
        set.visitEnd();
    }

    /** Some arithmetic in a loop, so that the class has code to skip. */
    private static void compute(ClassWriter cw, String owner) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "compute", "(I)J", null, null);
        mv.visitCode();
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, 2);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, 4);
        Label loop = new Label();
        Label done = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, 4);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitJumpInsn(IF_ICMPGE, done);
        for (int k = 0; k < 20; k++) {
            mv.visitVarInsn(LLOAD, 2);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, owner, "id", "J");
            mv.visitVarInsn(ILOAD, 4);
            mv.visitIntInsn(BIPUSH, k + 3);
            mv.visitInsn(IMUL);
            mv.visitInsn(I2L);
            mv.visitInsn(LXOR);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LSTORE, 2);
        }
        mv.visitIincInsn(4, 1);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(done);
        mv.visitVarInsn(LLOAD, 2);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** A servlet storing five values: three new models, a String, and an Object-typed field's value. */
    static byte[] servlet(int i, int models) {
        String name = "bench/Servlet" + i;
        ClassWriter cw = writer();
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "jakarta/servlet/http/HttpServlet", null);
        cw.visitSource("Servlet" + i + ".java", null);
        cw.visitField(ACC_PRIVATE, "cached", "Ljava/lang/Object;", null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "jakarta/servlet/http/HttpServlet", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor mv = cw.visitMethod(ACC_PROTECTED, "doGet",
                "(Ljakarta/servlet/http/HttpServletRequest;Ljakarta/servlet/http/HttpServletResponse;)V", null, null);
        mv.visitCode();
        int line = 10;
        Label start = new Label();
        mv.visitLabel(start);
        mv.visitLineNumber(line++, start);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKEINTERFACE, "jakarta/servlet/http/HttpServletRequest", "getSession",
                "()Ljakarta/servlet/http/HttpSession;", true);
        mv.visitVarInsn(ASTORE, 3);
        for (int k = 0; k < 3; k++) {
            String model = "bench/Model" + ((i * 3 + k) % models);
            Label here = new Label();
            mv.visitLabel(here);
            mv.visitLineNumber(line++, here);
            mv.visitVarInsn(ALOAD, 3);
            mv.visitLdcInsn("model" + k);
            mv.visitTypeInsn(NEW, model);
            mv.visitInsn(DUP);
            mv.visitMethodInsn(INVOKESPECIAL, model, "<init>", "()V", false);
            mv.visitMethodInsn(INVOKEINTERFACE, SESSION, "setAttribute", "(Ljava/lang/String;Ljava/lang/Object;)V",
                    true);
        }
        mv.visitVarInsn(ALOAD, 3);
        mv.visitLdcInsn("user");
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKEINTERFACE, "jakarta/servlet/http/HttpServletRequest", "getRemoteUser",
                "()Ljava/lang/String;", true);
        mv.visitMethodInsn(INVOKEINTERFACE, SESSION, "setAttribute", "(Ljava/lang/String;Ljava/lang/Object;)V", true);
        mv.visitVarInsn(ALOAD, 3);
        mv.visitLdcInsn("cached");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, name, "cached", "Ljava/lang/Object;");
        mv.visitMethodInsn(INVOKEINTERFACE, SESSION, "setAttribute", "(Ljava/lang/String;Ljava/lang/Object;)V", true);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        compute(cw, name);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private SessionAnalysisBenchmark() {
    }
}
