package io.github.clusterready.tomcat.maven;

import com.sun.management.OperatingSystemMXBean;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.war.WarException;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal that reads the packaged WAR shares: the WAR, the skip switch, and the one place where the
 * core's exceptions become Maven's.
 */
abstract class AbstractWarMojo extends AbstractMojo {

    /**
     * The WAR to work on. Works with any packaging when set, and then must be an existing file; by default the WAR
     * that maven-war-plugin builds: the file war:war attached to the project (whatever its {@code <warName>}), else
     * {@code ${project.build.directory}/${project.build.finalName}.war}. A project of another packaging without it is
     * left alone, with one info line.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.warFile")
    protected File warFile;

    /**
     * Skips the goal; the log says so.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The WAR the goal works on: {@code warFile}, or the one this project built; set by {@link #execute()}. */
    private File war;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            skipped();
            return;
        }
        if (warFile != null && warFile.isDirectory()) {
            throw new MojoFailureException("<warFile> " + shown(warFile.toPath()) + " is a directory, not a WAR file; "
                    + "set <warFile> to the .war file to " + purpose());
        }
        if (warFile != null && warFile.isFile()) {
            war = warFile;
        } else {
            ProjectWar own = ProjectWar.of(project);
            if (warFile != null && !own.isOneOf(warFile)) {
                throw new MojoFailureException("<warFile> " + shown(warFile.toPath()) + " does not exist; set it to "
                        + "an existing WAR, or leave it out to " + purpose() + " the WAR this project builds");
            }
            // <warFile> set to where this project's WAR goes (a parent POM may do so for every module) counts as unset,
            // except that it alone is looked at.
            Optional<Path> found = warFile == null ? own.find() : Optional.<Path>empty();
            if (!found.isPresent()) {
                String lookedAt = warFile == null ? own.lookedAt(this::shown) : shown(warFile.toPath());
                if (!"war".equals(project.getPackaging())) {
                    getLog().info("No WAR at " + lookedAt + "; nothing to " + purpose() + " (set <warFile> for a "
                            + project.getPackaging() + " project)");
                    return;
                }
                throw new MojoFailureException("No WAR to " + purpose() + ": looked at " + lookedAt + ". Run "
                        + "tomcat-cluster:" + goal() + " after war:war, or set <warFile> to the WAR to work on");
            }
            war = found.get().toFile();
        }
        // Only with -X: the management classes cost a fresh JVM some 30 classes to load.
        long cpu = getLog().isDebugEnabled() ? processCpuNanos() : -1;
        long started = System.nanoTime();
        try {
            run();
            if (cpu >= 0) {
                getLog().debug("tomcat-cluster:" + goal() + " took " + (System.nanoTime() - started) / 1_000_000
                        + " ms, " + (processCpuNanos() - cpu) / 1_000_000 + " ms of CPU (the whole JVM's)");
            }
        } catch (DescriptorException | WarException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("tomcat-cluster:" + goal() + " could not read or write "
                    + shown(war.toPath()) + ": " + e, e);
        }
    }

    /** The CPU time of this JVM so far, or -1 where the runtime does not say. */
    private static long processCpuNanos() {
        Object os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof OperatingSystemMXBean ? ((OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    /** The goal's name, for messages. */
    abstract String goal();

    /** What the goal does, for "nothing to …". */
    abstract String purpose();

    abstract void run() throws MojoFailureException, IOException, DescriptorException, WarException;

    /** Logs that the goal is skipped; a goal may say more of what the user gets. */
    void skipped() {
        getLog().info(skipLine());
    }

    /** "Skipping tomcat-cluster:verify (tomcat-cluster.skip is true)". */
    final String skipLine() {
        return "Skipping tomcat-cluster:" + goal() + " (tomcat-cluster.skip is true)";
    }

    /** The WAR the goal works on, once {@link #execute()} has found it. */
    final Path war() {
        return war.toPath();
    }

    /**
     * Whether the WAR is the one this project builds (where war:war puts it), rather than one {@code <warFile>} set
     * to another project's WAR or any other file.
     */
    boolean isProjectWar() {
        return warFile == null || ProjectWar.of(project).isOneOf(warFile);
    }

    /** A path as the user knows it: relative to the project directory when it lies inside it. */
    String shown(Path path) {
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString().replace('\\', '/');
    }
}
