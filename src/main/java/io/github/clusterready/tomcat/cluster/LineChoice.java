package io.github.clusterready.tomcat.cluster;

import io.github.clusterready.tomcat.cluster.WarServletApi.Namespace;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.descriptor.ServletApi;
import io.github.clusterready.tomcat.descriptor.WebAppVersion;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Tomcat line (and release) a project is configured for or run on, and why: {@code <tomcatVersion>}, else the
 * Servlet API among the project's dependencies, else what the WAR itself uses, else 10.1. The same for every goal,
 * so that {@code cluster-config} writes for the line {@code run} starts.
 */
public final class LineChoice {
    /** A dependency as {@code groupId}, {@code artifactId} and base version. */
    public static final class Dependency {
        final String groupId;
        final String artifactId;
        final String version;

        public Dependency(String groupId, String artifactId, String version) {
            this.groupId = groupId;
            this.artifactId = artifactId;
            this.version = version;
        }
    }

    /** The WAR to read when the dependencies do not decide, as the user knows it. */
    public static final class War {
        final Path path;
        final String shown;
        final boolean fromElsewhere;

        /**
         * @param fromElsewhere whether {@code <warFile>} names a WAR another project built: then the WAR decides,
         *     whatever this project's dependencies are
         */
        public War(Path path, String shown, boolean fromElsewhere) {
            this.path = path;
            this.shown = shown;
            this.fromElsewhere = fromElsewhere;
        }
    }

    private final TomcatLine line;
    private final String release;
    private final String reason;

    private LineChoice(TomcatLine line, String release, String reason) {
        this.line = line;
        this.release = release;
        this.reason = reason;
    }

    /**
     * Chooses the line.
     *
     * @param tomcatVersion {@code <tomcatVersion>}, or null
     * @param war the WAR, or null for a goal that has none (cluster-config)
     * @throws ClusterConfigException for a {@code <tomcatVersion>} that names no supported line
     */
    public static LineChoice choose(String tomcatVersion, List<Dependency> dependencies, War war)
            throws ClusterConfigException, IOException, WarException, DescriptorException {
        if (tomcatVersion != null && !tomcatVersion.trim().isEmpty()) {
            TomcatLine line = TomcatLine.of(tomcatVersion);
            String release = TomcatLine.isRelease(tomcatVersion) ? tomcatVersion.trim() : line.release();
            return new LineChoice(line, release, "<tomcatVersion> is " + tomcatVersion.trim());
        }
        if (war == null || !war.fromElsewhere) {
            for (Dependency dependency : dependencies) {
                Optional<WebAppVersion> provided = ServletApi.providedBy(dependency.groupId, dependency.artifactId,
                        dependency.version);
                if (provided.isPresent()) {
                    TomcatLine line = TomcatLine.forServletVersion(provided.get().number());
                    return new LineChoice(line, line.release(), "the project depends on " + dependency.artifactId
                            + " " + dependency.version + " (Servlet " + provided.get() + ")");
                }
            }
        }
        if (war == null) {
            return new LineChoice(TomcatLine.V10_1, TomcatLine.V10_1.release(), "the project depends on no Servlet "
                    + "API (the default line; set <tomcatVersion> for another)");
        }
        return fromWar(WarServletApi.read(war.path, war.shown), war);
    }

    static LineChoice fromWar(WarServletApi api, War war) {
        String why = war.fromElsewhere ? "<warFile> " + war.shown + " is another project's WAR"
                : "the project depends on no Servlet API";
        Optional<String> version = api.webXmlVersion();
        String declares = version.isPresent() ? "its web.xml declares Servlet " + version.get()
                : "its web.xml declares no version";
        Optional<Namespace> namespace = api.namespace();
        TomcatLine line;
        String reason;
        if (namespace.isPresent()) {
            line = lineFor(namespace.get(), version);
            reason = why + ", and " + (war.fromElsewhere ? "its" : war.shown + "'s") + " classes use "
                    + namespace.get() + " (" + api.evidence() + "); " + declares;
        } else if (version.isPresent() && version.get().matches("[2-9]\\.\\d+")) {
            // Servlet 2.x to 4.x is javax.servlet, 5.0 and later jakarta.servlet
            Namespace declared = version.get().matches("[2-4]\\.\\d+") ? Namespace.JAVAX : Namespace.JAKARTA;
            line = lineFor(declared, version);
            reason = why + ", no class of " + war.shown + " names a Servlet type (" + api.classesRead()
                    + " read), and " + declares + " (" + declared + ")";
        } else {
            line = TomcatLine.V10_1;
            reason = why + ", and " + war.shown + " names none: no class uses javax.servlet or jakarta.servlet ("
                    + api.classesRead() + " read), " + declares + " (the default line; set <tomcatVersion> for "
                    + "another)";
        }
        return new LineChoice(line, line.release(), reason);
    }

    /** The line for a WAR in {@code namespace} whose web.xml declares {@code webXmlVersion}. */
    private static TomcatLine lineFor(Namespace namespace, Optional<String> webXmlVersion) {
        return namespace == Namespace.JAVAX ? javaxLine(webXmlVersion) : jakartaLine(webXmlVersion);
    }

    /** 8.5 for a Servlet 3.x web.xml, as for a servlet-api 3.x dependency; else 9.0, the last javax line. */
    private static TomcatLine javaxLine(Optional<String> webXmlVersion) {
        return webXmlVersion.isPresent() && webXmlVersion.get().matches("3\\.[01]") ? TomcatLine.V8_5
                : TomcatLine.V9_0;
    }

    /** 11.0 for a Servlet 6.1 web.xml; else 10.1, the first jakarta line the plugin runs. */
    private static TomcatLine jakartaLine(Optional<String> webXmlVersion) {
        return webXmlVersion.isPresent() && webXmlVersion.get().equals("6.1") ? TomcatLine.V11_0 : TomcatLine.V10_1;
    }

    public TomcatLine line() {
        return line;
    }

    /** The release the run goals start: the one {@code <tomcatVersion>} names, else the line's. */
    public String release() {
        return release;
    }

    /** Why this line: "the project depends on javax.servlet-api 4.0.1 (Servlet 4.0)". */
    public String reason() {
        return reason;
    }

    /** "Tomcat 9.0.117: the project depends on javax.servlet-api 4.0.1 (Servlet 4.0)". */
    @Override
    public String toString() {
        return "Tomcat " + release + ": " + reason;
    }
}
