package io.github.clusterready.tomcat.distributable;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributableInjectorTest {
    @TempDir
    Path dir;

    private static byte[] jar(String fragment) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/web-fragment.xml"));
            zip.write(fragment.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }

    private Path war(byte[] library) throws Exception {
        Path war = dir.resolve("app.war");
        try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write("<web-app version=\"6.0\">\n  <servlet/>\n</web-app>\n".getBytes(UTF_8));
            zip.putNextEntry(new ZipEntry("WEB-INF/lib/foo-1.2.jar"));
            zip.write(library);
        }
        return war;
    }

    @Test
    void warnsAboutAFragmentThatStillBlocksReplication() throws Exception {
        Path war = war(jar("<web-fragment><name>foo</name></web-fragment>"));
        DistributableInjector.Result result = new DistributableInjector().inject(new DistributableInjector.Request(war, dir));
        assertEquals(DistributableInjector.Outcome.ADDED, result.outcome());
        assertEquals(List.of("WEB-INF/lib/foo-1.2.jar!/META-INF/web-fragment.xml (fragment \"foo\") is not "
                + "distributable, so Tomcat will still not replicate the sessions of app.war; tomcat-cluster:verify "
                + "explains what to do"), result.warnings());
    }

    @Test
    void anUnreadableLibraryIsAWarningNotAFailure() throws Exception {
        Path war = war("PK\u0003\u0004 not a jar".getBytes(UTF_8));
        DistributableInjector.Result result = new DistributableInjector().inject(new DistributableInjector.Request(war, dir));
        assertEquals(DistributableInjector.Outcome.ADDED, result.outcome());
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).startsWith("Could not check the web fragments of app.war"),
                result.warnings().get(0));
    }

    @Test
    void aDistributableFragmentGivesNoWarning() throws Exception {
        Path war = war(jar("<web-fragment><name>foo</name><distributable/></web-fragment>"));
        DistributableInjector.Result result = new DistributableInjector().inject(new DistributableInjector.Request(war, dir));
        assertEquals(List.of(), result.warnings());
    }
}
