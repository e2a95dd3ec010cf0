package io.github.clusterready.tomcat.maven;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mojo's wiring of {@code warFile} and {@code webappDirectory}, on a plain MavenProject (no harness). */
class DistributableMojoTest {
    private static final String OWN_WEB_XML = "<web-app version=\"6.0\">\n  <display-name>own</display-name>\n"
            + "</web-app>\n";
    private static final String OTHER_WEB_XML = "<web-app version=\"6.0\">\n  <display-name>other</display-name>\n"
            + "</web-app>\n";

    @TempDir
    Path dir;

    private DistributableMojo mojo(String packaging, File warFile) throws Exception {
        MavenProject project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        project.setPackaging(packaging);
        project.getBuild().setDirectory(dir.resolve("target").toString());
        project.getBuild().setFinalName("shop");
        DistributableMojo mojo = new DistributableMojo();
        set(mojo, "project", project);
        set(mojo, "warFile", warFile);
        set(mojo, "webappDirectory", dir.resolve("target/shop").toFile());
        set(mojo, "failOnSignedWar", true);
        return mojo;
    }

    @Test
    void aWarOfAnotherProjectLeavesThisProjectsExplodedWebappAlone() throws Exception {
        Path exploded = Files.createDirectories(dir.resolve("target/shop/WEB-INF"));
        Files.write(exploded.resolve("web.xml"), "<web-app version=\"6.0\">\n</web-app>\n".getBytes(UTF_8));
        byte[] before = Files.readAllBytes(exploded.resolve("web.xml"));
        Path other = war(dir.resolve("elsewhere/other.war"), OTHER_WEB_XML);

        mojo("war", other.toFile()).execute();

        assertTrue(entry(other).contains("<distributable/>"), entry(other));
        assertArrayEquals(before, Files.readAllBytes(exploded.resolve("web.xml")),
                "the other WAR's descriptor went into this project's exploded webapp");
    }

    @Test
    void theProjectsOwnWarStillUpdatesItsExplodedWebapp() throws Exception {
        Path exploded = Files.createDirectories(dir.resolve("target/shop/WEB-INF"));
        Files.write(exploded.resolve("web.xml"), OWN_WEB_XML.getBytes(UTF_8));
        Path own = war(dir.resolve("target/shop.war"), OWN_WEB_XML);

        mojo("war", dir.resolve("target/../target/shop.war").toFile()).execute();

        assertEquals(entry(own), new String(Files.readAllBytes(exploded.resolve("web.xml")), UTF_8));
    }

    @Test
    void anExplicitWarFileThatIsMissingIsAnError() throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> mojo("jar", dir.resolve("build/other.war").toFile()).execute());
        assertEquals("<warFile> build/other.war does not exist; set it to an existing WAR, or leave it out to make "
                + "distributable the WAR this project builds", e.getMessage());
    }

    @Test
    void anExplicitWarFileThatIsADirectoryIsAnError() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("target/shop.war"));
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> mojo("jar", directory.toFile()).execute());
        assertEquals("<warFile> target/shop.war is a directory, not a WAR file; set <warFile> to the .war file to "
                + "make distributable", e.getMessage());
    }

    @Test
    void theDefaultWarMissingInAJarProjectIsOneInfoLine() throws Exception {
        mojo("jar", dir.resolve("target/shop.war").toFile()).execute();
    }

    @Test
    void byDefaultTheWarThatWarWarAttachedIsUsedWhateverItsName() throws Exception {
        Path named = war(dir.resolve("target/shop-1.0.war"), OWN_WEB_XML);
        DistributableMojo mojo = mojo("war", null);
        attach(mojo, named);

        mojo.execute();

        assertTrue(entry(named).contains("<distributable/>"), entry(named));
    }

    @Test
    void byDefaultTheWarNamedByTheWarPluginsWarNameIsUsedWhenNothingWasAttached() throws Exception {
        Path named = war(dir.resolve("target/shop-1.0.war"), OWN_WEB_XML);
        DistributableMojo mojo = mojo("war", null);
        Plugin warPlugin = new Plugin();
        warPlugin.setArtifactId("maven-war-plugin");
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom warName = new Xpp3Dom("warName");
        warName.setValue("shop-1.0");
        configuration.addChild(warName);
        warPlugin.setConfiguration(configuration);
        project(mojo).getBuild().addPlugin(warPlugin);

        mojo.execute();

        assertTrue(entry(named).contains("<distributable/>"), entry(named));
    }

    @Test
    void noWarAnywhereNamesEveryPlaceLookedAt() throws Exception {
        DistributableMojo mojo = mojo("war", null);
        attach(mojo, dir.resolve("target/shop-1.0.war"));

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("No WAR to make distributable: looked at target/shop-1.0.war (the WAR war:war attached to the "
                + "project), target/shop.war (<finalName>.war). Run tomcat-cluster:distributable after war:war, or set "
                + "<warFile> to the WAR to work on", e.getMessage());
    }

    @Test
    void theSkipLineSaysTheWarIsDistributableAnywayAfterAnEarlierBuild() throws Exception {
        Files.createDirectories(dir.resolve("src/main/webapp/WEB-INF"));
        Files.write(dir.resolve("src/main/webapp/WEB-INF/web.xml"), OWN_WEB_XML.getBytes(UTF_8));
        Path exploded = Files.createDirectories(dir.resolve("target/shop/WEB-INF"));
        String distributable = OWN_WEB_XML.replace("</web-app>", "  <distributable/>\n</web-app>");
        Files.write(exploded.resolve("web.xml"), distributable.getBytes(UTF_8));
        war(dir.resolve("target/shop.war"), distributable);
        DistributableMojo mojo = mojo("war", null);
        set(mojo, "skip", true);
        List<String> lines = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                lines.add("[WARNING] " + content);
            }

            @Override
            public void info(CharSequence content) {
                lines.add("[INFO] " + content);
            }
        });

        mojo.execute();

        assertEquals(List.of("[WARNING] Skipping tomcat-cluster:distributable (tomcat-cluster.skip is true), but "
                + "target/shop.war is distributable anyway: war:war packaged target/shop/WEB-INF/web.xml, which an "
                + "earlier build made distributable; build with clean"), lines);
    }

    private static MavenProject project(DistributableMojo mojo) throws Exception {
        Field field = AbstractPluginMojo.class.getDeclaredField("project");
        field.setAccessible(true);
        return (MavenProject) field.get(mojo);
    }

    /** What war:war does: the WAR becomes the project's artifact file. */
    private static void attach(DistributableMojo mojo, Path war) throws Exception {
        Artifact artifact = new DefaultArtifact("g", "shop", "1.0", null, "war", null,
                new DefaultArtifactHandler("war"));
        artifact.setFile(war.toFile());
        project(mojo).setArtifact(artifact);
    }

    private static Path war(Path file, String webXml) throws Exception {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write(webXml.getBytes(UTF_8));
        }
        return file;
    }

    private static String entry(Path war) throws Exception {
        try (ZipFile zip = new ZipFile(war.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("WEB-INF/web.xml"))) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static void set(Object target, String name, Object value) throws Exception {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(name);
    }
}
