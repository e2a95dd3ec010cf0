package io.github.clusterready.tomcat.fragments;

import static io.github.clusterready.tomcat.fragments.Archives.fragmentJar;
import static io.github.clusterready.tomcat.fragments.Archives.plainJar;
import static io.github.clusterready.tomcat.fragments.Archives.webXml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributabilityCheckTest {
    @TempDir
    Path dir;

    private Distributability check(Archives war) throws Exception {
        try (WarArchive archive = WarArchive.open(war.writeTo(dir.resolve("app.war")))) {
            return new DistributabilityCheck().check(archive, "target/app.war");
        }
    }

    private static Archives warWith(String webXml) throws Exception {
        return new Archives().with("WEB-INF/web.xml", webXml)
                .with("WEB-INF/lib/plain-1.0.jar", plainJar())
                .with("WEB-INF/lib/good-2.0.jar", fragmentJar("good", true))
                .with("WEB-INF/lib/foo-1.2.jar", fragmentJar("foo", false));
    }

    @Test
    void distributableWebXmlAndFragmentsPass() throws Exception {
        Distributability result = check(new Archives()
                .with("WEB-INF/web.xml", webXml("", "<distributable/>"))
                .with("WEB-INF/lib/good-2.0.jar", fragmentJar("good", true))
                .with("WEB-INF/lib/plain-1.0.jar", plainJar()));
        assertTrue(result.isDistributable(), result.problems().toString());
        assertEquals(1, result.mergedFragments().size());
    }

    @Test
    void missingWebXmlIsNeverDistributable() throws Exception {
        Distributability result = check(new Archives().with("index.html", "hi"));
        assertFalse(result.isDistributable());
        assertTrue(result.problems().get(0).startsWith("WEB-INF/web.xml is missing"), result.problems().toString());
    }

    @Test
    void anEntryThatUnpacksOntoWebXmlMakesTheCheckRefuseTheWar() {
        // The exact web.xml is distributable; on a case-insensitive file system the other one may be what Tomcat reads.
        WarException e = assertThrows(WarException.class, () -> check(new Archives()
                .with("WEB-INF/web.xml", webXml("", "<distributable/>"))
                .with("WEB-INF/WEB.XML", webXml("", ""))));
        assertTrue(e.getMessage().contains("holds the entry \"WEB-INF/WEB.XML\", which is not WEB-INF/web.xml but "
                + "unpacks to it or in its place"), e.getMessage());
    }

    @Test
    void webXmlWithoutDistributableFails() throws Exception {
        Distributability result = check(new Archives().with("WEB-INF/web.xml", webXml("", "<!-- <distributable/> -->")));
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).startsWith("WEB-INF/web.xml has no <distributable/>"));
    }

    @Test
    void nonDistributableFragmentFailsAndIsNamed() throws Exception {
        Distributability result = check(warWith(webXml("", "<distributable/>")));
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).startsWith(
                "WEB-INF/lib/foo-1.2.jar!/META-INF/web-fragment.xml (fragment \"foo\") is not distributable"),
                result.problems().get(0));
    }

    @Test
    void everyReasonIsListed() throws Exception {
        Distributability result = check(warWith(webXml("", "")));
        assertEquals(2, result.problems().size(), result.problems().toString());
    }

    @Test
    void metadataCompleteMergesNoFragment() throws Exception {
        Distributability result = check(warWith(webXml("metadata-complete=\"true\"", "<distributable/>")));
        assertTrue(result.isDistributable(), result.problems().toString());
        assertTrue(result.isMetadataComplete());
    }

    @Test
    void absoluteOrderingWithoutTheFragmentPasses() throws Exception {
        Distributability result = check(warWith(webXml("",
                "<distributable/><absolute-ordering><name>good</name></absolute-ordering>")));
        assertTrue(result.isDistributable(), result.problems().toString());
        assertEquals(List.of("WEB-INF/lib/good-2.0.jar"),
                result.mergedFragments().stream().map(Fragment::jar).toList());
    }

    @Test
    void absoluteOrderingWithOthersStillMergesTheFragment() throws Exception {
        Distributability result = check(warWith(webXml("",
                "<distributable/><absolute-ordering><name>good</name><others/></absolute-ordering>")));
        assertFalse(result.isDistributable());
    }

    @Test
    void emptyAbsoluteOrderingMergesNone() throws Exception {
        Distributability result = check(warWith(webXml("", "<distributable/><absolute-ordering/>")));
        assertTrue(result.isDistributable(), result.problems().toString());
        assertEquals(0, result.mergedFragments().size());
    }

    @Test
    void unnamedFragmentIsMergedWithoutOrderingAndNamedByItsJar() throws Exception {
        Distributability result = check(new Archives().with("WEB-INF/web.xml", webXml("", "<distributable/>"))
                .with("WEB-INF/lib/anon.jar", fragmentJar(null, false)));
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).startsWith(
                "WEB-INF/lib/anon.jar!/META-INF/web-fragment.xml is not distributable"), result.problems().get(0));
    }

    @Test
    void jarsOutsideWebInfLibDoNotCount() throws Exception {
        Distributability result = check(new Archives().with("WEB-INF/web.xml", webXml("", "<distributable/>"))
                .with("WEB-INF/lib/nested/foo.jar", fragmentJar("foo", false))
                .with("static/foo.jar", fragmentJar("foo", false)));
        assertTrue(result.isDistributable(), result.problems().toString());
    }

    @Test
    void librariesOfTheExplodedWebappAreReadFromDiskWhenTheyMatchTheWar() throws Exception {
        // Same size, different fragment: which verdict comes back shows which copy was read.
        byte[] inWar = fragmentJar("foo", true);
        Archives notDistributable = new Archives()
                .with("META-INF/web-fragment.xml", "<web-fragment><name>foo</name></web-fragment>");
        int padding = inWar.length - notDistributable.bytes().length;
        byte[] onDisk = notDistributable.comment("x".repeat(padding)).bytes();
        Path exploded = java.nio.file.Files.createDirectories(dir.resolve("app/WEB-INF/lib"));
        java.nio.file.Files.write(exploded.resolve("foo-1.2.jar"), onDisk);
        Archives war = new Archives().with("WEB-INF/web.xml", webXml("", "<distributable/>"))
                .with("WEB-INF/lib/foo-1.2.jar", inWar);
        try (WarArchive archive = WarArchive.open(war.writeTo(dir.resolve("app.war")))) {
            io.github.clusterready.tomcat.descriptor.Descriptor webXml = new io.github.clusterready.tomcat.descriptor
                    .DescriptorReader().read(webXml("", "<distributable/>").getBytes(), "web.xml");
            DistributabilityCheck check = new DistributabilityCheck();
            assertEquals(inWar.length, onDisk.length, "test setup: the two jars must have the same size");
            assertTrue(check.mergedFragments(archive, "app.war", webXml, null).get(0).isDistributable());
            assertFalse(check.mergedFragments(archive, "app.war", webXml, dir.resolve("app")).get(0).isDistributable());
            java.nio.file.Files.write(exploded.resolve("foo-1.2.jar"), java.util.Arrays.copyOf(onDisk, 10));
            assertTrue(check.mergedFragments(archive, "app.war", webXml, dir.resolve("app")).get(0).isDistributable(),
                    "a jar on disk of another size is not the WAR's");
        }
    }

    @Test
    void zip64WarWithMoreThan65535EntriesIsRead() throws Exception {
        Archives war = warWith(webXml("", "<distributable/>"));
        for (int i = 0; i < 66_000; i++) {
            war.with("static/f" + i + ".txt", new byte[0]);
        }
        Distributability result = check(war);
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertEquals(2, result.mergedFragments().size());
    }

    @Test
    void oversizedFragmentIsAClearErrorNotAnAllocation() throws Exception {
        byte[] huge = new byte[8 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        byte[] start = "<web-fragment><name>big</name>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(start, 0, huge, 0, start.length);
        WarException e = assertThrows(WarException.class, () -> check(new Archives()
                .with("WEB-INF/web.xml", webXml("", "<distributable/>"))
                .with("WEB-INF/lib/big.jar", new Archives()
                        .with("data/zeros.bin", new byte[64 * 1024 * 1024])
                        .with("META-INF/web-fragment.xml", huge).bytes())));
        assertTrue(e.getMessage().startsWith("target/app.war!/WEB-INF/lib/big.jar!/META-INF/web-fragment.xml is "
                + "larger than"), e.getMessage());
    }

    @Test
    void corruptNestedJarNamesTheEntry() {
        WarException e = assertThrows(WarException.class, () -> check(new Archives()
                .with("WEB-INF/web.xml", webXml("", "<distributable/>"))
                .with("WEB-INF/lib/broken.jar", "PK\u0003\u0004 this is not really a jar")));
        assertTrue(e.getMessage().startsWith("target/app.war!/WEB-INF/lib/broken.jar is not a readable jar"),
                e.getMessage());
    }

    @Test
    void malformedFragmentNamesTheFileLineAndColumn() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> check(new Archives()
                .with("WEB-INF/web.xml", webXml("", "<distributable/>"))
                .with("WEB-INF/lib/bad.jar", new Archives()
                        .with("META-INF/web-fragment.xml", "<web-fragment>\n<name>x</nam>\n</web-fragment>").bytes())));
        assertTrue(e.getMessage().startsWith("target/app.war!/WEB-INF/lib/bad.jar!/META-INF/web-fragment.xml:2:"),
                e.getMessage());
    }
}
