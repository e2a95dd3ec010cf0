package io.github.clusterready.tomcat.fragments;

import io.github.clusterready.tomcat.descriptor.AbsoluteOrdering;
import io.github.clusterready.tomcat.descriptor.Descriptor;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.descriptor.DescriptorReader;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decides whether a WAR is effectively distributable the way Tomcat's {@code ContextConfig} and
 * {@code WebXml.merge} decide it:
 * <ul>
 *   <li>without {@code WEB-INF/web.xml} a webapp is never distributable;</li>
 *   <li>web.xml must contain {@code <distributable/>};</li>
 *   <li>unless web.xml is {@code metadata-complete="true"}, every fragment Tomcat merges must be distributable
 *       too: all fragments of the jars in {@code WEB-INF/lib}, or with {@code <absolute-ordering>} only those it
 *       names, plus the rest where it has {@code <others/>}; an empty {@code <absolute-ordering/>} merges none.</li>
 * </ul>
 */
public final class DistributabilityCheck {
    public static final String WEB_XML = "WEB-INF/web.xml";
    private static final int WEB_XML_LIMIT = 16 * 1024 * 1024;

    private final DescriptorReader reader = new DescriptorReader();
    private final FragmentScanner scanner = new FragmentScanner();

    /**
     * Checks {@code war}.
     *
     * @param warName the WAR as the user knows it, e.g. {@code target/app.war}, for locations in messages
     */
    public Distributability check(WarArchive war, String warName)
            throws IOException, WarException, DescriptorException {
        // As the distributable goal does: an entry that unpacks onto web.xml under another name (WEB-INF/WEB.XML)
        // makes which descriptor a container reads a matter of its file system, so the check would prove nothing.
        WarEntry entry = war.findUnambiguous(WEB_XML);
        if (entry == null) {
            return new Distributability(Collections.singletonList(WEB_XML + " is missing, and Tomcat never "
                    + "replicates the sessions of a webapp without one: run the tomcat-cluster:distributable goal, "
                    + "which adds a distributable web.xml"), Collections.emptyList(), false);
        }
        String location = warName + "!/" + WEB_XML;
        Descriptor webXml = reader.read(war.read(entry, WEB_XML_LIMIT), location);
        if (!webXml.rootName().equals("web-app")) {
            throw new DescriptorException(location, "has the root element <" + webXml.rootName()
                    + ">, but a web.xml needs the root element <web-app>");
        }
        List<String> problems = new ArrayList<>();
        if (!webXml.isDistributable()) {
            problems.add(WEB_XML + " has no <distributable/>: run the tomcat-cluster:distributable goal in the "
                    + "package phase, or add <distributable/> to src/main/webapp/" + WEB_XML);
        }
        if (webXml.isMetadataComplete()) {
            return new Distributability(problems, Collections.emptyList(), true);
        }
        List<Fragment> merged = mergedFragments(war, warName, webXml, null);
        for (Fragment fragment : merged) {
            if (!fragment.isDistributable()) {
                problems.add(fragment.describe() + " is not distributable, and Tomcat merges it into web.xml, "
                        + "which turns session replication off for the whole webapp: set metadata-complete=\"true\" "
                        + "on <web-app> in web.xml, " + (fragment.name().isPresent()
                                ? "leave \"" + fragment.name().get() + "\" out of an <absolute-ordering> in web.xml, "
                                : "use an <absolute-ordering> in web.xml without <others/>, ")
                        + "or use a version of the library whose fragment is distributable");
            }
        }
        return new Distributability(problems, merged, false);
    }

    /**
     * The fragments Tomcat merges into {@code webXml}, as {@code WebXml.orderWebFragments} selects them: none when
     * web.xml is metadata-complete.
     *
     * @param explodedDirectory the exploded webapp war:war packed the WAR from, or null: library jars found there
     *     with the same size are read from disk with random access instead of being streamed from the WAR
     */
    public List<Fragment> mergedFragments(WarArchive war, String warName, Descriptor webXml, Path explodedDirectory)
            throws IOException, WarException, DescriptorException {
        if (webXml.isMetadataComplete()) {
            return Collections.emptyList();
        }
        List<Fragment> fragments = scanner.scan(war, warName, explodedDirectory);
        if (!webXml.absoluteOrdering().isPresent()) {
            return fragments;
        }
        AbsoluteOrdering ordering = webXml.absoluteOrdering().get();
        List<Fragment> merged = new ArrayList<>();
        for (Fragment fragment : fragments) {
            boolean named = fragment.name().isPresent() && ordering.names().contains(fragment.name().get());
            if (named || ordering.includesOthers()) {
                merged.add(fragment);
            }
        }
        return merged;
    }
}
