package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load balancer's configuration and INSTALL.md's ports, read back from the files {@code cluster-config} writes;
 * the real httpd and HAProxy read them in {@link LoadBalancerE2ETest}.
 */
class LoadBalancerConfigTest {
    /** A base server.xml as Tomcat ships it: shutdown 8005, HTTP 8080 and AJP 8009, both redirecting to 8443. */
    static final String BASE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Server port=\"8005\" shutdown=\"SHUTDOWN\">\n"
            + "  <Service name=\"Catalina\">\n"
            + "    <Connector port=\"8080\" protocol=\"HTTP/1.1\" connectionTimeout=\"20000\" redirectPort=\"8443\"/>\n"
            + "    <Connector protocol=\"AJP/1.3\" address=\"::1\" port=\"8009\" redirectPort=\"8443\"/>\n"
            + "    <Engine name=\"Catalina\" defaultHost=\"localhost\">\n"
            + "      <Host name=\"localhost\" appBase=\"webapps\"/>\n"
            + "    </Engine>\n"
            + "  </Service>\n"
            + "</Server>\n";

    @TempDir
    Path out;

    private Path base() throws Exception {
        return Files.writeString(out.resolve("base-server.xml"), BASE);
    }

    private static ClusterSettings.Builder twoNodes(LoadBalancer balancer, Node... nodes) {
        ClusterSettings.Builder builder = ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC)
                .loadBalancer(balancer);
        if (nodes.length == 0) {
            builder.node(new Node("node1", "127.0.0.1", 4000, null, null))
                    .node(new Node("node2", "127.0.0.1", 4001, null, null));
        }
        for (Node node : nodes) {
            builder.node(node);
        }
        return builder;
    }

    @Test
    void installListsEveryPortOfEveryNode() throws Exception {
        new ClusterConfigWriter().write(twoNodes(null).build(), out.resolve("o"), base(), "server.xml");
        String install = Files.readString(out.resolve("o/INSTALL.md"));
        assertTrue(install.contains("| Node | Host | HTTP | Shutdown | Redirect | AJP | Receiver |"), install);
        // node2 shares node1's host: its ports moved up by 100, as in its server.xml
        assertTrue(install.contains("| node1 | 127.0.0.1 | 8080 | 8005 | 8443 | 8009 | 4000 |"), install);
        assertTrue(install.contains("| node2 | 127.0.0.1 | 8180 | 8105 | 8543 | 8109 | 4001 |"), install);
        String node2 = Files.readString(out.resolve("o/nodes/node2/server.xml"));
        for (String port : List.of("port=\"8105\"", "port=\"8180\"", "port=\"8109\"", "redirectPort=\"8543\"")) {
            assertTrue(node2.contains(port), port + " in " + node2);
        }
        // the WAR, one installation for two nodes, the start order, the balancer
        assertTrue(install.contains("into `webapps/` of every node's `CATALINA_BASE`"), install);
        assertTrue(install.contains("cp nodes/$node/server.xml $base/conf/server.xml"), install);
        assertTrue(install.contains("CATALINA_BASE=/srv/tomcat/node1 $CATALINA_HOME/bin/startup.sh"), install);
        assertTrue(install.indexOf("CATALINA_BASE=/srv/tomcat/node1 $CATALINA_HOME/bin/startup.sh")
                < install.indexOf("CATALINA_BASE=/srv/tomcat/node2 $CATALINA_HOME/bin/startup.sh"), install);
        assertTrue(install.contains("Start node1 first"), install);
        assertTrue(install.contains("waits out the state transfer"), install);
        assertTrue(install.contains("one member per node at its HTTP port"), install);
        assertFalse(Files.exists(out.resolve("o/load-balancer")));
    }

    @Test
    void installWithoutServerXmlListsWhatThePluginKnows() throws Exception {
        new ClusterConfigWriter().write(twoNodes(null, new Node("a", "10.0.0.1", 4000, null, null, 8080),
                new Node("b", "10.0.0.2", 4000, null, null)).build(), out, null, null);
        String install = Files.readString(out.resolve("INSTALL.md"));
        assertTrue(install.contains("| a | 10.0.0.1 | 8080 | in its server.xml | in its server.xml | 4000 |"),
                install);
        assertTrue(install.contains("| b | 10.0.0.2 | in its server.xml | in its server.xml | in its server.xml "
                + "| 4000 |"), install);
    }

    @Test
    void httpdHasOneMemberPerNodeWithItsRoute() throws Exception {
        ClusterConfigWriter.Result result = new ClusterConfigWriter().write(twoNodes(LoadBalancer.HTTPD)
                .healthCheckPath("/shop/").build(), out, base(), "server.xml");
        String conf = Files.readString(out.resolve("load-balancer/tomcat-cluster.conf"));
        assertTrue(result.files().contains(out.resolve("load-balancer/tomcat-cluster.conf")));
        assertEquals(List.of("http://127.0.0.1:8080 node1", "http://127.0.0.1:8180 node2"),
                all(Pattern.compile("(?m)^\\s*BalancerMember \"([^\"]+)\" route=(\\S+) "), conf));
        assertTrue(conf.contains("hcmethod=GET hcuri=/shop/ hcinterval=5 hcfails=2 hcpasses=2"), conf);
        assertTrue(conf.contains("ProxySet lbmethod=byrequests stickysession=JSESSIONID|jsessionid "
                + "scolonpathdelim=On nofailover=Off"), conf);
        assertTrue(conf.contains("<Proxy \"balancer://tomcat-cluster\">"), conf);
        assertTrue(conf.contains("ProxyPass \"/\" \"balancer://tomcat-cluster/\""), conf);
        assertBalanced(conf);
        String install = Files.readString(out.resolve("INSTALL.md"));
        assertTrue(install.contains("`load-balancer/tomcat-cluster.conf` is the Apache httpd mod_proxy_balancer "
                + "configuration for these nodes (node1 at 127.0.0.1:8080 with route `node1`, node2 at "
                + "127.0.0.1:8180 with route `node2`)"), install);
        assertTrue(install.contains("a2enconf tomcat-cluster"), install);
    }

    @Test
    void haproxySticksByCookieAndUrlToTheRoutesServer() throws Exception {
        new ClusterConfigWriter().write(twoNodes(LoadBalancer.HAPROXY,
                new Node("east", "::1", 4000, null, "e1", 18080),
                new Node("west", "tomcat-2.example", 4000, null, null, 8080)).build(), out, null, null);
        String cfg = Files.readString(out.resolve("load-balancer/haproxy.cfg"));
        assertEquals(List.of("east [::1]:18080", "west tomcat-2.example:8080"),
                all(Pattern.compile("(?m)^    server (\\S+) (\\S+) check inter 5s fall 2 rise 2$"), cfg));
        assertTrue(cfg.contains("    acl route-e1 req.cook(JSESSIONID) -m end .e1\n"
                + "    acl route-e1 path_reg ;jsessionid=[^;/]*[.]e1(;|$)\n"
                + "    use-server east if route-e1\n"), cfg);
        assertTrue(cfg.contains("    use-server west if route-west\n"), cfg);
        assertTrue(cfg.contains("option httpchk GET /\n"), cfg);
        assertTrue(cfg.contains("option redispatch\n"), cfg);
        // one section, every other line indented under it
        assertEquals(1, all(Pattern.compile("(?m)^(backend) (tomcat-cluster)$"), cfg).size(), cfg);
        for (String line : cfg.split("\n")) {
            assertTrue(line.startsWith("#") || line.startsWith("    ") || line.equals("backend tomcat-cluster"), line);
        }
    }

    @Test
    void aNodeWithoutAnHttpPortIsAnError() throws Exception {
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(twoNodes(LoadBalancer.HTTPD).build(), out.resolve("o"), null, null));
        assertEquals("<nodes><node><httpPort>", e.parameter());
        assertTrue(e.getMessage().contains("is missing for node node1"), e.getMessage());
        assertTrue(e.getMessage().contains("add <httpPort> to the node"), e.getMessage());
        assertFalse(Files.exists(out.resolve("o")));

        Path base = Files.writeString(out.resolve("b.xml"), BASE.replace("port=\"8080\"", "port=\"${http.port}\""));
        e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter().write(twoNodes(
                LoadBalancer.HAPROXY, new Node("a", "h1", 4000, null, null), new Node("b", "h2", 4000, null, null))
                .build(), out.resolve("o"), base, "b.xml"));
        assertEquals("<nodes><node><httpPort>", e.parameter());
        assertTrue(e.getMessage().contains("HTTP <Connector> port is \"${http.port}\", not a number"), e.getMessage());
    }

    @Test
    void routesMustBeTokensTheBalancersKeep() {
        String long64 = "r".repeat(64);
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(twoNodes(LoadBalancer.HTTPD, new Node("a", "h", 4000, null, long64, 8080),
                        new Node("b", "h", 4100, null, null, 8180)).build(), out, null, null));
        assertEquals("<nodes><node><jvmRoute>", e.parameter());
        assertTrue(e.getMessage().contains("1 to 63 letters"), e.getMessage());
        // 63 is the longest httpd keeps
        assertTrue(assertDoesNotThrow(twoNodes(LoadBalancer.HTTPD, new Node("a", "h", 4000, null, "r".repeat(63),
                8080), new Node("b", "h", 4100, null, null, 8180))));

        e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(twoNodes(LoadBalancer.HAPROXY, new Node("a", "h", 4000, null, "x.1", 8080),
                        new Node("b", "h", 4100, null, null, 8180)).build(), out, null, null));
        assertEquals("<nodes><node><jvmRoute>", e.parameter());

        e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(twoNodes(LoadBalancer.HAPROXY, new Node("a", "h", 4000, null, "same", 8080),
                        new Node("b", "h", 4100, null, "same", 8180)).build(), out, null, null));
        assertEquals("<nodes><node><jvmRoute>", e.parameter());
        assertTrue(e.getMessage().contains("the load balancer could not tell them apart"), e.getMessage());
    }

    private boolean assertDoesNotThrow(ClusterSettings.Builder builder) {
        try {
            new ClusterConfigWriter().write(builder.build(), out.resolve("ok"), null, null);
            return true;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void twoMembersAtOneAddressAreAnError() {
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(twoNodes(LoadBalancer.HTTPD, new Node("a", "localhost", 4000, null, null, 8080),
                        new Node("b", "127.0.0.1", 4100, null, null, 8080)).build(), out, null, null));
        assertEquals("<nodes><node><httpPort>", e.parameter());
        assertTrue(e.getMessage().contains("8080 is the HTTP port of both a and b"), e.getMessage());
        e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(twoNodes(null, new Node("a", "h", 4000, null, null, 70000),
                        new Node("b", "h", 4100, null, null, 8080)).build(), out, null, null));
        assertEquals("<nodes><node><httpPort>", e.parameter());
    }

    @Test
    void theHealthCheckPathIsAPlainPath() throws Exception {
        for (String path : List.of("/a b", "shop/", "/x\"y", "/#", "/%zz", "/a\nb")) {
            ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                    .write(twoNodes(LoadBalancer.HAPROXY).healthCheckPath(path).build(), out, base(), "b.xml"),
                    path);
            assertEquals("<healthCheckPath>", e.parameter());
        }
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(twoNodes(LoadBalancer.HAPROXY).build().nodes().isEmpty() ? null
                        : ClusterSettings.builder(TomcatLine.V10_1).loadBalancer(LoadBalancer.HAPROXY).build(),
                        out, null, null));
        assertEquals("<nodes>", e.parameter());
        e = assertThrows(ClusterConfigException.class, () -> LoadBalancer.of("nginx"));
        assertEquals("<loadBalancer>", e.parameter());
        assertEquals(LoadBalancer.HTTPD, LoadBalancer.of("Apache2"));
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1) + " " + m.group(2));
        }
        return found;
    }

    /** Every httpd section that opens closes, and nothing else is a section. */
    private static void assertBalanced(String conf) {
        int depth = 0;
        for (String line : conf.split("\n")) {
            String t = line.trim();
            if (t.startsWith("</")) {
                depth--;
            } else if (t.startsWith("<")) {
                depth++;
            }
            assertTrue(depth >= 0, conf);
        }
        assertEquals(0, depth, conf);
    }
}
