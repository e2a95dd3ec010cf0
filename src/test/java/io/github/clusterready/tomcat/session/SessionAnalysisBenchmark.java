package io.github.clusterready.tomcat.session;

import static org.objectweb.asm.Opcodes.*;

import io.github.clusterready.tomcat.war.WarArchive;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *     io.github.clusterready.tomcat.session.SessionAnalysisBenchmark [classes]
 * </pre>
 */
public final class SessionAnalysisBenchmark {
    private static final String SESSION = "jakarta/servlet/http/HttpSession";

    public static void main(String[] args) throws Exception {
        int classes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dir = Files.createTempDirectory("session-benchmark");
        Path war = generate(dir.resolve("bench.war"), classes);
        System.out.printf("WAR: %s, %d classes, %d KB%n", war, classes, Files.size(war) / 1024);
        List<Path> classpath = Webapp.servletApiJars();

        long[] cold = time(war, classpath);
        System.out.printf("first run (cold JVM): %d ms%n", cold[0]);
        for (int i = 0; i < 2; i++) {
            time(war, classpath);
        }
        long[] runs = new long[5];
        long[] cpu = new long[5];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SessionAnalysis last = null;
        for (int i = 0; i < runs.length; i++) {
            long started = System.nanoTime();
            long startedCpu = threads.getCurrentThreadCpuTime();
            try (WarArchive archive = WarArchive.open(war)) {
                last = new SessionAttributeAnalyzer(classpath, false).analyze(archive, "bench.war");
            }
            runs[i] = (System.nanoTime() - started) / 1_000_000;
            cpu[i] = (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000_000;
        }
        System.out.printf("wall clock: %s ms, median %d ms%n", Arrays.toString(runs), median(runs));
        System.out.printf("CPU time of the analysing thread: %s ms, median %d ms%n", Arrays.toString(cpu),
                median(cpu));
        System.out.printf("load average during the runs: %.2f on %d processors%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("found: %d classes, %d calls, %d errors, %d unknown, %d classes of stored values%n",
                last.classCount(), last.callCount(), last.errors().size(), last.unknowns().size(),
                last.valueClasses().size());
        Files.delete(war);
        Files.delete(dir);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] time(Path war, List<Path> classpath) throws Exception {
        long started = System.nanoTime();
        try (WarArchive archive = WarArchive.open(war)) {
            new SessionAttributeAnalyzer(classpath, false).analyze(archive, "bench.war");
        }
        return new long[] {(System.nanoTime() - started) / 1_000_000};
    }

    /** Writes a WAR of {@code count} generated classes, four fifths models and one fifth servlets. */
    static Path generate(Path file, int count) throws IOException {
        int servlets = Math.max(1, count / 5);
        int models = count - servlets;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/web.xml", Webapp.DISTRIBUTABLE_WEB_XML.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < models; i++) {
            entries.put("WEB-INF/classes/bench/Model" + i + ".class", model(i, models));
        }
        for (int i = 0; i < servlets; i++) {
            entries.put("WEB-INF/classes/bench/Servlet" + i + ".class", servlet(i, models));
        }
        return Webapp.zip(file, entries);
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
        String name = "bench/Model" + i;
        String next = "bench/Model" + ((i + 1) % models);
        ClassWriter cw = writer();
        String[] interfaces = i % 10 == 0 ? null : new String[] {"java/io/Serializable"};
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
