package io.github.clusterready.tomcat.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * State a framework keeps for a session on this node only, outside the session, so that another node taking the
 * session over does not have it. Known today: Wicket's persistent page store, which keeps a session's page
 * instances in files on the node's disk ({@code DiskPageStore} in Wicket 9 and later, {@code DiskDataStore} in 6 to
 * 8), recognised two ways:
 * <ul>
 * <li>the session attribute through which Wicket 9 and later find the session's pages in a persistent store (its
 * class is {@value #WICKET_STORE_KEY}), from the first request on;</li>
 * <li>the folder Wicket 6 to 10 write for the session: {@code <filter name>-filestore/<low>/<high>/<session id>}
 * under the webapp's work directory (Wicket's default file store folder, the Servlet temporary directory), where
 * {@code low} and {@code high} come from the id's hash as Wicket's {@code NestedFolders} computes them.</li>
 * </ul>
 * Matched by name: the probe links against no framework.
 */
final class NodeLocalState {
    /** The class of the session attribute of Wicket 9 and later's persistent page stores. */
    static final String WICKET_STORE_KEY = "org.apache.wicket.pageStore.AbstractPersistentPageStore$SessionAttribute";
    /** How the folders of Wicket's file stores end: {@code <filter name>-filestore}. */
    static final String WICKET_FOLDER = "-filestore";
    /** Wicket's {@code NestedFolders} modulus. */
    private static final int WICKET_HASH = 9973;
    /** Folders of the work directory looked at, at most. */
    private static final int MAX_STORES = 20;

    /** A class every Wicket release has: the webapps that can have Wicket's file store. */
    static final String WICKET_APPLICATION = "org/apache/wicket/Application.class";
    /** Per webapp class loader, whether it has Wicket; weak, so that an undeployed webapp's loader can go. */
    private static final Map<ClassLoader, Boolean> WICKET = new WeakHashMap<>();

    private NodeLocalState() {
    }

    /**
     * Whether the webapp has Wicket, decided once per class loader: only then does a request look for Wicket's
     * folder on disk, so other webapps pay no file system access.
     */
    static boolean hasWicket(ClassLoader webapp) {
        synchronized (WICKET) {
            Boolean known = WICKET.get(webapp);
            if (known == null) {
                // by its class file, which loads nothing into the webapp
                known = webapp != null && webapp.getResource(WICKET_APPLICATION) != null;
                WICKET.put(webapp, known);
            }
            return known;
        }
    }

    /** What an attribute's value says about state kept on this node, or null when it says nothing. */
    static String handle(Object value) {
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(WICKET_STORE_KEY)) {
                return "Wicket keeps this session's pages in a page store on this node's disk (DiskPageStore); "
                        + "the session holds only the key to them";
            }
        }
        return null;
    }

    /**
     * Wicket's folder of this session's pages under the webapp's work directory, described without the session id
     * ({@code shop-filestore/<low>/<high>/<session id>}), or null when there is none.
     */
    static String wicketFolder(Path work, String sessionId) {
        if (work == null || sessionId == null || !Files.isDirectory(work)) {
            return null;
        }
        String relative = wicketPath(sessionId);
        int looked = 0;
        try (DirectoryStream<Path> stores = Files.newDirectoryStream(work, "*" + WICKET_FOLDER)) {
            for (Path store : stores) {
                if (++looked > MAX_STORES) {
                    break;
                }
                if (Files.isDirectory(store.resolve(relative))) {
                    return "Wicket keeps this session's pages in files on this node's disk: "
                            + store.getFileName() + "/<low>/<high>/<session id> in the webapp's work directory";
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** {@code <low>/<high>/<name>} as Wicket's {@code NestedFolders.get} makes it from a session id. */
    static String wicketPath(String sessionId) {
        String name = sessionId.replace('*', '_').replace('/', '_').replace(':', '_');
        int hash = Math.abs(name.hashCode());
        return (hash % WICKET_HASH) + "/" + ((hash / WICKET_HASH) % WICKET_HASH) + "/" + name;
    }
}
