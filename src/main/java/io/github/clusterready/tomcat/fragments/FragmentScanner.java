package io.github.clusterready.tomcat.fragments;

import io.github.clusterready.tomcat.descriptor.Descriptor;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.descriptor.DescriptorReader;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the {@code META-INF/web-fragment.xml} of every jar directly in {@code WEB-INF/lib}, streaming each nested
 * jar from the WAR; nothing is extracted to disk.
 */
final class FragmentScanner {
    static final String FRAGMENT = "META-INF/web-fragment.xml";
    private static final String LIB = "WEB-INF/lib/";
    /** A fragment descriptor larger than this is refused rather than read into memory. */
    private static final int FRAGMENT_LIMIT = 4 * 1024 * 1024;

    private final DescriptorReader reader = new DescriptorReader();

    /** The fragments of the WAR's library jars, in central-directory order; jars without one are left out. */
    List<Fragment> scan(WarArchive war, String warName, Path explodedDirectory)
            throws IOException, WarException, DescriptorException {
        List<Fragment> fragments = new ArrayList<>();
        for (WarEntry entry : war.entries()) {
            String name = entry.name();
            if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0) {
                Path unpacked = explodedDirectory == null ? null : explodedDirectory.resolve(name);
                boolean sameFile = unpacked != null && Files.isRegularFile(unpacked)
                        && Files.size(unpacked) == entry.size();
                Fragment fragment = sameFile ? fragmentOf(unpacked, entry, warName) : fragmentOf(war, entry, warName);
                if (fragment != null) {
                    fragments.add(fragment);
                }
            }
        }
        return fragments;
    }

    /**
     * The fragment of a library jar that the exploded webapp holds too (war:war packs the WAR from it): read with
     * random access from the file, which touches only the jar's central directory and the one entry.
     */
    private Fragment fragmentOf(Path unpacked, WarEntry jar, String warName)
            throws IOException, WarException, DescriptorException {
        String location = warName + "!/" + jar.name();
        try (ZipFile zip = new ZipFile(unpacked.toFile())) {
            ZipEntry entry = zip.getEntry(FRAGMENT);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return fragment(jar, NestedJarReader.readBounded(in, FRAGMENT_LIMIT, location + "!/" + FRAGMENT),
                        location);
            }
        } catch (ZipException e) {
            throw unreadable(location, e);
        }
    }

    /** The fragment of a library jar streamed from the WAR: nothing is extracted. */
    private Fragment fragmentOf(WarArchive war, WarEntry jar, String warName)
            throws IOException, WarException, DescriptorException {
        String location = warName + "!/" + jar.name();
        try (InputStream in = war.open(jar)) {
            byte[] bytes = NestedJarReader.find(in, FRAGMENT, FRAGMENT_LIMIT, location);
            return bytes == null ? null : fragment(jar, bytes, location);
        } catch (ZipException | java.io.EOFException e) {
            throw unreadable(location, e);
        }
    }

    private static WarException unreadable(String location, IOException e) {
        return new WarException(location + " is not a readable jar (" + e.getMessage() + "); Tomcat cannot "
                + "scan it either. Replace the damaged library and rebuild the WAR", e);
    }

    private Fragment fragment(WarEntry jar, byte[] bytes, String location) throws DescriptorException {
        String fragmentLocation = location + "!/" + FRAGMENT;
        Descriptor descriptor = reader.read(bytes, fragmentLocation);
        if (!descriptor.rootName().equals("web-fragment")) {
            throw new DescriptorException(fragmentLocation, "has the root element <" + descriptor.rootName()
                    + ">, but a web-fragment.xml needs <web-fragment>; Tomcat will refuse to deploy the WAR. "
                    + "Use a correct version of the library");
        }
        return new Fragment(jar.name(), descriptor.fragmentName().orElse(null), descriptor.isDistributable());
    }
}
