package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import io.github.clusterready.tomcat.session.Webapp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a cluster's size costs under each manager: starts 2, 4 and 6 local Tomcat 10.1 nodes (without the probe:
 * Tomcat's own behaviour) under DeltaManager and under BackupManager, and sends {@code bench.requests} requests
 * after {@code bench.warmup} warm-up requests from two users a node, each sticking to its node as behind a sticky
 * balancer, one request at a time; every request stores a cart of {@code bench.items} strings again, so every
 * request replicates. Prints a table: requests per second, and the bytes all nodes' channels sent per request,
 * each copy counted, as Tomcat's {@code ThroughputInterceptor} counts them (read through the probe's node listener
 * at a snapshot before and after the measured requests). Run (see docs/performance.md):
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp target/classes:target/test-classes:$(cat target/test.classpath) \
 *     io.github.clusterready.tomcat.runtime.ReplicationBudgetBenchmark
 * </pre>
 */
public final class ReplicationBudgetBenchmark {
    private ReplicationBudgetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 1200);
        int warmup = Integer.getInteger("bench.warmup", 600);
        int items = Integer.getInteger("bench.items", 100);
        Path work = Files.createTempDirectory("budget-bench");
        Path war = new Webapp(work.resolve("webapp")).source("shop/Cart.java", ""
                + "package shop;\n"
                + "import jakarta.servlet.annotation.WebServlet;\n"
                + "import jakarta.servlet.http.*;\n"
                + "import java.io.IOException;\n"
                + "import java.util.ArrayList;\n"
                + "@WebServlet(\"/cart\")\n"
                + "public class Cart extends HttpServlet {\n"
                + "  @Override protected void doGet(HttpServletRequest request, HttpServletResponse response)\n"
                + "      throws IOException {\n"
                + "    HttpSession session = request.getSession();\n"
                + "    @SuppressWarnings(\"unchecked\") ArrayList<String> cart = (ArrayList<String>) "
                + "session.getAttribute(\"cart\");\n"
                + "    if (cart == null) { cart = new ArrayList<>();\n"
                + "      for (int i = 0; i < " + items + "; i++) cart.add(\"item-\" + i); }\n"
                + "    cart.set(cart.size() - 1, \"item-\" + System.nanoTime());\n"
                + "    session.setAttribute(\"cart\", cart);\n"
                + "    response.getWriter().print(cart.size());\n"
                + "  }\n"
                + "}\n").war("shop.war");
        Path home = LocalClusterE2ETest.tomcatHome(TomcatLine.V10_1);
        System.out.printf(Locale.ROOT, "Replication budget: Tomcat 10.1 without the probe, a cart of %d strings "
                + "stored again on every request; %d requests after %d warm-up, two sticky users a node, one request "
                + "at a time; %s cores, load average %s%n", items, requests, warmup,
                Runtime.getRuntime().availableProcessors(),
                new String(Files.readAllBytes(Path.of("/proc/loadavg"))).trim());
        System.out.println("| Nodes | Manager | Requests per second | Bytes sent per request (all copies) |");
        System.out.println("|------:|---------|--------------------:|------------------------------------:|");
        for (int nodes : new int[] {2, 4, 6}) {
            for (Manager manager : new Manager[] {Manager.DELTA, Manager.BACKUP}) {
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= nodes; i++) {
                    names.add("node" + i);
                }
                LocalCluster cluster = LocalCluster.start(new LocalCluster.Options().home(home).war(war)
                        .contextPath("/shop").directory(work.resolve("run-" + nodes + "-" + manager))
                        .nodeNames(names).settings(ClusterSettings.builder(TomcatLine.V10_1).manager(manager))
                        .jvmArguments(List.of("-Xmx192m")).startTimeout(Duration.ofMinutes(3)).withoutProbe(),
                        line -> { });
                try {
                    ReplicationReport counters = new ReplicationReport(cluster.nodes(), manager == Manager.DELTA);
                    Driver driver = new Driver(cluster.nodes());
                    driver.send(warmup);
                    cluster.snapshots("before", Duration.ofSeconds(10));
                    long started = System.nanoTime();
                    driver.send(requests);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    // the channel sends asynchronously: let the last changes leave before counting
                    Thread.sleep(1000);
                    cluster.snapshots("after", Duration.ofSeconds(10));
                    counters.collect();
                    long sent = 0;
                    for (ClusterNode node : cluster.nodes()) {
                        long bytes = counters.budget().sentBetweenSnapshots(node.name());
                        if (bytes < 0) {
                            throw new IllegalStateException(node.name() + " reported no channel counters");
                        }
                        sent += bytes;
                    }
                    System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %,d |%n", nodes, manager == Manager.DELTA
                            ? "DeltaManager" : "BackupManager", requests / seconds, sent / requests);
                } finally {
                    cluster.stop();
                }
            }
        }
    }

    /** Two users a node, each with its own session cookie, sticking to its node; one request at a time. */
    private static final class Driver {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final List<ClusterNode> nodes;
        private final String[] cookies;
        private int next;

        Driver(List<ClusterNode> nodes) {
            this.nodes = nodes;
            this.cookies = new String[nodes.size() * 2];
        }

        void send(int requests) throws Exception {
            for (int i = 0; i < requests; i++) {
                int user = next++ % cookies.length;
                ClusterNode node = nodes.get(user % nodes.size());
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + "cart"))
                        .timeout(Duration.ofSeconds(30));
                if (cookies[user] != null) {
                    request.header("Cookie", cookies[user]);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + " from " + node.name());
                }
                if (cookies[user] == null) {
                    cookies[user] = response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
                }
            }
        }
    }
}
