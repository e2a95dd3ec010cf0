package io.github.clusterready.tomcat.maven;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each Mojo as Maven configures it: from the generated plugin.xml (defaults, {@code property} expressions) and a
 * POM's {@code <configuration>}, through maven-plugin-testing-harness 3.4.0's JUnit 5 extension
 * ({@code @MojoTest}, {@code @InjectMojo}), which works with this project's Maven 3.9 APIs: it builds a Plexus
 * container and mocks the session, while the project is a real {@link MavenProject} given by {@link #project()}.
 * Properties ({@code -Dtomcat-cluster.skip=true}) are set as project properties, which the harness's expression
 * evaluator reads as Maven reads user properties. No test starts Tomcat: the run goals get inputs that fail before.
 */
@MojoTest
class MojoWiringTest {
    /** A POM that configures nothing: the defaults. */
    private static final String POM = "<project><build><plugins><plugin>"
            + "<artifactId>tomcat-cluster-maven-plugin</artifactId></plugin></plugins></build></project>";
    private static final String WEB_XML = "<web-app version=\"6.0\">\n  <display-name>app</display-name>\n</web-app>\n";

    @TempDir
    static Path dir;

    private final List<String> log = new ArrayList<>();

    /** The project every Mojo gets, in a directory of its own per test. */
    @Provides
    MavenProject project() throws Exception {
        Path base = Files.createTempDirectory(dir, "project");
        MavenProject project = new MavenProject();
        project.setFile(base.resolve("pom.xml").toFile());
        project.setPackaging("war");
        project.getBuild().setDirectory(base.resolve("target").toString());
        project.getBuild().setFinalName("app");
        project.getProperties().setProperty("project.build.outputTimestamp", "2026-01-01T00:00:00Z");
        return project;
    }

    private <M extends AbstractMojo> M logged(M mojo) {
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                log.add("[INFO] " + content);
            }

            @Override
            public void warn(CharSequence content) {
                log.add("[WARNING] " + content);
            }
        });
        return mojo;
    }

    private static Path target(AbstractMojo mojo) throws Exception {
        MavenProject project = (MavenProject) getVariableValueFromObject(mojo, "project");
        return Files.createDirectories(Path.of(project.getBuild().getDirectory()));
    }

    private static Path war(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write(WEB_XML.getBytes(UTF_8));
        }
        return file;
    }

    // distributable

    @Test
    @InjectMojo(goal = "distributable", pom = POM)
    void distributableDefaults(DistributableMojo mojo) throws Exception {
        Path target = target(mojo);
        assertNull(mojo.warFile, "warFile has no default: the WAR war:war attached, else <finalName>.war");
        assertFalse(mojo.skip);
        assertEquals(target.resolve("app").toFile(), getVariableValueFromObject(mojo, "webappDirectory"));
        assertEquals("2026-01-01T00:00:00Z", getVariableValueFromObject(mojo, "outputTimestamp"));
        assertEquals(true, getVariableValueFromObject(mojo, "failOnSignedWar"));
        assertNull(getVariableValueFromObject(mojo, "classifier"));
        assertNull(getVariableValueFromObject(mojo, "webAppVersion"));
    }

    @Test
    @InjectMojo(goal = "distributable", pom = "<project><build><plugins><plugin>"
            + "<artifactId>tomcat-cluster-maven-plugin</artifactId><configuration>"
            + "<classifier>cluster</classifier><failOnSignedWar>false</failOnSignedWar>"
            + "<webAppVersion>5.0</webAppVersion>"
            + "</configuration></plugin></plugins></build></project>")
    void distributableTakesThePomsConfiguration(DistributableMojo mojo) throws Exception {
        assertEquals("cluster", getVariableValueFromObject(mojo, "classifier"));
        assertEquals(false, getVariableValueFromObject(mojo, "failOnSignedWar"));
        assertEquals("5.0", getVariableValueFromObject(mojo, "webAppVersion"));
    }

    @Test
    @InjectMojo(goal = "distributable", pom = POM)
    void distributableMakesTheProjectsWarDistributable(DistributableMojo mojo) throws Exception {
        Path war = war(target(mojo).resolve("app.war"));
        logged(mojo).execute();
        assertTrue(log.get(0).startsWith("[INFO] Added <distributable/> to WEB-INF/web.xml (Servlet 6.0) in "
                + "target/app.war in "), log.toString());
        assertTrue(Files.size(war) > 0);
    }

    @Test
    @InjectMojo(goal = "distributable", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    void distributableSkippedWithoutAWarSaysSo(DistributableMojo mojo) throws Exception {
        logged(mojo).execute();
        assertEquals(List.of("[INFO] Skipping tomcat-cluster:distributable (tomcat-cluster.skip is true)"), log);
    }

    @Test
    @InjectMojo(goal = "distributable", pom = POM)
    @MojoParameter(name = "classifier", value = "not/a classifier")
    void distributableBadClassifierIsTheUsersMistake(DistributableMojo mojo) throws Exception {
        war(target(mojo).resolve("app.war"));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("<classifier> \"not/a classifier\" may contain only letters, digits, '.', '_' and '-'",
                e.getMessage());
    }

    @Test
    @InjectMojo(goal = "distributable", pom = POM)
    void distributableMissingWarNamesThePlacesLookedAt(DistributableMojo mojo) throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("No WAR to make distributable: looked at target/app.war (<finalName>.war). Run "
                + "tomcat-cluster:distributable after war:war, or set <warFile> to the WAR to work on", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "distributable", pom = POM)
    @MojoParameter(name = "warFile", value = "elsewhere/other.war")
    void distributableMissingWarFileNamesWarFile(DistributableMojo mojo) throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("<warFile> "), e.getMessage());
        assertTrue(e.getMessage().endsWith("elsewhere/other.war does not exist; set it to an existing WAR, or leave it "
                + "out to make distributable the WAR this project builds"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "distributable", pom = POM)
    void distributableCorruptWarIsTheUsersMistake(DistributableMojo mojo) throws Exception {
        Files.write(target(mojo).resolve("app.war"), "not a zip".getBytes(UTF_8));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("target/app.war"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "distributable", pom = POM)
    void distributableIoErrorIsAnExecutionError(DistributableMojo mojo) throws Exception {
        Path target = target(mojo);
        war(target.resolve("app.war"));
        // war:war's exploded webapp with a directory where web.xml should be: reading it fails
        Files.createDirectories(target.resolve("app/WEB-INF/web.xml"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("tomcat-cluster:distributable could not read or write target/app.war: "),
                e.getMessage());
    }

    // verify and session-check

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void verifyDefaults(VerifyMojo mojo) throws Exception {
        assertNull(mojo.warFile);
        assertEquals(true, getVariableValueFromObject(mojo, "failOnError"));
        assertEquals(true, getVariableValueFromObject(mojo, "failOnSessionRisk"));
        assertEquals(false, getVariableValueFromObject(mojo, "includeLibraries"));
        assertEquals(target(mojo).resolve("tomcat-cluster/session-classes.txt").toFile(),
                getVariableValueFromObject(mojo, "sessionClassesFile"));
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "failOnError", value = "false")
    void verifyNotDistributableWithFailOnErrorFalseWarns(VerifyMojo mojo) throws Exception {
        war(target(mojo).resolve("app.war"));
        logged(mojo).execute();
        assertTrue(log.stream().anyMatch(line -> line.startsWith("[WARNING] WAR target/app.war will not replicate "
                + "sessions in Tomcat:")), log.toString());
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void verifyNotDistributableIsTheUsersMistake(VerifyMojo mojo) throws Exception {
        war(target(mojo).resolve("app.war"));
        MojoFailureException e = assertThrows(MojoFailureException.class, logged(mojo)::execute);
        assertTrue(e.getMessage().startsWith("WAR target/app.war will not replicate sessions in Tomcat:"),
                e.getMessage());
    }

    /** -Dtomcat-cluster.skip=true: a project property, which the harness evaluates {@code ${…}} against. */
    @Nested
    class WithSkipProperty {
        @Provides
        MavenProject project() throws Exception {
            MavenProject project = MojoWiringTest.this.project();
            project.getProperties().setProperty("tomcat-cluster.skip", "true");
            return project;
        }

        @Test
        @InjectMojo(goal = "session-check", pom = POM)
        void sessionCheckIsSkipped(SessionCheckMojo mojo) throws Exception {
            logged(mojo).execute();
            assertEquals(List.of("[INFO] Skipping tomcat-cluster:session-check (tomcat-cluster.skip is true)"), log);
        }

        @Test
        @InjectMojo(goal = "cluster-config", pom = POM)
        void clusterConfigIsSkipped(ClusterConfigMojo mojo) throws Exception {
            logged(mojo).execute();
            assertEquals(List.of("[INFO] Skipping tomcat-cluster:cluster-config (tomcat-cluster.skip is true)"), log);
            assertFalse(Files.exists(target(mojo).resolve("tomcat-cluster")));
        }

        @Test
        @InjectMojo(goal = "run", pom = POM)
        void runIsSkipped(RunMojo mojo) throws Exception {
            logged(mojo).execute();
            assertEquals(List.of("[INFO] Skipping tomcat-cluster:run (tomcat-cluster.skip is true)"), log);
        }
    }

    // cluster-config

    @Test
    @InjectMojo(goal = "cluster-config", pom = POM)
    void clusterConfigDefaults(ClusterConfigMojo mojo) throws Exception {
        assertEquals("DeltaManager", getVariableValueFromObject(mojo, "manager"));
        assertEquals("multicast", getVariableValueFromObject(mojo, "membership"));
        assertEquals("AES/GCM/NoPadding", getVariableValueFromObject(mojo, "encryptionAlgorithm"));
        assertEquals(false, getVariableValueFromObject(mojo, "restrictSessionClasses"));
        assertEquals(target(mojo).resolve("tomcat-cluster").toFile(),
                getVariableValueFromObject(mojo, "outputDirectory"));
    }

    @Test
    @InjectMojo(goal = "cluster-config", pom = POM)
    @MojoParameter(name = "manager", value = "PersistentManager")
    void clusterConfigUnknownManagerIsTheUsersMistake(ClusterConfigMojo mojo) throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("<manager>"), e.getMessage());
        assertTrue(e.getMessage().contains("\"PersistentManager\" is not a cluster session manager"), e.getMessage());
        assertFalse(Files.exists(target(mojo).resolve("tomcat-cluster")), "files written for a bad <manager>");
    }

    @Test
    @InjectMojo(goal = "cluster-config", pom = POM)
    void clusterConfigWritesTheDefaultConfiguration(ClusterConfigMojo mojo) throws Exception {
        logged(mojo).execute();
        assertTrue(Files.isRegularFile(target(mojo).resolve("tomcat-cluster/cluster.xml")));
        assertTrue(log.stream().anyMatch(line -> line.startsWith("[INFO] Wrote the Tomcat 10.1 cluster configuration "
                + "(DeltaManager, multicast membership, one for all nodes) to target/tomcat-cluster: ")),
                log.toString());
    }

    // run, start, stop: inputs that fail before any Tomcat is resolved or started

    @Test
    @InjectMojo(goal = "run", pom = POM)
    void runDefaults(RunMojo mojo) throws Exception {
        Path target = target(mojo);
        assertNull(mojo.warFile);
        assertNull(mojo.contextPath); // the WAR's name gives it
        assertEquals(2, mojo.nodeCount);
        assertEquals(120, mojo.startTimeout);
        assertTrue(mojo.failOnReplicationProblem);
        assertEquals(target.resolve("tomcat-cluster/run").toFile(), mojo.runDirectory);
        assertEquals(target.resolve("tomcat-cluster").toFile(), mojo.reportDirectory);
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    void runMissingWarNamesThePlacesLookedAt(RunMojo mojo) throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("No WAR to serve: looked at target/app.war (<finalName>.war). Run tomcat-cluster:run after the "
                + "package phase (mvn package tomcat-cluster:run), or set <warFile>", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "start", pom = POM)
    @MojoParameter(name = "contextPath", value = "shop")
    void startBadContextPathIsTheUsersMistake(StartMojo mojo) throws Exception {
        war(target(mojo).resolve("app.war"));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("<contextPath> \"shop\" is not a context path: use / or /name (letters, digits, . _ ~ -)",
                e.getMessage());
    }

    @Test
    @InjectMojo(goal = "start", pom = POM)
    void startTakesTheContextPathFromTheWarsName(StartMojo mojo) throws Exception {
        mojo.warFile = war(target(mojo).resolve("my shop.war")).toFile();
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("The WAR's name my shop.war gives the context path \"/my shop\", which the nodes cannot serve: "
                + "set <contextPath> to / or /name (letters, digits, . _ ~ -)", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "start", pom = POM)
    @MojoParameter(name = "nodeCount", value = "1")
    void startOneNodeIsTheUsersMistake(StartMojo mojo) throws Exception {
        war(target(mojo).resolve("app.war"));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("<nodeCount> 1: a cluster on this machine has 2 to 8 nodes", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    @MojoParameter(name = "manager", value = "PersistentManager")
    void runUnknownManagerIsTheUsersMistake(RunMojo mojo) throws Exception {
        war(target(mojo).resolve("app.war"));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("\"PersistentManager\" is not a cluster session manager"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "start", pom = POM)
    @MojoParameter(name = "startTimeout", value = "0")
    void startTimeoutZeroIsRefusedBeforeAnythingStarts(StartMojo mojo) throws Exception {
        war(target(mojo).resolve("app.war"));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("<startTimeout> 0: a node needs a positive number of seconds to start; leave it out for 120, or "
                + "give more on a slow machine", e.getMessage());
        assertFalse(Files.exists(target(mojo).resolve("tomcat-cluster")), "nothing laid out or unpacked");
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    @MojoParameter(name = "startTimeout", value = "-5")
    void startTimeoutNegativeIsRefused(RunMojo mojo) throws Exception {
        war(target(mojo).resolve("app.war"));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("<startTimeout> -5: a node needs a positive number of seconds"),
                e.getMessage());
    }

    @Test
    @InjectMojo(goal = "start", pom = "<project><build><plugins><plugin>"
            + "<artifactId>tomcat-cluster-maven-plugin</artifactId><configuration><requests>"
            + "<request><path>/my cart</path></request>"
            + "</requests></configuration></plugin></plugins></build></project>")
    void aRequestPathWithASpaceIsRefusedForTheSpace(StartMojo mojo) throws Exception {
        war(target(mojo).resolve("app.war"));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("<requests> request 1: <path> \"/my cart\" has a space, which a URL cannot hold as it is: write "
                + "it percent-encoded (%20)", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "start", pom = POM)
    void startWarFileThatIsADirectoryIsValidatedAsForTheWarGoals(StartMojo mojo) throws Exception {
        mojo.warFile = Files.createDirectories(target(mojo).resolve("exploded")).toFile();
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("<warFile> target/exploded is a directory, not a WAR file; set <warFile> to the .war file to "
                + "serve", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    @MojoParameter(name = "warFile", value = "elsewhere/other.war")
    void runMissingWarFileNamesWarFile(RunMojo mojo) throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().matches("<warFile> .*elsewhere/other\\.war does not exist; set it to an existing "
                + "WAR, or leave it out to serve the WAR this project builds"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "stop", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    void stopSkippedSaysSo(StopMojo mojo) throws Exception {
        logged(mojo).execute();
        assertEquals(List.of("[INFO] Skipping tomcat-cluster:stop (tomcat-cluster.skip is true)"), log);
    }

    @Test
    @InjectMojo(goal = "start", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    void startSkippedSaysSo(StartMojo mojo) throws Exception {
        logged(mojo).execute();
        assertEquals(List.of("[INFO] Skipping tomcat-cluster:start (tomcat-cluster.skip is true)"), log);
    }

    @Test
    @InjectMojo(goal = "stop", pom = POM)
    void stopWithoutStartWarnsAndGoesOn(StopMojo mojo) throws Exception {
        logged(mojo).execute();
        assertEquals(List.of("[WARNING] No cluster started by tomcat-cluster:start in this build "
                + "(target/tomcat-cluster/run); nothing to stop"), log);
    }
}
