package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import io.github.clusterready.tomcat.testing.SmallTmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A disk that fills up while cluster-config writes its files, on a small tmpfs this test mounts (Linux, as root, as CI
 * runs): the nodes' files are one configuration, so either all of them are replaced or none.
 */
class ClusterConfigFaultTest {
    @RegisterExtension
    final SmallTmpfs tmpfs = new SmallTmpfs("1m");
    private Path mount;

    @BeforeEach
    void paths() {
        mount = tmpfs.path();
    }

    @Test
    void aDiskFullHalfwayLeavesEveryNodesFilesAsTheyWere() throws Exception {
        Path out = mount.resolve("cluster");
        new ClusterConfigWriter().write(threeNodes(4000), out, null, null);
        Map<Path, byte[]> before = contents(out);
        assertEquals(4, before.size(), before.keySet().toString());
        assertTrue(before.get(Path.of("INSTALL.md")).length > 4096, "INSTALL.md takes more than one page");
        // Room for one new page (tmpfs counts whole 4 KiB pages). Written one after the other, each new cluster.xml
        // would take it and give it back as it replaced the old one, and INSTALL.md would then not fit: the
        // nodes' new files beside the old guide.
        fillLeaving(4096 + 1024);

        IOException e = assertThrows(IOException.class,
                () -> new ClusterConfigWriter().write(threeNodes(5000), out, null, null));
        assertTrue(e.toString().contains("No space left on device"), e.toString());
        Map<Path, byte[]> after = contents(out);
        assertEquals(before.keySet(), after.keySet(), "a temporary file was left, or a file went missing");
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file + " was changed"));
    }

    @Test
    void aDiskFullOnTheFirstRunLeavesNoDirectoryBehind() throws Exception {
        fillLeaving(4096 + 1024);
        assertThrows(IOException.class, () -> new ClusterConfigWriter().write(threeNodes(4000),
                mount.resolve("cluster"), null, null));
        try (Stream<Path> list = Files.list(mount)) {
            assertEquals(List.of("filler"), list.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
    }

    private static ClusterSettings threeNodes(int port) {
        return ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC)
                .node(new Node("node1", "127.0.0.1", port, null, null))
                .node(new Node("node2", "127.0.0.1", port + 1, null, null))
                .node(new Node("node3", "127.0.0.1", port + 2, null, null)).build();
    }

    private void fillLeaving(long free) throws IOException {
        long usable = Files.getFileStore(mount).getUsableSpace();
        Files.write(mount.resolve("filler"), new byte[(int) (usable - free)]);
    }

    private static Map<Path, byte[]> contents(Path directory) throws IOException {
        Map<Path, byte[]> contents = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                contents.put(directory.relativize(file), Files.readAllBytes(file));
            }
        }
        return contents;
    }
}
