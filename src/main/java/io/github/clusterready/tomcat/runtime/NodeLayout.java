package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.probe.ProbeProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.io.IOUtils;

/**
 * One node's {@code CATALINA_BASE}: the distribution's {@code conf/} with the node's own {@code server.xml}, the
 * probe's jar in {@code lib/}, the WAR in {@code webapps/} under the name that gives its context path, and the
 * directories Tomcat and the probe write to. Also the base {@code server.xml} the nodes' configurations start from
 * (a resource of the plugin with the ports filled in).
 */
final class NodeLayout {
    private static final String BASE_SERVER_XML = "base-server.xml";
    private static final String[] DIRECTORIES = {"conf", "logs", "temp", "work", "webapps", "lib",
        ProbeProtocol.DIRECTORY};

    private NodeLayout() {
    }

    /** Lays out {@code node}'s base from {@code home} (an unpacked distribution). */
    static void layOut(Path home, Path war, String contextPath, ClusterNode node, Path serverXml, Path probeJar)
            throws IOException {
        Path base = node.base();
        for (String directory : DIRECTORIES) {
            Files.createDirectories(base.resolve(directory));
        }
        try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
            for (Path file : (Iterable<Path>) conf.filter(Files::isRegularFile)::iterator) {
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(serverXml, base.resolve("conf/server.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(probeJar, base.resolve("lib").resolve(probeJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(war, base.resolve("webapps").resolve(warName(contextPath)), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The base {@code server.xml} of a local node: shutdown and HTTP ports on 127.0.0.1, the probe's listener, and
     * with {@code probe} its valve. Only numbers and the plugin's own class names are filled in.
     */
    static String baseServerXml(int shutdownPort, int httpPort, boolean probe) throws IOException {
        String template;
        try (InputStream in = NodeLayout.class.getResourceAsStream(BASE_SERVER_XML)) {
            if (in == null) {
                throw new IOException("the plugin has no resource " + BASE_SERVER_XML);
            }
            template = IOUtils.toString(in, StandardCharsets.UTF_8);
        }
        return template.replace("@SHUTDOWN_PORT@", Integer.toString(shutdownPort))
                .replace("@HTTP_PORT@", Integer.toString(httpPort))
                .replace("@NODE_WATCH@", ProbeJar.NODE_WATCH)
                .replace("@PROBE_VALVE@", probe ? "<Valve className=\"" + ProbeJar.VALVE + "\"/>" : "");
    }

    /**
     * The context path Tomcat gives a WAR it finds in {@code webapps} under {@code warFileName}: {@code /shop} for
     * {@code shop.war}, {@code /} for {@code ROOT.war}, {@code /a/b} for {@code a#b.war}, and {@code /shop} for
     * {@code shop##2.war} (a version of it), as Tomcat's {@code ContextName} has it.
     */
    static String contextPathOf(String warFileName) {
        String name = warFileName.toLowerCase(Locale.ENGLISH).endsWith(".war")
                ? warFileName.substring(0, warFileName.length() - 4) : warFileName;
        int version = name.indexOf("##");
        String base = version < 0 ? name : name.substring(0, version);
        return base.equals("ROOT") ? "/" : "/" + base.replace('#', '/');
    }

    /** {@code ROOT.war} for {@code /}, {@code shop.war} for {@code /shop}, {@code a#b.war} for {@code /a/b}. */
    static String warName(String contextPath) {
        return contextPath.equals("/") || contextPath.isEmpty() ? "ROOT.war"
                : contextPath.substring(1).replace('/', '#') + ".war";
    }
}
