package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.war.WarException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every goal that reads the packaged WAR shares: the WAR, found once {@link #runGoal()} starts. */
abstract class AbstractWarMojo extends AbstractPluginMojo {

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

    /** The WAR the goal works on: {@code warFile}, or the one this project built; set by {@link #runGoal()}. */
    private File war;

    @Override
    final void runGoal() throws MojoFailureException, IOException, DescriptorException, WarException {
        Optional<Path> found = findWar(warFile, purpose());
        if (!found.isPresent()) {
            String lookedAt = warFile == null ? ProjectWar.of(project).lookedAt(this::shown) : shown(warFile.toPath());
            if (!"war".equals(project.getPackaging())) {
                getLog().info("No WAR at " + lookedAt + "; nothing to " + purpose() + " (set <warFile> for a "
                        + project.getPackaging() + " project)");
                return;
            }
            throw new WarException("No WAR to " + purpose() + ": looked at " + lookedAt + ". Run "
                    + "tomcat-cluster:" + goal() + " after war:war, or set <warFile> to the WAR to work on");
        }
        war = found.get().toFile();
        // Only with -X: the management classes cost a fresh JVM some 30 classes to load.
        long cpu = getLog().isDebugEnabled() ? processCpuNanos() : -1;
        long started = System.nanoTime();
        run();
        if (cpu >= 0) {
            getLog().debug("tomcat-cluster:" + goal() + " took " + (System.nanoTime() - started) / 1_000_000
                    + " ms, " + (processCpuNanos() - cpu) / 1_000_000 + " ms of CPU (the whole JVM's)");
        }
    }

    @Override
    final String work() {
        return war == null ? "find the WAR" : "read or write " + shown(war.toPath());
    }

    /** The CPU time of this JVM so far, or -1 where the runtime does not say. */
    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    /** What the goal does, for "nothing to …". */
    abstract String purpose();

    abstract void run() throws MojoFailureException, IOException, DescriptorException, WarException;

    /** The WAR the goal works on, once {@link #runGoal()} has found it. */
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
}
