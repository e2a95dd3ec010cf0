package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.descriptor.ServletApi;
import io.github.clusterready.tomcat.descriptor.WebAppVersion;
import io.github.clusterready.tomcat.distributable.DistributableInjector;
import io.github.clusterready.tomcat.distributable.DistributableInjector.Result;
import io.github.clusterready.tomcat.distributable.SkippedWar;
import io.github.clusterready.tomcat.war.WarException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Makes the packaged WAR distributable: adds {@code <distributable/>} to its {@code WEB-INF/web.xml} (one added
 * line, no other byte changed) or adds a minimal distributable {@code web.xml} when the WAR has none. Runs after
 * {@code war:war} in the {@code package} phase; never changes files under {@code src/}.
 *
 * @since 1.0.0
 */
@Mojo(name = "distributable", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class DistributableMojo extends AbstractWarMojo {

    /**
     * When set, the WAR is left alone and the distributable copy is written beside it as
     * {@code <name>-<classifier>.war} ({@code shop.war}: {@code shop-<classifier>.war}) and attached to the project,
     * so that {@code install} and {@code deploy} carry it.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.classifier")
    private String classifier;

    /**
     * The Servlet version of the {@code web.xml} generated for a WAR that has none: 3.0, 3.1, 4.0, 5.0, 6.0 or
     * 6.1. By default the version of the Servlet API the project compiles against, else 6.0.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.webAppVersion")
    private String webAppVersion;

    /**
     * The exploded webapp directory that maven-war-plugin builds; its {@code WEB-INF/web.xml} is made
     * distributable too when the directory exists (not with a {@code classifier}, which leaves the main build alone,
     * and not when {@code warFile} is set to a WAR other than this project's, unless this is set too).
     *
     * @since 1.0.0
     */
    @Parameter(defaultValue = "${project.build.directory}/${project.build.finalName}")
    private File webappDirectory;

    /**
     * The time given to a rewritten {@code web.xml} entry, for reproducible builds: ISO-8601 or seconds since
     * the epoch. Without it the entry keeps the time it had.
     *
     * @since 1.0.0
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * Refuse to change a signed WAR whose signature covers {@code WEB-INF/web.xml}: sign after this goal instead.
     * With {@code false} the WAR is made distributable and its signature no longer verifies until you sign it again.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.failOnSignedWar", defaultValue = "true")
    private boolean failOnSignedWar;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    String goal() {
        return "distributable";
    }

    @Override
    String purpose() {
        return "make distributable";
    }

    /**
     * Says what the user gets instead: after an earlier distributable build without clean, war:war packs the exploded
     * web.xml that build changed, and the WAR is distributable although the goal is skipped.
     */
    @Override
    void skipped() {
        Path war = warFile != null ? warFile.toPath() : ProjectWar.of(project).find().orElse(null);
        if (war == null) {
            getLog().info(skipLine());
            return;
        }
        SkippedWar what = SkippedWar.describe(war, explodedDirectory(true), ProjectWar.sourceWebXml(project),
                this::shown);
        if (what.distributableAnyway()) {
            getLog().warn(skipLine() + what.text());
        } else {
            getLog().info(skipLine() + what.text());
        }
    }

    @Override
    void run() throws MojoFailureException, IOException, DescriptorException, WarException {
        long started = System.nanoTime();
        Path war = war();
        Path output = classifier == null || classifier.trim().isEmpty() ? war : classifiedPath(war);
        DistributableInjector.Request request = new DistributableInjector.Request(war, project.getBasedir().toPath())
                .output(output)
                .explodedDirectory(explodedDirectory(output.equals(war)))
                .generatedVersion(generatedVersion())
                .timestamp(OutputTimestamp.parse(outputTimestamp, "project.build.outputTimestamp"))
                .failOnSignedWar(failOnSignedWar);
        Result result = new DistributableInjector().inject(request);
        long millis = (System.nanoTime() - started) / 1_000_000;
        String target = output.equals(war) ? shown(war) : shown(output) + " (from " + shown(war) + ")";
        switch (result.outcome()) {
            case ADDED:
                getLog().info("Added <distributable/> to WEB-INF/web.xml (Servlet " + result.servletVersion()
                        + ") in " + target + " in " + millis + " ms");
                break;
            case CREATED:
                getLog().info("Created a distributable WEB-INF/web.xml (Servlet " + result.servletVersion()
                        + ") in " + target + " in " + millis + " ms");
                break;
            default:
                getLog().info("WEB-INF/web.xml in " + shown(war) + " is already distributable (Servlet "
                        + result.servletVersion() + "); "
                        + (output.equals(war) ? "the WAR was not rewritten" : "copied it to " + shown(output)));
        }
        if (result.fragmentCheckMillis() >= 0) {
            getLog().debug("Checked the web fragments of " + shown(war) + " in " + result.fragmentCheckMillis()
                    + " ms, beside the rewrite");
        }
        for (String warning : result.warnings()) {
            getLog().warn(warning);
        }
        if (result.explodedUpdated()) {
            getLog().debug("Updated " + shown(webappDirectory.toPath().resolve(DistributableInjector.WEB_XML)));
        }
        if (!output.equals(war)) {
            projectHelper.attachArtifact(project, "war", classifier.trim(), output.toFile());
        }
    }

    /**
     * The exploded webapp to update with the WAR, or null: not with a classifier (the main build stays as it was,
     * and war:war packs the exploded webapp again), and not when {@code warFile} is not this project's WAR, whose
     * descriptor is not this project's, unless {@code webappDirectory} is set to the directory to update.
     */
    private Path explodedDirectory(boolean inPlace) {
        if (webappDirectory == null || !inPlace) {
            return null;
        }
        File projectDirectory = new File(project.getBuild().getDirectory(), project.getBuild().getFinalName());
        boolean defaultDirectory = projectDirectory.toPath().toAbsolutePath().normalize()
                .equals(webappDirectory.toPath().toAbsolutePath().normalize());
        return isProjectWar() || !defaultDirectory ? webappDirectory.toPath() : null;
    }

    private Path classifiedPath(Path war) throws MojoFailureException {
        String c = classifier.trim();
        if (!c.matches("[A-Za-z0-9._-]+")) {
            throw new MojoFailureException("<classifier> \"" + classifier + "\" may contain only letters, digits, "
                    + "'.', '_' and '-'");
        }
        String name = war.getFileName().toString();
        String base = name.endsWith(".war") ? name.substring(0, name.length() - 4) : name;
        return war.resolveSibling(base + "-" + c + ".war");
    }

    private WebAppVersion generatedVersion() throws MojoFailureException {
        if (webAppVersion != null && !webAppVersion.trim().isEmpty()) {
            try {
                return WebAppVersion.of(webAppVersion);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("<webAppVersion> " + e.getMessage());
            }
        }
        for (Artifact artifact : project.getArtifacts()) {
            Optional<WebAppVersion> provided = ServletApi.providedBy(artifact.getGroupId(),
                    artifact.getArtifactId(), artifact.getBaseVersion());
            if (provided.isPresent()) {
                return provided.get();
            }
        }
        return WebAppVersion.V6_0;
    }
}
