package io.github.clusterready.tomcat.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Where the WAR this project builds is, when {@code <warFile>} is not set: the file war:war attached to the project
 * (whatever {@code <warName>} it used), else maven-war-plugin's {@code <warName>.war}, else
 * {@code <finalName>.war}, each in the build directory. The places are kept so that a message can name them all.
 */
final class ProjectWar {
    /** Each place looked at, in order, with why: "the project's artifact", "<finalName>.war", … */
    private final Map<Path, String> candidates = new LinkedHashMap<>();

    private ProjectWar() {
    }

    static ProjectWar of(MavenProject project) {
        ProjectWar war = new ProjectWar();
        File artifact = project.getArtifact() == null ? null : project.getArtifact().getFile();
        if (artifact != null && artifact.getName().endsWith(".war")) {
            war.add(artifact, "the WAR war:war attached to the project");
        }
        String warName = warPluginSetting(project, "warName");
        if (warName != null && !warName.trim().isEmpty()) {
            war.add(new File(project.getBuild().getDirectory(), warName.trim() + ".war"),
                    "maven-war-plugin's <warName>");
        }
        war.add(defaultFile(project), "<finalName>.war");
        return war;
    }

    /** {@code <finalName>.war} in the build directory, the WAR maven-war-plugin builds by default. */
    static File defaultFile(MavenProject project) {
        return new File(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".war");
    }

    private void add(File file, String why) {
        candidates.putIfAbsent(file.toPath().toAbsolutePath().normalize(), why);
    }

    /** The first place that holds a file. */
    Optional<Path> find() {
        for (Path candidate : candidates.keySet()) {
            if (candidate.toFile().isFile()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The most likely place: the first looked at, for messages and reports when there is no WAR. */
    Path first() {
        return candidates.keySet().iterator().next();
    }

    /** Whether {@code file} is one of the places this project's WAR is looked for. */
    boolean isOneOf(File file) {
        return candidates.containsKey(file.toPath().toAbsolutePath().normalize());
    }

    /** "target/a.war (the WAR war:war attached to the project), target/b.war (&lt;finalName&gt;.war)". */
    String lookedAt(Function<Path, String> shown) {
        List<String> places = new ArrayList<>();
        for (Map.Entry<Path, String> candidate : candidates.entrySet()) {
            places.add(shown.apply(candidate.getKey()) + " (" + candidate.getValue() + ")");
        }
        return String.join(", ", places);
    }

    /**
     * The {@code web.xml} of the project's sources that war:war packs: maven-war-plugin's {@code <webXml>}, else
     * {@code WEB-INF/web.xml} in its {@code <warSourceDirectory>} (by default {@code src/main/webapp}).
     */
    static Path sourceWebXml(MavenProject project) {
        String webXml = warPluginSetting(project, "webXml");
        if (webXml != null && !webXml.trim().isEmpty()) {
            return project.getBasedir().toPath().resolve(webXml.trim());
        }
        String sources = warPluginSetting(project, "warSourceDirectory");
        return project.getBasedir().toPath().resolve(sources == null || sources.trim().isEmpty() ? "src/main/webapp"
                : sources.trim()).resolve("WEB-INF/web.xml");
    }

    /** A setting of maven-war-plugin's plugin-level {@code <configuration>}, or null. */
    private static String warPluginSetting(MavenProject project, String name) {
        for (Plugin plugin : project.getBuildPlugins()) {
            if ("org.apache.maven.plugins".equals(plugin.getGroupId())
                    && "maven-war-plugin".equals(plugin.getArtifactId())
                    && plugin.getConfiguration() instanceof Xpp3Dom) {
                Xpp3Dom value = ((Xpp3Dom) plugin.getConfiguration()).getChild(name);
                return value == null ? null : value.getValue();
            }
        }
        return null;
    }
}
