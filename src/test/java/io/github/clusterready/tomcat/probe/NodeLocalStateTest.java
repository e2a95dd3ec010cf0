package io.github.clusterready.tomcat.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding Wicket's folder of a session's pages in a webapp's work directory. */
class NodeLocalStateTest {
    /** A session id and the folder real Wicket 10.4.0 wrote for it on Tomcat 10.1 (its NestedFolders layout). */
    private static final String SESSION = "863ED8D7A7A1B7D5D31BCFFFF3EC2271.node1";
    private static final String WRITTEN_BY_WICKET = "shop-filestore/9513/6735/863ED8D7A7A1B7D5D31BCFFFF3EC2271.node1";

    @TempDir
    Path work;

    @Test
    void theFolderWicketWritesForTheSessionIsFoundAndDescribedWithoutTheSessionId() throws Exception {
        Files.createDirectories(work.resolve(WRITTEN_BY_WICKET));
        Files.write(work.resolve(WRITTEN_BY_WICKET).resolve("data"), new byte[] {1});

        assertEquals("Wicket keeps this session's pages in files on this node's disk: shop-filestore/<low>/<high>/"
                + "<session id> in the webapp's work directory", NodeLocalState.wicketFolder(work, SESSION));
    }

    @Test
    void anotherSessionsFolderOrNoStoreIsNothing() throws Exception {
        Files.createDirectories(work.resolve(WRITTEN_BY_WICKET));

        assertNull(NodeLocalState.wicketFolder(work, "0123456789ABCDEF0123456789ABCDEF.node2"));
        assertNull(NodeLocalState.wicketFolder(work.resolve("missing"), SESSION));
        assertNull(NodeLocalState.handle("a value of no framework"));
    }

    @Test
    void onlyAWebappWithWicketLooksForItsFolder() throws Exception {
        Path wicket = Files.createDirectories(work.resolve("lib/org/apache/wicket"));
        Files.write(wicket.resolve("Application.class"), new byte[] {0});
        try (URLClassLoader without = new URLClassLoader(new URL[0], null);
                URLClassLoader with = new URLClassLoader(new URL[] {work.resolve("lib").toUri().toURL()}, null)) {
            assertFalse(NodeLocalState.hasWicket(without));
            // found by its class file, which is never loaded: the bytes need not be a class
            assertTrue(NodeLocalState.hasWicket(with));
        }
    }
}
