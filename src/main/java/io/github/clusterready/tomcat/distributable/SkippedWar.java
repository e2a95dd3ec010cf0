package io.github.clusterready.tomcat.distributable;

import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.descriptor.DescriptorReader;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What a user gets when {@code distributable} is skipped: usually the WAR as war:war built it, but after an earlier
 * distributable build without {@code clean}, war:war packs the exploded {@code web.xml} that build made distributable,
 * and the WAR is distributable anyway. Reads; changes nothing.
 */
public final class SkippedWar {
    private final String text;
    private final boolean distributableAnyway;

    private SkippedWar(String text, boolean distributableAnyway) {
        this.text = text;
        this.distributableAnyway = distributableAnyway;
    }

    /**
     * The end of the skip line: ": … is left as war:war built it, …", ", but … is distributable anyway: …", or "".
     */
    public String text() {
        return text;
    }

    /** Whether the WAR is distributable although the source web.xml is not: a surprise, worth a warning. */
    public boolean distributableAnyway() {
        return distributableAnyway;
    }

    /**
     * What the user gets, for the end of the skip line after "Skipping tomcat-cluster:distributable (…)":
     * ": target/x.war is left as war:war built it, not distributable", or ", but target/x.war is distributable
     * anyway: …; build with clean"; empty when the WAR cannot be read (it is not there yet, or is no WAR: the
     * skipped goal is not the place to say so).
     *
     * @param war the WAR the goal would have changed
     * @param exploded the exploded webapp war:war packs, or null
     * @param source the {@code web.xml} the project's sources hold (it need not exist)
     * @param shown a path as the user knows it
     */
    public static SkippedWar describe(Path war, Path exploded, Path source, Function<Path, String> shown) {
        boolean packaged;
        try (WarArchive archive = WarArchive.open(war, shown.apply(war))) {
            WarEntry entry = archive.findUnambiguous(DistributableInjector.WEB_XML);
            packaged = entry != null && distributable(archive.read(entry, DistributableInjector.WEB_XML_LIMIT));
        } catch (IOException | WarException | DescriptorException | RuntimeException e) {
            return new SkippedWar("", false);
        }
        if (!packaged) {
            return new SkippedWar(": " + shown.apply(war) + " is left as war:war built it, not distributable", false);
        }
        if (Boolean.TRUE.equals(distributable(source))) {
            return new SkippedWar(": " + shown.apply(war) + " is distributable all the same: " + shown.apply(source)
                    + " has <distributable/>", false);
        }
        Path explodedWebXml = exploded == null ? null : exploded.resolve(DistributableInjector.WEB_XML);
        String why = explodedWebXml != null && Boolean.TRUE.equals(distributable(explodedWebXml))
                ? "war:war packaged " + shown.apply(explodedWebXml) + ", which an earlier build made distributable"
                : "its " + DistributableInjector.WEB_XML + " was made distributable by an earlier build";
        return new SkippedWar(", but " + shown.apply(war) + " is distributable anyway: " + why + "; build with clean",
                true);
    }

    /** Whether the file is a distributable descriptor; null when it is missing or unreadable. */
    private static Boolean distributable(Path webXml) {
        try {
            return Files.isRegularFile(webXml) ? distributable(Files.readAllBytes(webXml)) : null;
        } catch (IOException | DescriptorException | RuntimeException e) {
            return null;
        }
    }

    private static boolean distributable(byte[] webXml) throws DescriptorException {
        return new DescriptorReader().read(webXml, DistributableInjector.WEB_XML).isDistributable();
    }
}
