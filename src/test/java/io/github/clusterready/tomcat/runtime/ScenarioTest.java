package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.clusterready.tomcat.runtime.ReplicationProblem.Cause;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario against two small JDK HTTP servers on 127.0.0.1 standing in for two nodes of one webapp at
 * {@code /shop}: they share a session store, as replicated nodes do, and each records what it received.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScenarioTest {
    @TempDir
    Path temp;

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<ClusterNode> nodes = new ArrayList<>();
    /** Session id to counter: what both nodes hold. */
    private final Map<String, Integer> sessions = new ConcurrentHashMap<>();
    /** What each node received: "node1 GET /shop/x?y cookie=... body=...". */
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CountDownLatch together = new CountDownLatch(2);

    @BeforeEach
    void startNodes() throws IOException {
        for (String name : List.of("node1", "node2")) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/shop/", exchange -> handle(name, exchange));
            server.start();
            servers.add(server);
            nodes.add(new ClusterNode(name, temp.resolve(name), server.getAddress().getPort(), "/shop"));
        }
    }

    @AfterEach
    void stopNodes() {
        for (HttpServer server : servers) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private void handle(String node, HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String cookie = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"));
        String uri = exchange.getRequestURI().toString();
        received.add(node + " " + exchange.getRequestMethod() + " " + uri + " cookie=" + cookie + " body=" + body);
        // path parameters (;jsessionid=...) are not part of the path, as Tomcat reads it
        String path = exchange.getRequestURI().getPath().replaceAll(";[^/]*", "");
        String session = cookie.startsWith("JSESSIONID=") ? cookie.substring("JSESSIONID=".length()) : null;
        if (session == null || !sessions.containsKey(session)) {
            session = "S" + ids.incrementAndGet() + "." + node;
            sessions.put(session, 0);
            exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + session + "; Path=/shop; HttpOnly");
        }
        switch (path) {
            case "/shop/count": {
                int count = sessions.merge(session, 1, Integer::sum);
                reply(exchange, 200, "count=" + count);
                return;
            }
            case "/shop/form":
                // a Wicket-like page: a page id in the address, a relative form action, a hidden token
                reply(exchange, 200, "<html><body><form id=\"form1\" method=\"post\" action=\"./page;jsessionid="
                        + session + "?7-1.-form&amp;x=1\"><input type=\"hidden\" name=\"token\" value=\"t&amp;42\">"
                        + "<input name=\"who\"></form><a href=\"./page?7\">page 7</a></body></html>");
                return;
            case "/shop/page":
                if (exchange.getRequestMethod().equals("POST")) {
                    exchange.getResponseHeaders().add("Location", "/shop/done?8");
                    reply(exchange, 302, "");
                } else {
                    reply(exchange, 200, "page");
                }
                return;
            case "/shop/done":
                reply(exchange, 200, "done on " + node);
                return;
            case "/shop/together":
                together.countDown();
                try {
                    reply(exchange, together.await(10, TimeUnit.SECONDS) ? 200 : 408, "together");
                } catch (InterruptedException e) {
                    reply(exchange, 500, "interrupted");
                }
                return;
            case "/shop/large":
                reply(exchange, 200, "x".repeat(3 * Browser.MAX_BODY));
                return;
            case "/shop/only-node1":
                reply(exchange, node.equals("node1") ? 200 : 404, "served by " + node);
                return;
            default:
                reply(exchange, 404, "no " + path);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Scenario.Run replay(ScenarioStep... steps) throws Exception {
        Scenario scenario = new Scenario(List.of(steps));
        scenario.check("<requests>", List.of("node1", "node2"));
        return scenario.replay(nodes, temp.resolve("responses"), null, outcome -> { });
    }

    private static ScenarioStep get(String path) {
        return ScenarioStep.request(null, path, null);
    }

    @Test
    void requestsAlternateBetweenTheNodesWithOneSessionCookie() throws Exception {
        Scenario.Run run = replay(get("/count"), get("/count"), get("/count"));
        assertEquals(List.of("GET /count on node1: HTTP 200", "GET /count on node2: HTTP 200",
                "GET /count on node1: HTTP 200"), strings(run.outcomes));
        assertEquals("count=3", Files.readString(temp.resolve("responses/step-03-node1.html")));
        assertTrue(received.get(1).startsWith("node2 GET /shop/count cookie=JSESSIONID=S1.node1 "), received.toString());
        assertEquals(List.of(), run.problems);
    }

    @Test
    void nodeSameAndOtherChooseByTheNodeThatServedBefore() throws Exception {
        Scenario.Run run = replay(get("/count").node("node2"), get("/count").node("same"),
                get("/count").node("other"), get("/count"));
        assertEquals(List.of("node2", "node2", "node1", "node1"), nodesOf(run.outcomes));
    }

    @Test
    void aRedirectIsFollowedOnTheSameNodeUnlessSwitchedOff() throws Exception {
        Scenario.Run run = replay(ScenarioStep.request("POST", "/page", Map.of("a", "1")).node("node2"),
                ScenarioStep.request("POST", "/page", Map.of("a", "1")).node("node1").followRedirects(false)
                        .expect(new Expectation(302, null, null)));
        assertEquals(List.of("POST /page on node2: HTTP 302 to /done?8, then 200", "POST /page on node1: HTTP 302"),
                strings(run.outcomes));
        assertTrue(received.get(1).startsWith("node2 GET /shop/done?8 "), received.toString());
        assertEquals("done on node2", Files.readString(temp.resolve("responses/step-01-node2.html")));
        assertEquals(List.of(), run.problems);
    }

    @Test
    void extractedValuesFillLaterPathsAndParameters() throws Exception {
        Scenario.Run run = replay(get("/form").extract(Extraction.formAction("action", "form1"))
                        .extract(Extraction.formField("token", "token"))
                        .extract(Extraction.regex("page", "href=\"\\./page\\?(\\d+)\"")),
                ScenarioStep.request("POST", "${action}", Map.of("token", "${token}", "page", "p${page}")),
                get("/page?${page}"));
        assertEquals(List.of(), run.problems, strings(run.outcomes).toString());
        // the form action resolved against the page's address, as a browser does, entities decoded
        assertTrue(received.get(1).matches("node2 POST /shop/page;jsessionid=S1\\.node1\\?7-1\\.-form&x=1 "
                + "cookie=JSESSIONID=S1\\.node1 body=(token=t%2642&page=p7|page=p7&token=t%2642)"), received.toString());
        // shown without the session id and the context path
        assertEquals("POST /page?7-1.-form&x=1 on node2: HTTP 302 to /done?8, then 200", run.outcomes.get(1).toString());
        assertTrue(received.get(3).startsWith("node1 GET /shop/page?7 "), received.toString());
    }

    @Test
    void anExtractionThatFindsNothingIsAProblemAndTheRequestThatNeedsItIsNotSent() throws Exception {
        Scenario.Run run = replay(get("/count").extract(Extraction.formAction("action", "*")), get("/${action}"));
        assertEquals(2, run.problems.size(), run.problems.toString());
        assertTrue(run.problems.get(0).toString().contains("found nothing for <formAction> \"*\""),
                run.problems.toString());
        assertTrue(run.outcomes.get(1).failure.startsWith("not sent: /${action} uses a value"), run.outcomes.toString());
        assertEquals(1, received.size(), received.toString());
    }

    @Test
    void aFailedExpectationNamesTheRequestTheNodeAndWhatThePreviousNodeAnswered() throws Exception {
        Scenario.Run run = replay(get("/only-node1"), get("/only-node1"));
        assertEquals(1, run.problems.size(), run.problems.toString());
        ReplicationProblem problem = run.problems.get(0);
        assertEquals(Cause.UNEXPECTED_RESPONSE, problem.cause());
        assertEquals("GET /only-node1", problem.request());
        assertEquals("node2", problem.node());
        assertTrue(problem.toString().startsWith("[unexpected-response] after GET /only-node1 on node2: unexpected "
                + "response (step 2: HTTP 404 where a status below 400 is expected (say <expect><status>404</status>"
                + "</expect> if that is right); node1 answered the same request (step 1) with HTTP 200 as expected; "
                + "the response is kept in " + temp.resolve("responses/step-02-node2.html")), problem.toString());
        assertEquals("served by node2", Files.readString(temp.resolve("responses/step-02-node2.html")));
    }

    @Test
    void statusContainsAndNotContainsAreChecked() throws Exception {
        Scenario.Run run = replay(get("/count").expect(new Expectation(200, "count=1", "error")),
                get("/count").expect(new Expectation(201, null, null)),
                get("/count").expect(new Expectation(null, "count=9", null)),
                get("/count").expect(new Expectation(null, null, "count=4")),
                get("/missing").expect(new Expectation(404, null, null)));
        List<String> failures = new ArrayList<>();
        for (StepOutcome outcome : run.outcomes) {
            failures.add(outcome.failure);
        }
        assertEquals(Arrays.asList(null, "HTTP 200 where <expect><status> is 201",
                "the response does not contain \"count=9\" (<expect><contains>)",
                "the response contains \"count=4\" (<expect><notContains>)", null), failures);
        assertEquals(3, run.problems.size());
    }

    @Test
    void requestsOfOneGroupAreSentAtOnce() throws Exception {
        together = new CountDownLatch(2);
        Scenario.Run run = replay(get("/count"), get("/together").group("g").node("node1"),
                get("/together").group("g").node("node2"));
        // each answers 200 only when the other arrived while it waited
        assertEquals(List.of("GET /count on node1: HTTP 200", "GET /together on node1: HTTP 200",
                "GET /together on node2: HTTP 200"), strings(run.outcomes));
    }

    @Test
    void requestsOfNoGroupAreSentOneAfterTheOther() throws Exception {
        together = new CountDownLatch(2);
        Scenario.Run run = replay(get("/together").node("node1").expect(new Expectation(408, null, null)));
        assertEquals(List.of("GET /together on node1: HTTP 408"), strings(run.outcomes));
    }

    @Test
    void aLargeBodyIsKeptUpToTheBound() throws Exception {
        Scenario.Run run = replay(get("/large"));
        assertEquals(List.of(), run.problems);
        assertEquals(Browser.MAX_BODY, Files.size(temp.resolve("responses/step-01-node1.html")));
    }

    @Test
    void aKillWithoutAFailoverIsAProblemNotASilentSkip() throws Exception {
        Scenario.Run run = replay(get("/count"), ScenarioStep.kill("last"), get("/count"));
        assertEquals("kill last (not done: this goal cannot kill or restart nodes)", run.outcomes.get(1).toString());
        assertEquals(1, run.problems.size());
    }

    @Test
    void theCheckRefusesWhatCannotBeSentBeforeAnythingStarts() {
        assertEquals("<requests> request 1: <method> \"PATCH\" cannot be sent: the JDK's HttpURLConnection, which "
                + "sends the scenario, knows GET POST HEAD OPTIONS PUT DELETE TRACE; test PATCH endpoints from your "
                + "own tests", refused(ScenarioStep.request("patch", "/x", null)));
        assertEquals("<requests> request 1: <path> \"/my cart\" has a space, which a URL cannot hold as it is: write "
                + "it percent-encoded (%20)", refused(get("/my cart")));
        assertEquals("<requests> request 1: <path> \"/a|b\" has the character '|', which a URL cannot hold as it "
                + "is: write it percent-encoded (%7C)", refused(get("/a|b")));
        assertEquals("<requests> request 1: <path> \"http://example.com/x\" is an address: give the path under the "
                + "webapp, without scheme, host and context path, e.g. /cart", refused(get("http://example.com/x")));
        assertEquals("<requests> request 1: <path> \"/x%2\" has a % not followed by two hex digits: write a percent "
                + "sign as %25", refused(get("/x%2")));
        assertEquals("<requests> request 1: \"${page}\" is not extracted by an earlier request; give one an "
                + "<extracts><extract><name>page</name>", refused(get("/p?${page}")));
        assertEquals("<requests> request 1: <node> \"node3\" is not a node: use same, other or one of [node1, node2] "
                + "(or leave it out to take the next node in turn)", refused(get("/x").node("node3")));
        assertEquals("<requests> request 1: <kill> \"node9\" is not a node: use last or one of [node1, node2]",
                refused(ScenarioStep.kill("node9")));
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> Extraction.regex("x", "page(\\d)-(\\d)"));
        assertEquals("<regex> \"page(\\d)-(\\d)\" has 2 groups; give it exactly one, around the value (use (?:...) "
                + "for the others)", groups.getMessage());
        assertNull(Scenario.pathProblem("/wicket/page?0-1.-form&a=%20b;c=${x}"));
    }

    @Test
    void pathsAreShownWithoutSessionIds() {
        assertEquals("/cart?x=1", Scenario.shown("/cart;jsessionid=8A2F.node1?x=1"));
        assertEquals("/a/b", Scenario.shown("/a;JSESSIONID=1/b"));
    }

    private static String refused(ScenarioStep step) {
        return assertThrows(RuntimeClusterException.class,
                () -> new Scenario(List.of(step)).check("<requests>", List.of("node1", "node2"))).getMessage();
    }

    private static List<String> strings(List<StepOutcome> outcomes) {
        List<String> text = new ArrayList<>();
        for (StepOutcome outcome : outcomes) {
            text.add(outcome.toString());
        }
        return text;
    }

    private static List<String> nodesOf(List<StepOutcome> outcomes) {
        List<String> names = new ArrayList<>();
        for (StepOutcome outcome : outcomes) {
            names.add(outcome.node);
        }
        return names;
    }

    /** The load drill's pace that lets every group through and counts them. */
    private static final class CountingPace implements Scenario.Pace {
        final AtomicInteger begun = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final int limit;

        CountingPace(int limit) {
            this.limit = limit;
        }

        @Override
        public boolean begin(int requests) {
            return begun.incrementAndGet() <= limit;
        }

        @Override
        public void done() {
            done.incrementAndGet();
        }
    }

    @Test
    void aLoadPassPassesOverAKilledNodeAsABalancerWouldEvenWhereAStepNamesIt() throws Exception {
        Scenario scenario = new Scenario(List.of(get("/count"), get("/count").node("node1"),
                get("/count").node(ScenarioStep.SAME), get("/count")));
        CountingPace pace = new CountingPace(100);
        List<StepOutcome> outcomes = new ArrayList<>();
        Scenario.Run run = scenario.pass(nodes, 0, new ConcurrentHashMap<>(Map.of("node1", 1)), pace,
                temp.resolve("responses"), outcomes::add);
        assertEquals(List.of("GET /count on node2: HTTP 200", "GET /count on node2: HTTP 200",
                "GET /count on node2: HTTP 200", "GET /count on node2: HTTP 200"), strings(run.outcomes));
        assertEquals(run.outcomes, outcomes);
        assertEquals(List.of(), run.problems);
        assertEquals(4, pace.begun.get());
        assertEquals(4, pace.done.get());
    }

    @Test
    void aLoadPassBeginsOnItsOwnNodeWithASessionOfItsOwnAndEndsWhenThePaceSaysSo() throws Exception {
        Scenario scenario = new Scenario(List.of(get("/count"), get("/count"), get("/count")));
        Scenario.Run first = scenario.pass(nodes, 1, new ConcurrentHashMap<>(), new CountingPace(100),
                temp.resolve("responses"), outcome -> { });
        CountingPace twoOnly = new CountingPace(2);
        Scenario.Run second = scenario.pass(nodes, 0, new ConcurrentHashMap<>(), twoOnly, temp.resolve("responses"),
                outcome -> { });
        assertEquals(List.of("GET /count on node2: HTTP 200", "GET /count on node1: HTTP 200",
                "GET /count on node2: HTTP 200"), strings(first.outcomes));
        // two requests let through, the third refused: the pass ends, and done() only for what began
        assertEquals(List.of("GET /count on node1: HTTP 200", "GET /count on node2: HTTP 200"),
                strings(second.outcomes));
        assertEquals(2, twoOnly.done.get());
        // each pass its own browser, so its own session: both counted from 1
        assertEquals(List.of(3, 2), new ArrayList<>(new TreeMap<>(sessions).values()));
    }

    @Test
    void aLoadPassKeepsOnlyTheBodiesOfResponsesThatMissedTheirExpectation() throws Exception {
        Path responses = temp.resolve("responses");
        Files.createDirectories(responses);
        Files.writeString(responses.resolve("load-step-09-node1.html"), "from an earlier run");
        Scenario.clean(responses);
        Scenario scenario = new Scenario(List.of(get("/count"), get("/missing")));
        Scenario.Run run = scenario.pass(nodes, 0, new ConcurrentHashMap<>(), new CountingPace(100), responses,
                outcome -> { });
        assertEquals(List.of("load-step-02-node2.html"), list(responses));
        assertEquals("no /shop/missing", Files.readString(responses.resolve("load-step-02-node2.html")));
        assertEquals(1, run.problems.size(), run.problems.toString());
        assertEquals(Cause.UNEXPECTED_RESPONSE, run.problems.get(0).cause());
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<String> names = new ArrayList<>();
            files.forEach(file -> names.add(file.getFileName().toString()));
            Collections.sort(names);
            return names;
        }
    }
}
