package io.github.clusterready.tomcat.distributable;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WAR signed with the JDK's own jarsigner. */
class SignedWarTest {
    private static final String WEB_XML = "<web-app version=\"6.0\">\n    <servlet/>\n</web-app>\n";

    @TempDir
    Path dir;
    private Path war;

    @BeforeEach
    void signedWar() throws Exception {
        war = dir.resolve("signed.war");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(war); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            jar.write(WEB_XML.getBytes(UTF_8));
            jar.putNextEntry(new ZipEntry("index.html"));
            jar.write("hi".getBytes(UTF_8));
        }
        Path keystore = dir.resolve("keystore.p12");
        run(tool("keytool"), "-genkeypair", "-keystore", keystore.toString(), "-storepass", "secret1",
                "-keypass", "secret1", "-alias", "release", "-keyalg", "EC", "-dname", "CN=test", "-validity", "2");
        run(tool("jarsigner"), "-keystore", keystore.toString(), "-storepass", "secret1", war.toString(), "release");
        assertTrue(verifies(war), "jarsigner did not produce a verifiable WAR");
    }

    private DistributableInjector.Request request() {
        return new DistributableInjector.Request(war, dir);
    }

    @Test
    void signedWarIsRefusedAndLeftAsItWas() throws Exception {
        byte[] before = Files.readAllBytes(war);
        WarException e = assertThrows(WarException.class, () -> new DistributableInjector().inject(request()));
        assertTrue(e.getMessage().startsWith("signed.war is signed (META-INF/RELEASE.SF) and the signature covers "
                + "WEB-INF/web.xml"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(war));
        assertTrue(verifies(war));
    }

    @Test
    void optingOutMakesItDistributableAndSaysTheSignatureIsBroken() throws Exception {
        DistributableInjector.Result result = new DistributableInjector().inject(request().failOnSignedWar(false));
        assertEquals(DistributableInjector.Outcome.ADDED, result.outcome());
        assertEquals(List.of("The signature META-INF/RELEASE.SF of signed.war no longer matches WEB-INF/web.xml; "
                + "sign the WAR again (failOnSignedWar is false)"), result.warnings());
        try (JarFile jar = new JarFile(war.toFile(), false)) {
            String webXml = new String(jar.getInputStream(jar.getEntry("WEB-INF/web.xml")).readAllBytes(), UTF_8);
            assertTrue(webXml.contains("<distributable/>"), webXml);
        }
        assertTrue(!verifies(war), "the result should no longer verify until it is signed again");
    }

    /** Reads every entry with verification on, as a container checking signatures would. */
    private static boolean verifies(Path file) throws IOException {
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                jar.getInputStream(entry).readAllBytes();
            }
            return true;
        } catch (SecurityException e) {
            return false;
        }
    }

    private static String tool(String name) {
        return Paths.get(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void run(String... command) throws Exception {
        List<String> line = new ArrayList<>(Arrays.asList(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", line) + "\n" + output);
    }
}
