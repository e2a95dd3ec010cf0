package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.session.SessionAnalysis;
import io.github.clusterready.tomcat.session.SessionAttributeAnalyzer;
import io.github.clusterready.tomcat.session.SessionClassList;
import io.github.clusterready.tomcat.session.SessionRisk;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals that run the session analysis share: its parameters, and how its findings reach the log. */
abstract class AbstractSessionMojo extends AbstractWarMojo {

    /**
     * Fail the build when the application stores in a session an object Tomcat cannot serialize once the webapp
     * is distributable; with {@code false} the findings are logged as warnings and the build goes on.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.failOnSessionRisk", defaultValue = "true")
    private boolean failOnSessionRisk;

    /**
     * Fail the build when a class file the session analysis needs cannot be read (a class-file version newer than
     * it knows, a damaged file, one larger than 64 MiB), since what that class stores in sessions then goes
     * unchecked; with {@code false} such classes are only logged as warnings.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.failOnUnreadableClass", defaultValue = "true")
    private boolean failOnUnreadableClass;

    /**
     * Also analyse the classes of the jars in {@code WEB-INF/lib}, not only those in {@code WEB-INF/classes}.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.includeLibraries", defaultValue = "false")
    private boolean includeLibraries;

    /**
     * Where the analysis writes the classes of the values the application stores as session attributes, one
     * class name a line, with the stored values whose classes it cannot list in {@code # unlisted:} lines:
     * what {@code cluster-config} reads for {@code restrictSessionClasses}.
     *
     * @since 1.0.0
     */
    @Parameter(defaultValue = "${project.build.directory}/tomcat-cluster/session-classes.txt")
    private File sessionClassesFile;

    /** What the session analysis of a WAR came to. */
    static final class SessionCheck {
        /** The counts, for the goal's info line: "2 classes, 2 setAttribute/putValue calls, 0 risks, …". */
        final String summary;
        /** The failure to report, or null when there is none or {@code failOnSessionRisk} is false. */
        final String failure;

        SessionCheck(String summary, String failure) {
            this.summary = summary;
            this.failure = failure;
        }
    }

    /**
     * Analyses what the WAR stores in sessions, logs the unknowns (debug) and, when {@code failOnSessionRisk} is
     * false, the risks (warning), and writes {@link #sessionClassesFile}.
     */
    SessionCheck checkSessions(WarArchive archive, String war) throws IOException, WarException,
            MojoFailureException {
        long started = System.nanoTime();
        SessionAnalysis analysis = new SessionAttributeAnalyzer(compileClasspath(), includeLibraries)
                .analyze(archive, war);
        long millis = (System.nanoTime() - started) / 1_000_000;
        writeSessionClasses(analysis, war);
        List<SessionRisk> errors = analysis.errors();
        List<SessionRisk> unknowns = analysis.unknowns();
        List<SessionRisk> unreadable = analysis.unreadableClasses();
        for (SessionRisk unknown : unknowns) {
            getLog().debug("Session attribute of unknown serializability: " + unknown);
        }
        for (SessionRisk warning : analysis.warnings()) {
            if (!warning.isUnreadableClass() || !failOnUnreadableClass) {
                getLog().warn(warning.toString());
            }
        }
        String summary = analysis.classCount() + " classes, " + analysis.callCount() + " setAttribute/putValue calls, "
                + errors.size() + (errors.size() == 1 ? " risk, " : " risks, ") + unknowns.size() + " unknown"
                + (unknowns.isEmpty() ? "" : " (mvn -X lists them)")
                + (unreadable.isEmpty() ? "" : ", " + unreadable.size() + " class files not readable")
                + (analysis.frameworkBeanCount() == 0 ? "" : ", " + analysis.frameworkBeanCount()
                        + " session-scoped framework classes")
                + notAnalysed(analysis)
                + " in " + millis + " ms"
                + (analysis.onlyLibrariesStore() ? "; the application's own classes store nothing in sessions, so "
                        + "whatever is stored comes from the libraries of WEB-INF/lib (a framework's session "
                        + "state), which this check cannot see: prove it at run time with tomcat-cluster:start and "
                        + "tomcat-cluster:stop (README, \"run, start and stop\")" : "");
        String unreadableFailure = null;
        if (failOnUnreadableClass && !unreadable.isEmpty()) {
            StringBuilder message = new StringBuilder("The session analysis of WAR " + war + " could not read these "
                    + "class files, so what they store in sessions is not checked (set "
                    + "tomcat-cluster.failOnUnreadableClass to false to only warn):");
            for (SessionRisk warning : unreadable) {
                message.append(System.lineSeparator()).append("  - ").append(warning);
            }
            unreadableFailure = message.toString();
        }
        if (errors.isEmpty()) {
            return new SessionCheck(summary, unreadableFailure);
        }
        StringBuilder message = new StringBuilder("WAR " + war + " stores objects in sessions that Tomcat cannot "
                + "replicate:");
        for (SessionRisk error : errors) {
            message.append(System.lineSeparator()).append("  - ").append(error);
        }
        if (failOnSessionRisk) {
            return new SessionCheck(summary, unreadableFailure == null ? message.toString()
                    : message + System.lineSeparator() + unreadableFailure);
        }
        getLog().warn(message + System.lineSeparator()
                + "(tomcat-cluster.failOnSessionRisk is false: the build goes on)");
        return new SessionCheck(summary, unreadableFailure);
    }

    /**
     * {@code ", not analysed: 2 JSP pages, 3 jars of WEB-INF/lib (includeLibraries)"}, or empty: so that "0 risks"
     * is not read as "nothing stored" when code the analysis did not read may store something.
     */
    private String notAnalysed(SessionAnalysis analysis) {
        List<String> parts = new ArrayList<>();
        if (analysis.pageCount() > 0) {
            parts.add(analysis.pageCount() + (analysis.pageCount() == 1 ? " JSP page" : " JSP pages"));
        }
        if (!includeLibraries && analysis.libraryCount() > 0) {
            parts.add(analysis.libraryCount() + (analysis.libraryCount() == 1 ? " jar" : " jars")
                    + " of WEB-INF/lib (includeLibraries)");
        }
        return parts.isEmpty() ? "" : ", not analysed: " + String.join(", ", parts);
    }

    /** Fails the build with every failure given that is not null. */
    static void failIfAny(String... failures) throws MojoFailureException {
        List<String> present = new ArrayList<>();
        for (String failure : failures) {
            if (failure != null) {
                present.add(failure);
            }
        }
        if (!present.isEmpty()) {
            throw new MojoFailureException(String.join(System.lineSeparator(), present));
        }
    }

    private List<Path> compileClasspath() throws MojoFailureException {
        List<Path> classpath = new ArrayList<>();
        try {
            for (String element : project.getCompileClasspathElements()) {
                classpath.add(Paths.get(element));
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoFailureException("tomcat-cluster:" + goal() + " needs the project's compile classpath, "
                    + "which Maven has not resolved: " + e.getMessage(), e);
        }
        return classpath;
    }

    private void writeSessionClasses(SessionAnalysis analysis, String war) throws IOException {
        if (sessionClassesFile == null) {
            return;
        }
        Path file = sessionClassesFile.toPath();
        SessionClassList.of(war, analysis, includeLibraries).write(file);
        getLog().debug("Wrote the " + analysis.valueClasses().size() + " classes of the values stored in sessions to "
                + shown(file));
    }
}
