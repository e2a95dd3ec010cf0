package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import io.github.clusterready.tomcat.cluster.TestTomcats.Reply;
import io.github.clusterready.tomcat.session.Webapp;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real load balancers, Apache httpd 2.4 ({@code apache2}) and HAProxy from the Debian packages, run with the
 * configuration {@code cluster-config} writes for them, in front of two real Tomcat 10.1 nodes on 127.0.0.1 that run
 * the {@code server.xml} it writes (static membership, JvmRouteBinderValve): a session sticks to the node whose
 * jvmRoute ends its id, by cookie and by {@code ;jsessionid=} in the URL; after that node is killed (SIGKILL) the
 * next request of the session is served by the other node with the session intact, and its id's route becomes the
 * other node's.
 *
 * <p>Runs only with {@code -Dtomcat-cluster.e2e.balancers=true}, with {@code apache2} and {@code haproxy} on the
 * PATH or in /usr/sbin (see {@code .ci/run}); uses the Tomcat 10.1 the build unpacks into {@code target/tomcat/10.1}.
 * Every process it starts is stopped by its PID; everything listens on 127.0.0.1, on free ports.
 */
@EnabledIfSystemProperty(named = "tomcat-cluster.e2e.balancers", matches = "true")
class LoadBalancerE2ETest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final int STUCK_BY_COOKIE = 20;
    private static final int STUCK_BY_URL = 10;
    private static final Pattern COUNT = Pattern.compile("count=(\\d+) port=(\\d+) session=(\\S+)");
    private static final String MODULES = "/usr/lib/apache2/modules";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(LoadBalancer.class)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sessionsStickToTheirNodeAndFailOverWithTheirRoute(LoadBalancer balancer) throws Exception {
        long started = System.nanoTime();
        Path home = TestTomcats.home(TomcatLine.V10_1);
        Path war = war();
        // shutdown, HTTP and receiver ports, each free with the one a node further, and the balancer's
        int[] ports = TestTomcats.freePorts(ClusterConfigWriter.PORT_SHIFT, ClusterConfigWriter.PORT_SHIFT, 1, 0);
        int balancerPort = ports[3];
        Path base = Files.writeString(temp.resolve("base-server.xml"), ""
                + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Server port=\"" + ports[0] + "\" shutdown=\"SHUTDOWN\">\n"
                + "  <Service name=\"Catalina\">\n"
                + "    <Connector port=\"" + ports[1] + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\""
                + " connectionTimeout=\"20000\"/>\n"
                + "    <Engine name=\"Catalina\" defaultHost=\"localhost\">\n"
                + "      <Host name=\"localhost\" appBase=\"webapps\" unpackWARs=\"true\" autoDeploy=\"false\"/>\n"
                + "    </Engine>\n"
                + "  </Service>\n"
                + "</Server>\n");
        ClusterSettings settings = ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC)
                .jvmRouteBinderValve(true).loadBalancer(balancer).healthCheckPath("/app/")
                .node(new Node("node1", "127.0.0.1", ports[2], null, null))
                .node(new Node("node2", "127.0.0.1", ports[2] + 1, null, null)).build();
        Path out = temp.resolve("config");
        new ClusterConfigWriter().write(settings, out, base, "server.xml");
        Path generated = out.resolve(balancer.file());

        int[] httpPorts = {ports[1], ports[1] + ClusterConfigWriter.PORT_SHIFT};
        String[] routes = {"node1", "node2"};
        List<Process> processes = new ArrayList<>();
        Process[] tomcats = new Process[2];
        try {
            // node1 first, node2 once node1 serves: node2 then gets node1's sessions as its webapp starts
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path catalinaBase = TestTomcats.catalinaBase(home, temp.resolve(routes[i]),
                        out.resolve("nodes/" + routes[i] + "/server.xml"), war, "app.war");
                logs.add(TestTomcats.console(catalinaBase));
                tomcats[i] = TestTomcats.start(TestTomcats.command(home, catalinaBase), catalinaBase);
                processes.add(tomcats[i]);
                awaitUp("http://127.0.0.1:" + httpPorts[i] + "/app/", tomcats[i], logs.get(i));
            }
            for (Path log : logs) {
                TestTomcats.awaitLine(log, "member added", Duration.ofSeconds(30));
            }
            Process lb = startBalancer(balancer, generated, balancerPort);
            processes.add(lb);
            String front = "http://127.0.0.1:" + balancerPort + "/app/";
            awaitUp(front, lb, temp.resolve("balancer.log"));

            // a new session: the balancer picks a node, whose jvmRoute ends the session id
            Reply first = get(front + "count", null);
            String cookie = sessionCookie(first);
            int home1 = port(first);
            int node = home1 == httpPorts[0] ? 0 : 1;
            assertEquals(httpPorts[node], home1, first.body);
            assertTrue(cookie.endsWith("." + routes[node]), cookie);
            assertEquals(1, count(first), first.body);
            // it sticks: by cookie, then by ;jsessionid= in the URL without a cookie
            int count = 1;
            int stuck = 0;
            for (int i = 0; i < STUCK_BY_COOKIE; i++) {
                Reply reply = get(front + "count", cookie);
                assertEquals(++count, count(reply), reply.body);
                stuck += port(reply) == home1 ? 1 : 0;
            }
            String id = cookie.substring("JSESSIONID=".length());
            for (int i = 0; i < STUCK_BY_URL; i++) {
                Reply reply = get(front + "count;jsessionid=" + id, null);
                assertEquals(++count, count(reply), reply.body);
                stuck += port(reply) == home1 ? 1 : 0;
            }
            assertEquals(STUCK_BY_COOKIE + STUCK_BY_URL, stuck, "requests of the session served by its node");
            // the node of the session dies at once (no shutdown, no session handed over)
            long killed = tomcats[node].pid();
            tomcats[node].destroyForcibly();
            assertTrue(tomcats[node].waitFor(10, TimeUnit.SECONDS));
            Reply failover = get(front + "count", cookie);
            int other = 1 - node;
            assertEquals(200, failover.status, failover.body);
            assertEquals(httpPorts[other], port(failover), "served by the surviving node: " + failover.body);
            assertEquals(++count, count(failover), "the session continues: " + failover.body);
            // JvmRouteBinderValve: the session id now ends with the surviving node's route
            String moved = sessionCookie(failover);
            assertTrue(moved.endsWith("." + routes[other]), moved);
            assertEquals(id.substring(0, id.indexOf('.')), moved.substring("JSESSIONID=".length(),
                    moved.lastIndexOf('.')), "the same session, another route");
            int after = 0;
            for (int i = 0; i < 5; i++) {
                Reply reply = get(front + "count", moved);
                assertEquals(++count, count(reply), reply.body);
                after += port(reply) == httpPorts[other] ? 1 : 0;
            }
            assertEquals(5, after);
            System.out.printf(Locale.ROOT, "E2E %s in front of %s: a session on %s stuck for %d of %d requests (%d by "
                    + "cookie, %d by ;jsessionid=); %s killed (PID %d), the next request served by %s with count %d, "
                    + "route .%s -> .%s (%.1f s)%n", balancer.title(), home.getFileName(), routes[node], stuck,
                    STUCK_BY_COOKIE + STUCK_BY_URL, STUCK_BY_COOKIE, STUCK_BY_URL, routes[node], killed,
                    routes[other], count(failover), routes[node], routes[other],
                    (System.nanoTime() - started) / 1e9);
        } finally {
            TestTomcats.stop(processes, STOP);
        }
        for (Process process : processes) {
            assertFalse(process.isAlive(), "PID " + process.pid() + " still runs");
        }
    }

    /** The balancer in the foreground with the generated file, after its own configuration check. */
    private Process startBalancer(LoadBalancer balancer, Path generated, int port) throws Exception {
        List<String> check;
        List<String> run;
        if (balancer == LoadBalancer.HTTPD) {
            Path root = Files.createDirectories(temp.resolve("httpd"));
            Files.createDirectories(root.resolve("run"));
            StringBuilder conf = new StringBuilder()
                    .append("ServerRoot ").append(root).append('\n')
                    .append("DefaultRuntimeDir ").append(root.resolve("run")).append('\n')
                    .append("PidFile ").append(root.resolve("httpd.pid")).append('\n')
                    .append("ErrorLog ").append(root.resolve("error.log")).append('\n')
                    .append("ServerName 127.0.0.1\n")
                    .append("Listen 127.0.0.1:").append(port).append('\n');
            for (String module : List.of("mpm_event", "authz_core", "slotmem_shm", "proxy", "proxy_http",
                    "proxy_balancer", "lbmethod_byrequests", "proxy_hcheck")) {
                conf.append("LoadModule ").append(module).append("_module ").append(MODULES).append("/mod_")
                        .append(module).append(".so\n");
            }
            if ("root".equals(System.getProperty("user.name"))) {
                conf.append("User nobody\nGroup nogroup\n");
            }
            conf.append("Include ").append(generated).append('\n');
            Path main = Files.writeString(root.resolve("httpd.conf"), conf.toString());
            String apache2 = executable("apache2");
            check = List.of(apache2, "-t", "-f", main.toString());
            run = List.of(apache2, "-f", main.toString(), "-DFOREGROUND");
        } else {
            Path front = Files.writeString(temp.resolve("frontend.cfg"), ""
                    + "global\n"
                    + "    pidfile " + temp.resolve("haproxy.pid") + "\n"
                    + "defaults\n"
                    + "    mode http\n"
                    + "    timeout client 30s\n"
                    + "    timeout connect 5s\n"
                    + "    timeout server 30s\n"
                    + "frontend www\n"
                    + "    bind 127.0.0.1:" + port + "\n"
                    + "    default_backend tomcat-cluster\n");
            String haproxy = executable("haproxy");
            check = List.of(haproxy, "-c", "-f", front.toString(), "-f", generated.toString());
            run = List.of(haproxy, "-db", "-f", front.toString(), "-f", generated.toString());
        }
        Process checked = new ProcessBuilder(check).redirectErrorStream(true).start();
        String output = new String(checked.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(checked.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, checked.exitValue(), String.join(" ", check) + ":\n" + output + "\n"
                + Files.readString(generated));
        assertFalse(output.contains("WARNING") || output.contains("[WARNING]"), output);
        return new ProcessBuilder(run).redirectErrorStream(true)
                .redirectOutput(temp.resolve("balancer.log").toFile()).start();
    }

    private static String executable(String name) {
        for (String dir : (System.getenv("PATH") + File.pathSeparator + "/usr/sbin").split(File.pathSeparator)) {
            Path file = Paths.get(dir, name);
            if (Files.isExecutable(file)) {
                return file.toString();
            }
        }
        throw new AssertionError(name + " is not installed (apt-get install apache2 haproxy; see .ci/run)");
    }

    /** A distributable WAR whose servlet counts the session's requests and says which port took the request. */
    private Path war() throws IOException {
        return new Webapp(temp.resolve("webapp"))
                .source("lb/CountServlet.java", "package lb;\n"
                        + "import jakarta.servlet.annotation.WebServlet;\n"
                        + "import jakarta.servlet.http.*;\n"
                        + "@WebServlet(\"/count\")\n"
                        + "public class CountServlet extends HttpServlet {\n"
                        + "  @Override\n"
                        + "  protected void doGet(HttpServletRequest request, HttpServletResponse response)\n"
                        + "      throws java.io.IOException {\n"
                        + "    HttpSession session = request.getSession();\n"
                        + "    Integer count = (Integer) session.getAttribute(\"count\");\n"
                        + "    count = count == null ? 1 : count + 1;\n"
                        + "    session.setAttribute(\"count\", count);\n"
                        + "    response.setContentType(\"text/plain\");\n"
                        + "    response.getWriter().print(\"count=\" + count + \" port=\" + request.getLocalPort()\n"
                        + "        + \" session=\" + session.getId());\n"
                        + "  }\n"
                        + "}\n")
                .entry("index.html", "<p>up</p>\n".getBytes(StandardCharsets.UTF_8))
                .war("app.war");
    }

    private void awaitUp(String url, Process process, Path log) throws Exception {
        TestTomcats.awaitUp(url, process, log, START, u -> get(u, null).status);
    }

    private static Matcher counted(Reply reply) {
        assertEquals(200, reply.status, reply.body);
        Matcher m = COUNT.matcher(reply.body);
        assertTrue(m.find(), reply.body);
        return m;
    }

    private static int count(Reply reply) {
        return Integer.parseInt(counted(reply).group(1));
    }

    private static int port(Reply reply) {
        return Integer.parseInt(counted(reply).group(2));
    }

    private static String sessionCookie(Reply reply) {
        assertTrue(reply.cookie != null && reply.cookie.startsWith("JSESSIONID="), reply.cookie);
        String cookie = reply.cookie.substring(0, reply.cookie.indexOf(';'));
        assertNotEquals(-1, cookie.indexOf('.'), cookie);
        return cookie;
    }

    private Reply get(String url, String cookie) throws IOException, InterruptedException {
        return TestTomcats.get(http, url, cookie, Duration.ofSeconds(20));
    }


}
