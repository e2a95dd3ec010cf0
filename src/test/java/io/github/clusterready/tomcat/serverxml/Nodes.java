package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small server.xml files for the rule tests: each node's text written as {@code <dir>/nodeN/conf/server.xml}. */
final class Nodes {
    private Nodes() {
    }

    /** A server.xml with {@code cluster} inside the Engine (jvmRoute given unless null). */
    static String serverXml(String jvmRoute, String cluster) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Server port=\"-1\" shutdown=\"SHUTDOWN\">\n"
                + "  <Service name=\"Catalina\">\n"
                + "    <Connector port=\"8080\" protocol=\"HTTP/1.1\"/>\n"
                + "    <Engine name=\"Catalina\" defaultHost=\"localhost\"" + (jvmRoute == null ? ""
                : " jvmRoute=\"" + jvmRoute + "\"") + ">\n"
                + cluster
                + "      <Host name=\"localhost\" appBase=\"webapps\"/>\n"
                + "    </Engine>\n"
                + "  </Service>\n"
                + "</Server>\n";
    }

    /** A Cluster that passes every single-node rule, with {@code channel} as the Channel's content. */
    static String goodCluster(String channelContent) {
        return "      <Cluster className=\"org.apache.catalina.ha.tcp.SimpleTcpCluster\" channelSendOptions=\"6\">\n"
                + "        <Channel className=\"org.apache.catalina.tribes.group.GroupChannel\">\n"
                + channelContent
                + "          <Interceptor className=\"org.apache.catalina.tribes.group.interceptors."
                + "EncryptInterceptor\" encryptionKey=\"00112233445566778899aabbccddeeff\"/>\n"
                + "        </Channel>\n"
                + "      </Cluster>\n";
    }

    static final String MULTICAST = "          <Membership className=\"org.apache.catalina.tribes.membership."
            + "McastService\" address=\"228.0.0.77\" port=\"45599\"/>\n";

    static List<Path> write(Path dir, String... texts) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            Path file = dir.resolve("node" + (i + 1)).resolve("conf/server.xml");
            Files.createDirectories(file.getParent());
            Files.write(file, texts[i].getBytes(StandardCharsets.UTF_8));
            files.add(file);
        }
        return files;
    }

    static ServerXmlCheck.Checked check(Path dir, TomcatLine line, Map<String, String> properties, String... texts)
            throws Exception {
        List<Path> files = write(dir, texts);
        return new ServerXmlCheck(line, properties).check(files, p -> dir.relativize(p).toString());
    }

    /** The findings' lines as the goal logs them. */
    static List<String> lines(ServerXmlCheck.Checked checked) {
        return checked.report().findings().stream().map(Finding::toString).collect(Collectors.toList());
    }

    /** The findings of {@code rule}. */
    static List<Finding> of(ServerXmlCheck.Checked checked, String rule) {
        return checked.report().findings().stream().filter(f -> f.rule().equals(rule)).collect(Collectors.toList());
    }
}
