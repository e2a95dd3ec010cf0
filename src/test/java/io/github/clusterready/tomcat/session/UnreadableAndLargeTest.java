package io.github.clusterready.tomcat.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.V17;

import io.github.clusterready.tomcat.war.WarArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;

/** Class files the analysis cannot read are warned about by name, never passed over; long chains stay cheap. */
class UnreadableAndLargeTest {
    @TempDir
    Path dir;

    static final String STORE = """
            package shop;

            public class Store {
                void store(jakarta.servlet.http.HttpSession session) {
                    session.setAttribute("worker", new Worker());
                }
            }
            """;

    @Test
    void aClassFileOfANewerVersionOrDamagedIsAWarningWithItsName() throws Exception {
        Path classes = new Webapp(dir.resolve("app")).source("shop/Store.java", STORE)
                .source("shop/Worker.java", "package shop;\npublic class Worker { }\n").compile();
        byte[] store = Files.readAllBytes(classes.resolve("shop/Store.class"));
        byte[] newer = store.clone();
        newer[6] = 0;
        newer[7] = (byte) 200; // Java 156
        byte[] damaged = java.util.Arrays.copyOf(store, store.length / 2);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/web.xml", Webapp.DISTRIBUTABLE_WEB_XML.getBytes(UTF_8));
        entries.put("WEB-INF/classes/shop/Store.class", newer);
        entries.put("WEB-INF/classes/shop/Damaged.class", damaged);
        entries.put("WEB-INF/classes/shop/Worker.class", Files.readAllBytes(classes.resolve("shop/Worker.class")));
        SessionAnalysis analysis = analyze(Webapp.zip(dir.resolve("app.war"), entries), false);

        List<SessionRisk> unreadable = analysis.unreadableClasses();
        assertEquals(2, unreadable.size(), analysis.risks().toString());
        assertEquals(analysis.warnings(), unreadable);
        assertEquals("app.war!/WEB-INF/classes/shop/Store.class", unreadable.get(0).location());
        assertTrue(unreadable.get(0).message().startsWith("could not be read as a class file: its class-file "
                + "version 200 (Java 156) is newer than the analysis reads"), unreadable.get(0).message());
        assertTrue(unreadable.get(0).message().contains("tomcat-cluster.failOnUnreadableClass"),
                unreadable.get(0).message());
        assertEquals("app.war!/WEB-INF/classes/shop/Damaged.class", unreadable.get(1).location());
        assertTrue(unreadable.get(1).message().startsWith("could not be read as a class file: it is damaged ("),
                unreadable.get(1).message());
        assertEquals(List.of(), analysis.unknowns());
    }

    @Test
    void aClassFileLargerThanTheLimitInAJarNamesTheJarAndTheEntry() throws Exception {
        Map<String, byte[]> library = new LinkedHashMap<>();
        library.put("lib/Huge.class", new byte[64 * 1024 * 1024 + 1]); // deflates to about 64 KB
        library.put("lib/Small.class", plain("lib/Small", null));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/web.xml", Webapp.DISTRIBUTABLE_WEB_XML.getBytes(UTF_8));
        entries.put("WEB-INF/lib/huge.jar", Webapp.jar(library));
        SessionAnalysis analysis = analyze(Webapp.zip(dir.resolve("app.war"), entries), true);

        List<SessionRisk> unreadable = analysis.unreadableClasses();
        assertEquals(1, unreadable.size(), analysis.risks().toString());
        assertEquals("app.war!/WEB-INF/lib/huge.jar!/lib/Huge.class", unreadable.get(0).location());
        assertTrue(unreadable.get(0).message().contains("it is larger than 67108864 bytes"),
                unreadable.get(0).message());
        assertEquals(2, analysis.classCount());
    }

    @Test
    void aLongChainOfFieldsGivesAShortFinding() throws Exception {
        int length = 3000;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/web.xml", Webapp.DISTRIBUTABLE_WEB_XML.getBytes(UTF_8));
        for (int i = 0; i < length; i++) {
            String next = i + 1 < length ? "chain/C" + (i + 1) : "chain/Worker";
            entries.put("WEB-INF/classes/chain/C" + i + ".class", serializable("chain/C" + i, next));
        }
        entries.put("WEB-INF/classes/chain/Worker.class", plain("chain/Worker", null));
        entries.put("WEB-INF/classes/chain/Store.class", storer());
        SessionAnalysis analysis = analyze(Webapp.zip(dir.resolve("app.war"), entries), false);

        assertEquals(1, analysis.errors().size(), analysis.errors().toString());
        String message = analysis.errors().get(0).message();
        assertTrue(message.startsWith("C0.next -> C1.next -> C2.next -> … (2,992 more) -> C2995.next -> C2996.next -> C2997.next"
                + " -> C2998.next -> C2999.next : Worker is not Serializable"), message);
        assertTrue(message.length() < 600, message);
    }

    private SessionAnalysis analyze(Path war, boolean libraries) throws Exception {
        try (WarArchive archive = WarArchive.open(war)) {
            return new SessionAttributeAnalyzer(Webapp.servletApiJars(), libraries).analyze(archive, "app.war");
        }
    }

    private static byte[] plain(String name, String[] interfaces) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", interfaces);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static byte[] serializable(String name, String next) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", new String[] {"java/io/Serializable"});
        cw.visitSource(name.substring(name.lastIndexOf('/') + 1) + ".java", null);
        cw.visitField(0, "next", "L" + next + ";", null, null).visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code chain.Store}, which stores a {@code new C0()} in a session. */
    private static byte[] storer() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, "chain/Store", null, "java/lang/Object", null);
        org.objectweb.asm.MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "store",
                "(Ljakarta/servlet/http/HttpSession;)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, 1);
        mv.visitLdcInsn("chain");
        mv.visitTypeInsn(org.objectweb.asm.Opcodes.NEW, "chain/C0");
        mv.visitInsn(org.objectweb.asm.Opcodes.DUP);
        mv.visitMethodInsn(org.objectweb.asm.Opcodes.INVOKESPECIAL, "chain/C0", "<init>", "()V", false);
        mv.visitMethodInsn(org.objectweb.asm.Opcodes.INVOKEINTERFACE, "jakarta/servlet/http/HttpSession",
                "setAttribute", "(Ljava/lang/String;Ljava/lang/Object;)V", true);
        mv.visitInsn(org.objectweb.asm.Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
