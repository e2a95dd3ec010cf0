package io.github.clusterready.tomcat.fragments;

import io.github.clusterready.tomcat.descriptor.Descriptor;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.descriptor.DescriptorReader;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

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
    List<Fragment> scan(WarArchive war, String warName) throws IOException, WarException, DescriptorException {
        List<Fragment> fragments = new ArrayList<>();
        for (WarEntry entry : war.entries()) {
            String name = entry.name();
            if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0) {
                Fragment fragment = fragmentOf(war, entry, warName);
                if (fragment != null) {
                    fragments.add(fragment);
                }
            }
        }
        return fragments;
    }

    private Fragment fragmentOf(WarArchive war, WarEntry jar, String warName)
            throws IOException, WarException, DescriptorException {
        String location = warName + "!/" + jar.name();
        try (InputStream raw = new BufferedInputStream(war.open(jar));
                ZipInputStream in = new ZipInputStream(raw)) {
            boolean empty = startsWithEndRecord(raw);
            ZipEntry entry = in.getNextEntry();
            if (entry == null && !empty) {
                throw new ZipException("no jar entry where one must start");
            }
            for (; entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(FRAGMENT)) {
                    String fragmentLocation = location + "!/" + FRAGMENT;
                    Descriptor descriptor = reader.read(readBounded(in, fragmentLocation), fragmentLocation);
                    if (!descriptor.rootName().equals("web-fragment")) {
                        throw new DescriptorException(fragmentLocation, "has the root element <"
                                + descriptor.rootName() + ">, but a web-fragment.xml needs <web-fragment>; "
                                + "Tomcat will refuse to deploy the WAR. Use a correct version of the library");
                    }
                    return new Fragment(jar.name(), descriptor.fragmentName().orElse(null),
                            descriptor.isDistributable());
                }
            }
            return null;
        } catch (ZipException | java.io.EOFException e) {
            throw new WarException(location + " is not a readable jar (" + e.getMessage() + "); Tomcat cannot "
                    + "scan it either. Replace the damaged library and rebuild the WAR", e);
        }
    }

    /** Whether the stream starts with an end of central directory record: the whole of an empty jar. */
    private static boolean startsWithEndRecord(InputStream in) throws IOException {
        in.mark(4);
        byte[] signature = new byte[4];
        int n = 0;
        while (n < 4) {
            int read = in.read(signature, n, 4 - n);
            if (read < 0) {
                break;
            }
            n += read;
        }
        in.reset();
        return n == 4 && signature[0] == 'P' && signature[1] == 'K' && signature[2] == 5 && signature[3] == 6;
    }

    private static byte[] readBounded(InputStream in, String location) throws IOException, WarException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > FRAGMENT_LIMIT) {
                throw new WarException(location + " is larger than " + FRAGMENT_LIMIT + " bytes; that is no "
                        + "web fragment descriptor");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
