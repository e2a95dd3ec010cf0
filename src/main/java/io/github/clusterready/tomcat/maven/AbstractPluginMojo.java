package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.runtime.RuntimeClusterException;
import io.github.clusterready.tomcat.session.SessionClassesException;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the project, the skip switch, how paths are shown, and the one place where the core's
 * exceptions become Maven's: a domain failure (the user's WAR, descriptor, POM parameter or cluster) is a
 * {@link MojoFailureException} with the core's message; an I/O failure is a {@link MojoExecutionException} saying
 * what the goal was doing.
 */
abstract class AbstractPluginMojo extends AbstractMojo {
    /**
     * Skips the goal; the log says so.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            skipped();
            return;
        }
        try {
            runGoal();
        } catch (ClusterConfigException | RuntimeClusterException | SessionClassesException | WarException
                | DescriptorException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("tomcat-cluster:" + goal() + " could not " + work() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("tomcat-cluster:" + goal() + " was interrupted", e);
        }
    }

    /** The goal's work, unless skipped. */
    abstract void runGoal() throws MojoFailureException, MojoExecutionException, IOException, InterruptedException,
            ClusterConfigException, RuntimeClusterException, SessionClassesException, WarException,
            DescriptorException;

    /** What the goal reads and writes, for "tomcat-cluster:verify could not read or write target/app.war". */
    abstract String work();

    /** The goal's name, for messages. */
    abstract String goal();

    /** Logs that the goal is skipped; a goal may say more of what the user gets. */
    void skipped() {
        getLog().info(skipLine());
    }

    /** "Skipping tomcat-cluster:verify (tomcat-cluster.skip is true)". */
    final String skipLine() {
        return "Skipping tomcat-cluster:" + goal() + " (tomcat-cluster.skip is true)";
    }

    /**
     * The WAR {@code <warFile>} names, else the one this project built, if found: the one check of
     * {@code <warFile>} for every goal that takes it.
     *
     * @param warFile {@code <warFile>}, or null
     * @param purpose what the goal does with it ("make distributable", "serve"), for messages
     * @throws WarException when {@code <warFile>} is a directory, or names a file that does not exist and is not
     *     where this project's WAR goes (a parent POM may set it so for every module: then it counts as unset,
     *     except that it alone is looked at)
     */
    Optional<Path> findWar(File warFile, String purpose) throws WarException {
        if (warFile != null && warFile.isDirectory()) {
            throw new WarException("<warFile> " + shown(warFile.toPath()) + " is a directory, not a WAR file; set "
                    + "<warFile> to the .war file to " + purpose);
        }
        if (warFile != null && warFile.isFile()) {
            return Optional.of(warFile.toPath());
        }
        ProjectWar own = ProjectWar.of(project);
        if (warFile != null && !own.isOneOf(warFile)) {
            throw new WarException("<warFile> " + shown(warFile.toPath()) + " does not exist; set it to an existing "
                    + "WAR, or leave it out to " + purpose + " the WAR this project builds");
        }
        return warFile == null ? own.find() : Optional.<Path>empty();
    }

    /** A path as the user knows it: relative to the project directory when it lies inside it. */
    String shown(Path path) {
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString().replace('\\', '/');
    }
}
