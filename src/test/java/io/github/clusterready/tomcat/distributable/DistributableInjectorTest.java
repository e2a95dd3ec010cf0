package io.github.clusterready.tomcat.distributable;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.clusterready.tomcat.war.WarException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"./WEB-INF/web.xml", "/WEB-INF/web.xml", "WEB-INF/Web.xml", "web-inf/web.xml",
            "WEB-INF//web.xml", "WEB-INF\\web.xml", "META-INF/../WEB-INF/web.xml", "WEB-INF/web.xml/",
            "WEB-INF/web.xml/x.txt", "WEB-INF/./web.xml", "WEB-INF/lib/../web.xml", "WEB-INF/web.xml/.",
            "WEB-INF\\Web.XML", "WEB-\u0130NF/web.xml"})
    void anEntryThatOnlyLooksLikeWebXmlIsRefusedAndTheWarLeftAsItWas(String lookalike) throws Exception {
        for (boolean withTheRealOne : new boolean[] {false, true}) {
            Path war = dir.resolve("app.war");
            try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out)) {
                if (withTheRealOne) {
                    zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
                    zip.write("<web-app version=\"6.0\">\n  <servlet/>\n</web-app>\n".getBytes(UTF_8));
                }
                zip.putNextEntry(new ZipEntry(lookalike));
                zip.write(lookalike.endsWith("/") ? new byte[0] : "<web-app version=\"6.0\"/>".getBytes(UTF_8));
            }
            byte[] before = Files.readAllBytes(war);
            WarException e = assertThrows(WarException.class,
                    () -> new DistributableInjector().inject(new DistributableInjector.Request(war, dir)));
            assertEquals("app.war holds the entry \"" + lookalike + "\", which is not WEB-INF/web.xml but unpacks "
                    + "to it or in its place, so which one a servlet container reads is ambiguous; rebuild the WAR "
                    + "so that it holds WEB-INF/web.xml under exactly that name and nothing else by a similar name",
                    e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(war));
        }
    }

    @Test
    void namesThatMerelyStartAlikeAreOtherFiles() throws Exception {
        Path war = dir.resolve("app.war");
        try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : new String[] {"WEB-INF/web.xml.bak", "WEB-INF/web.xml~", "x/WEB-INF/web.xml",
                    "WEB-INF/../../WEB-INF/web.xml", "WEB-INF/web.xml"}) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("<web-app version=\"6.0\">\n  <servlet/>\n</web-app>\n".getBytes(UTF_8));
            }
        }
        assertEquals(DistributableInjector.Outcome.ADDED,
                new DistributableInjector().inject(new DistributableInjector.Request(war, dir)).outcome());
    }

    @Test
    void anExplodedWebappThatCannotBeWrittenLeavesTheWarAsItWas() throws Exception {
        Path war = war(jar("<web-fragment><distributable/></web-fragment>"));
        byte[] before = Files.readAllBytes(war);
        Path exploded = Files.createDirectories(dir.resolve("app"));
        Files.write(exploded.resolve("WEB-INF"), new byte[] {1});   // a file where the directory should be
        WarException e = assertThrows(WarException.class, () -> new DistributableInjector()
                .inject(new DistributableInjector.Request(war, dir).explodedDirectory(exploded)));
        assertEquals("Cannot write app/WEB-INF/web.xml: app/WEB-INF is not a directory; nothing was changed",
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(war));
    }

    @Test
    void aFailureWritingTheExplodedWebXmlComesBeforeTheWarIsReplaced() throws Exception {
        Path war = war(jar("<web-fragment><distributable/></web-fragment>"));
        byte[] before = Files.readAllBytes(war);
        Path exploded = Files.createDirectories(dir.resolve("app/WEB-INF"));
        // The exploded web.xml is a link into a directory that does not exist: the temporary file cannot be made.
        Files.createSymbolicLink(exploded.resolve("web.xml"), dir.resolve("gone/web.xml"));
        WarException e = assertThrows(WarException.class, () -> new DistributableInjector()
                .inject(new DistributableInjector.Request(war, dir).explodedDirectory(exploded.getParent())));
        assertTrue(e.getMessage().startsWith("Could not write app/WEB-INF/web.xml in the exploded webapp ("
                + "java.nio.file.NoSuchFileException: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("), so app.war was left as it was too; make app writable, or delete it "
                + "(mvn clean)"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(war));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("app", "app.war"), files.map(p -> p.getFileName().toString()).sorted()
                    .collect(java.util.stream.Collectors.toList()), "a temporary file was left");
        }
    }

    @Test
    void aReadOnlyWarIsRefusedAndKeepsItsBytesAndMode() throws Exception {
        Path war = war(jar("<web-fragment><distributable/></web-fragment>"));
        assumeTrue(Files.getFileAttributeView(war, PosixFileAttributeView.class) != null, "POSIX file modes");
        Files.setPosixFilePermissions(war, PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(war);
        FileTime modified = Files.getLastModifiedTime(war);
        WarException e = assertThrows(WarException.class,
                () -> new DistributableInjector().inject(new DistributableInjector.Request(war, dir)));
        assertEquals("app.war is read-only (r--r--r--), so it was left as it is; make it writable (chmod u+w app.war) "
                + "before this goal runs", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(war));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(war)));
        assertEquals(modified, Files.getLastModifiedTime(war));
    }

    @Test
    void theRewrittenWarKeepsItsOwnerGroupAndMode() throws Exception {
        Path war = war(jar("<web-fragment><distributable/></web-fragment>"));
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file to another user");
        UserPrincipalLookupService users = war.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = users.lookupPrincipalByName("nobody");
        GroupPrincipal nogroup = Files.readAttributes(Files.createTempFile(dir, "g", ""), PosixFileAttributes.class)
                .group();
        Files.setOwner(war, nobody);
        Files.setPosixFilePermissions(war, PosixFilePermissions.fromString("rw-rw----"));
        assertEquals(DistributableInjector.Outcome.ADDED,
                new DistributableInjector().inject(new DistributableInjector.Request(war, dir)).outcome());
        PosixFileAttributes after = Files.readAttributes(war, PosixFileAttributes.class);
        assertEquals(nobody, after.owner());
        assertEquals(nogroup, after.group());
        assertEquals("rw-rw----", PosixFilePermissions.toString(after.permissions()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Manifest-Version: 1.0\r\nName\r\n", "Manifest-Version: 1.0\r\nbad name: x\r\n"})
    void aMalformedManifestOfASignedWarNamesTheEntry(String manifest) throws Exception {
        Path war = warWithManifest(manifest, true);
        byte[] before = Files.readAllBytes(war);
        WarException e = assertThrows(WarException.class,
                () -> new DistributableInjector().inject(new DistributableInjector.Request(war, dir)));
        assertTrue(e.getMessage().startsWith("app.war!/META-INF/MANIFEST.MF is not a valid manifest ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("), so it cannot tell what the signature META-INF/RELEASE.SF covers; fix the "
                + "manifest (name: value lines of at most 72 bytes) and sign the WAR again"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(war));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Manifest-Version: 1.0\r\nName\r\n", "Manifest-Version: 1.0\r\nbad name: x\r\n"})
    void aMalformedManifestOfAnUnsignedWarIsNoReasonToStop(String manifest) throws Exception {
        Path war = warWithManifest(manifest, false);
        DistributableInjector.Result result = new DistributableInjector().inject(
                new DistributableInjector.Request(war, dir).checkFragments(false));
        assertEquals(DistributableInjector.Outcome.ADDED, result.outcome());
        assertEquals(List.of(), result.warnings());
    }

    private Path warWithManifest(String manifest, boolean signed) throws IOException {
        Path war = dir.resolve("app.war");
        try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(manifest.getBytes(UTF_8));
            if (signed) {
                zip.putNextEntry(new ZipEntry("META-INF/RELEASE.SF"));
                zip.write("Signature-Version: 1.0\r\n\r\n".getBytes(UTF_8));
            }
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write("<web-app version=\"6.0\">\n  <servlet/>\n</web-app>\n".getBytes(UTF_8));
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
