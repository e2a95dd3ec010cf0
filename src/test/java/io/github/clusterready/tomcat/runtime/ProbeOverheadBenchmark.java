package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the probe adds to a request, and how long two nodes take to serve: starts two Tomcat 10.1 nodes with the
 * probe and two without it, alternately, and times the same requests against each (one session, each request adds
 * an item to a cart of {@code bench.items} strings and stores it again, so every request replicates). Prints the
 * start times and, per cluster, the median and 90th percentile of the request latency over {@code bench.requests}
 * requests after {@code bench.warmup} warm-up requests, alternating between the nodes as a load balancer without
 * stickiness would. Run (see docs/performance.md):
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp target/classes:target/test-classes:$(cat target/test.classpath) \
 *     io.github.clusterready.tomcat.runtime.ProbeOverheadBenchmark
 * </pre>
 */
public final class ProbeOverheadBenchmark {
    private ProbeOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 2000);
        int warmup = Integer.getInteger("bench.warmup", 1000);
        int items = Integer.getInteger("bench.items", 100);
        int rounds = Integer.getInteger("bench.rounds", 2);
        Path work = Files.createTempDirectory("probe-bench");
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
                + "    session.setAttribute(\"visits\", Integer.valueOf(cart.size()));\n"
                + "    response.getWriter().print(cart.size());\n"
                + "  }\n"
                + "}\n").war("shop.war");
        Path home = LocalClusterE2ETest.tomcatHome(TomcatLine.V10_1);
        System.out.printf(Locale.ROOT, "Probe overhead: Tomcat 10.1, 2 nodes, DeltaManager, a cart of %d strings "
                + "stored again on every request; %d requests after %d warm-up, alternating nodes; %s cores, load "
                + "average %s%n", items, requests, warmup, Runtime.getRuntime().availableProcessors(),
                new String(Files.readAllBytes(Path.of("/proc/loadavg"))).trim());
        for (int round = 1; round <= rounds; round++) {
            for (boolean probe : new boolean[] {false, true}) {
                LocalCluster.Options options = new LocalCluster.Options().home(home).war(war).contextPath("/shop")
                        .directory(work.resolve("run-" + probe)).nodeNames(List.of("node1", "node2"))
                        .settings(ClusterSettings.builder(TomcatLine.V10_1)).jvmArguments(List.of("-Xmx256m"));
                if (!probe) {
                    options.withoutProbe();
                }
                long started = System.nanoTime();
                LocalCluster cluster = LocalCluster.start(options, line -> { });
                double startSeconds = (System.nanoTime() - started) / 1e9;
                try {
                    long[] times = drive(cluster, warmup, requests);
                    Arrays.sort(times);
                    System.out.printf(Locale.ROOT, "round %d %-13s start %4.1f s; per request median %6.3f ms, "
                            + "p90 %6.3f ms%n", round, probe ? "with probe" : "without probe", startSeconds,
                            times[times.length / 2] / 1e6, times[times.length * 9 / 10] / 1e6);
                } finally {
                    cluster.stop();
                }
            }
        }
    }

    private static long[] drive(LocalCluster cluster, int warmup, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String cookie = null;
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < warmup + requests; i++) {
            ClusterNode node = cluster.nodes().get(i % 2);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + "cart"))
                    .timeout(Duration.ofSeconds(30));
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " from " + node);
            }
            if (cookie == null) {
                cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            }
            if (i >= warmup) {
                times.add(took);
            }
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }
}
