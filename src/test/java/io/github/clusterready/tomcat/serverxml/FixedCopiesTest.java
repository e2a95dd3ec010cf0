package io.github.clusterready.tomcat.serverxml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corrected copies: one line changed per fix, the inputs untouched, and the copies pass the fixed rules. */
class FixedCopiesTest {
    @TempDir
    Path dir;

    @Test
    void eachFixChangesOneLineAndTheCopyPassesThoseRules() throws Exception {
        String cluster = Nodes.goodCluster(Nodes.MULTICAST
                + "          <Interceptor className=\"org.apache.catalina.tribes.group.interceptors."
                + "MessageDispatch15Interceptor\"/>\n")
                .replace(" channelSendOptions=\"6\"", "")
                .replace("      </Cluster>", "        <Valve className=\"org.apache.catalina.ha.tcp.ReplicationValve\""
                        + "\n               filter=\".*\\.gif;.*\\.css\"/>\n      </Cluster>");
        String text = Nodes.serverXml("n1", cluster).replace("\n", "\r\n");
        List<Path> inputs = Nodes.write(dir.resolve("in"), text);
        byte[] before = Files.readAllBytes(inputs.get(0));
        ServerXmlCheck check = new ServerXmlCheck(TomcatLine.V9_0, Collections.emptyMap());
        ServerXmlCheck.Checked checked = check.check(inputs, p -> dir.relativize(p).toString());
        assertEquals(3, checked.report().findings().stream().filter(f -> f.lineFix() != null).count(),
                Nodes.lines(checked).toString());

        Map<Path, List<LineFix>> written = FixedCopies.write(checked, dir.resolve("fixed"));
        Path copy = dir.resolve("fixed/node1/server.xml");
        assertEquals(List.of(copy), new ArrayList<>(written.keySet()));
        assertArrayEquals(before, Files.readAllBytes(inputs.get(0)), "the input is untouched");

        List<String> in = List.of(text.split("\n", -1));
        List<String> out = List.of(new String(Files.readAllBytes(copy), StandardCharsets.UTF_8).split("\n", -1));
        assertEquals(in.size(), out.size());
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            if (!in.get(i).equals(out.get(i))) {
                changed.add(i + 1);
            }
        }
        assertEquals(List.of(6, 9, 13), changed, "one line per fix: the Cluster, the interceptor, the filter");
        assertTrue(out.get(5).endsWith("<Cluster channelSendOptions=\"6\" className=\"org.apache.catalina.ha.tcp."
                + "SimpleTcpCluster\">\r"), out.get(5));

        ServerXmlCheck.Checked again = check.check(List.of(copy), p -> dir.relativize(p).toString());
        assertEquals(List.of(), Nodes.lines(again), "the copy passes every rule");
    }
}
