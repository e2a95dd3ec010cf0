package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.runtime.ReplicationProblem.Cause;
import io.github.clusterready.tomcat.war.AtomicFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of steps replayed as one browser would ({@link Browser}: one cookie jar), each request on the node its
 * step names or, by default, on the next node in turn, so a change made on one node is read on another. Values
 * extracted from a response fill {@code ${name}} in later paths and parameters; each response is checked against
 * the step's expectation, and one that does not meet it is a problem of its own
 * ({@link Cause#UNEXPECTED_RESPONSE}). Each response body is kept in the responses directory.
 */
public final class Scenario {
    /** {@code ${name}} in a path or a parameter. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    /** A session id in a path, as Tomcat writes it into encoded URLs. */
    private static final Pattern SESSION_ID = Pattern.compile(";jsessionid=[^?#/;]*", Pattern.CASE_INSENSITIVE);
    /** Characters a path may hold as they are (RFC 3986 unreserved, sub-delims, ':', '@', '/', '?', '%'). */
    private static final Pattern PATH_CHARACTER = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]");
    private static final int MAX_GROUP = 16;

    private final List<ScenarioStep> steps;

    public Scenario(List<ScenarioStep> steps) {
        this.steps = new ArrayList<>(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * Checks the steps as the POM gives them, before anything starts: a method the client can send, a path the
     * nodes can be asked for, {@code ${name}} only for a value an earlier step extracts, nodes that exist.
     *
     * @param parameter the POM element, for the messages: {@code <requests>}
     */
    public void check(String parameter, List<String> nodeNames) throws RuntimeClusterException {
        Set<String> extracted = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            ScenarioStep step = steps.get(i);
            String where = parameter + " request " + (i + 1);
            if (step.action != ScenarioStep.Action.REQUEST) {
                if (!step.node.equals(ScenarioStep.LAST) && !nodeNames.contains(step.node)) {
                    throw new RuntimeClusterException(where + ": <" + step.action.name().toLowerCase(Locale.ROOT)
                            + "> \"" + step.node + "\" is not a node: use last or one of " + nodeNames);
                }
                continue;
            }
            if (!step.method.matches(Browser.METHODS)) {
                throw new RuntimeClusterException(where + ": <method> \"" + step.method + "\" cannot be sent: the "
                        + "JDK's HttpURLConnection, which sends the scenario, knows "
                        + Browser.METHODS.replace('|', ' ')
                        + (step.method.equals("PATCH") ? "; test PATCH endpoints from your own tests" : ""));
            }
            String pathProblem = pathProblem(step.path);
            if (pathProblem != null) {
                throw new RuntimeClusterException(where + ": <path> \"" + step.path + "\" " + pathProblem);
            }
            if (!step.node.isEmpty() && !step.node.equals(ScenarioStep.SAME) && !step.node.equals(ScenarioStep.OTHER)
                    && !nodeNames.contains(step.node)) {
                throw new RuntimeClusterException(where + ": <node> \"" + step.node + "\" is not a node: use same, "
                        + "other or one of " + nodeNames + " (or leave it out to take the next node in turn)");
            }
            List<String> texts = new ArrayList<>(step.parameters.values());
            texts.add(step.path);
            for (String text : texts) {
                Matcher reference = REFERENCE.matcher(text == null ? "" : text);
                while (reference.find()) {
                    if (!extracted.contains(reference.group(1))) {
                        throw new RuntimeClusterException(where + ": \"${" + reference.group(1) + "}\" is not "
                                + "extracted by an earlier request; give one an <extracts><extract><name>"
                                + reference.group(1) + "</name>");
                    }
                }
            }
            for (Extraction extraction : step.extractions) {
                if (!NAME.matcher(extraction.name()).matches()) {
                    throw new RuntimeClusterException(where + ": <extract><name> \"" + extraction.name() + "\" cannot "
                            + "be used as ${name}: use letters, digits, _ . - (starting with a letter)");
                }
                extracted.add(extraction.name());
            }
        }
    }

    /** Why the nodes cannot be asked for {@code path}, or null when they can; {@code ${name}} is not looked into. */
    static String pathProblem(String path) {
        if (path.isEmpty()) {
            return "is empty: give the path under the webapp, e.g. /cart";
        }
        if (path.contains("://")) {
            return "is an address: give the path under the webapp, without scheme, host and context path, e.g. /cart";
        }
        if (path.startsWith("//")) {
            return "starts with //, which names a host: give the path under the webapp, e.g. /cart";
        }
        String plain = REFERENCE.matcher(path).replaceAll("x");
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '%') {
                if (i + 2 >= plain.length() || !isHex(plain.charAt(i + 1)) || !isHex(plain.charAt(i + 2))) {
                    return "has a % not followed by two hex digits: write a percent sign as %25";
                }
            } else if (!PATH_CHARACTER.matcher(String.valueOf(c)).matches()) {
                return "has " + (c == ' ' ? "a space" : "the character '" + c + "'") + ", which a URL cannot hold "
                        + "as it is: write it percent-encoded (" + percentEncoded(c) + ")";
            }
        }
        return null;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String percentEncoded(char c) {
        StringBuilder text = new StringBuilder();
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
            text.append(String.format("%%%02X", b & 0xff));
        }
        return text.toString();
    }

    /**
     * A request's path as reports show it: under the webapp, without the session id Tomcat writes into encoded
     * URLs ({@code /cart;jsessionid=1A?x=1} is {@code /cart?x=1}).
     */
    public static String shown(String path) {
        return SESSION_ID.matcher(path).replaceAll("");
    }

    /** What a replay gave: each step's outcome and the problems (responses that did not meet expectations). */
    public static final class Run {
        public final List<StepOutcome> outcomes = new ArrayList<>();
        public final List<ReplicationProblem> problems = new ArrayList<>();
    }

    /**
     * Replays the steps on the nodes, keeping each response body in {@code responses} (emptied of an earlier
     * run's bodies first), and reports each outcome to {@code log} as it comes.
     *
     * @param failover kills and restarts nodes for the failover steps; null when the steps have none
     */
    public Run replay(List<ClusterNode> nodes, Path responses, Failover failover, Consumer<StepOutcome> log)
            throws IOException, RuntimeClusterException, InterruptedException {
        clean(responses);
        Replay replay = new Replay(nodes, responses, failover, log, new LinkedHashMap<String, Integer>(), null, 0);
        replay.steps(steps);
        return replay.run;
    }

    /** Whether the steps kill or restart nodes (which the load drill schedules itself). */
    public boolean hasFailoverSteps() {
        for (ScenarioStep step : steps) {
            if (step.action != ScenarioStep.Action.REQUEST) {
                return true;
            }
        }
        return false;
    }

    /**
     * One simulated user's pass through the request steps, for the load drill: a browser of its own (so a session
     * of its own), its first request on node {@code firstNode} (in turn), each group of requests let through by
     * {@code pace}. A node in {@code down} is passed over as a balancer would, also where a step names it. Only the
     * bodies of responses that missed their expectation are kept, one per step and node ({@code load-step-*}).
     *
     * @param down the nodes the drill has killed and not yet restarted, shared by every user
     * @return the outcomes and problems of this pass; the pass ends early when {@code pace} says the load is over
     */
    Run pass(List<ClusterNode> nodes, int firstNode, Map<String, Integer> down, Pace pace, Path responses,
            Consumer<StepOutcome> log) throws IOException, RuntimeClusterException, InterruptedException {
        Replay replay = new Replay(nodes, responses, null, log, down, pace, firstNode);
        replay.steps(steps);
        return replay.run;
    }

    /** Lets a user's requests through, one group at a time: what bounds the load drill and pauses it for a kill. */
    interface Pace {
        /** Before a group of {@code requests} requests: false when the load is over and the pass ends. */
        boolean begin(int requests) throws InterruptedException;

        /** After the group was answered (only after {@link #begin} returned true). */
        void done();
    }

    /** Empties {@code responses} of an earlier run's bodies. */
    static void clean(Path responses) throws IOException {
        Files.createDirectories(responses);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(responses, "{step,load-step}-*")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
    }

    /** One replay's state: the browser, the values extracted, the nodes down, the node that served last. */
    private static final class Replay {
        final List<ClusterNode> nodes;
        final Path responses;
        final Failover failover;
        final Consumer<StepOutcome> log;
        final Browser browser = new Browser();
        final Map<String, String> values = new HashMap<>();
        /** Each node killed and not restarted, with the step that killed it. */
        final Map<String, Integer> down;
        /** The load drill's pace, or null for a replay of its own. */
        final Pace pace;
        final Run run = new Run();
        ClusterNode last;
        ClusterNode lastKilled;
        int turn;

        Replay(List<ClusterNode> nodes, Path responses, Failover failover, Consumer<StepOutcome> log,
                Map<String, Integer> down, Pace pace, int turn) {
            this.nodes = nodes;
            this.responses = responses;
            this.failover = failover;
            this.log = log;
            this.down = down;
            this.pace = pace;
            this.turn = turn;
        }

        /** Replays the steps in order, the requests of each group at once. */
        void steps(List<ScenarioStep> steps) throws IOException, RuntimeClusterException, InterruptedException {
            for (int i = 0; i < steps.size();) {
                ScenarioStep step = steps.get(i);
                int end = i + 1;
                while (step.group != null && end < steps.size() && step.group.equals(steps.get(end).group)
                        && end - i < MAX_GROUP) {
                    end++;
                }
                if (step.action != ScenarioStep.Action.REQUEST) {
                    failover(i + 1, step);
                } else if (pace == null) {
                    requests(i, steps.subList(i, end));
                } else if (pace.begin(end - i)) {
                    try {
                        requests(i, steps.subList(i, end));
                    } finally {
                        pace.done();
                    }
                } else {
                    return;
                }
                i = end;
            }
        }

        void failover(int number, ScenarioStep step) throws IOException, RuntimeClusterException,
                InterruptedException {
            boolean kill = step.action == ScenarioStep.Action.KILL;
            ClusterNode node = step.node.equals(ScenarioStep.LAST) ? (kill ? last : lastKilled) : named(step.node);
            if (node == null || failover == null) {
                String why = failover == null ? "this goal cannot kill or restart nodes"
                        : kill ? "no node has served a request yet" : "no node was killed before";
                add(new StepOutcome(number, step.toString(), "", 0, new ArrayList<String>(), null, "not done: "
                        + why, ""));
                return;
            }
            long started = System.nanoTime();
            if (kill) {
                failover.kill(node);
                down.put(node.name(), number);
                lastKilled = node;
            } else {
                failover.restart(node);
                down.remove(node.name());
            }
            String done = String.format(Locale.ROOT, "%s %s: %s in %.1f s", kill ? "kill" : "restart", node.name(),
                    kill ? "ended" : "serves and is a member again", (System.nanoTime() - started) / 1e9);
            add(new StepOutcome(number, done, node.name(), 0, new ArrayList<String>(), null, null, ""));
        }

        /** Sends the requests of one group at once (one request: a group of its own). */
        void requests(int first, List<ScenarioStep> group) throws IOException, InterruptedException {
            List<ClusterNode> chosen = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            List<Map<String, String>> parameters = new ArrayList<>();
            for (ScenarioStep step : group) {
                chosen.add(choose(step));
                paths.add(substitute(step.path));
                Map<String, String> filled = new LinkedHashMap<>();
                for (Map.Entry<String, String> parameter : step.parameters.entrySet()) {
                    filled.put(parameter.getKey(), substitute(parameter.getValue()));
                }
                parameters.add(filled);
            }
            List<Object> answers = new ArrayList<>();
            if (group.size() == 1) {
                answers.add(send(group.get(0), chosen.get(0), paths.get(0), parameters.get(0)));
            } else {
                if (failover != null) {
                    failover.groupStarts();
                }
                ExecutorService pool = Executors.newFixedThreadPool(group.size());
                try {
                    List<Future<Object>> futures = new ArrayList<>();
                    for (int i = 0; i < group.size(); i++) {
                        final int n = i;
                        futures.add(pool.submit(() -> send(group.get(n), chosen.get(n), paths.get(n),
                                parameters.get(n))));
                    }
                    for (Future<Object> future : futures) {
                        try {
                            answers.add(future.get());
                        } catch (ExecutionException e) {
                            answers.add(e.getCause() instanceof IOException ? e.getCause()
                                    : new IOException(e.getCause()));
                        }
                    }
                } finally {
                    pool.shutdownNow();
                }
                if (failover != null) {
                    failover.groupEnded();
                }
            }
            for (int i = 0; i < group.size(); i++) {
                ScenarioStep step = group.get(i);
                finish(first + i + 1, step, chosen.get(i), paths.get(i), answers.get(i));
            }
        }

        /** The response, or the IOException or the reason (a String) why nothing was answered. */
        private Object send(ScenarioStep step, ClusterNode node, String path, Map<String, String> parameters) {
            if (node == null) {
                return "not sent: no node is up (" + down.keySet() + " killed)";
            }
            Integer killed = down.get(node.name());
            if (killed != null) {
                return "not sent: " + node.name() + " was killed at step " + killed + " and not restarted";
            }
            if (path.contains("${")) {
                return "not sent: " + path + " uses a value an earlier response did not have";
            }
            try {
                URI address = URI.create(node.url()).resolve(path.startsWith("/") ? path.substring(1) : path);
                return browser.send(step.method, address, parameters, step.followRedirects);
            } catch (IllegalArgumentException e) {
                return "not sent: \"" + path + "\" is not a path the nodes can be asked for (" + e.getMessage() + ")";
            } catch (IOException e) {
                return e;
            }
        }

        private void finish(int number, ScenarioStep step, ClusterNode node, String path, Object answer)
                throws IOException {
            String shown = step.method + " " + shown(path);
            String nodeName = node == null ? "no node" : node.name();
            String template = step.method + " " + step.path + " " + step.parameters;
            if (!(answer instanceof Browser.Response)) {
                String failure = answer instanceof String ? (String) answer
                        : "no answer: " + answer;
                add(new StepOutcome(number, shown, nodeName, 0, new ArrayList<String>(), null, failure, template));
                return;
            }
            Browser.Response response = (Browser.Response) answer;
            last = node;
            String text = response.text();
            String failure = step.expectation.failure(response.status, text);
            URI webapp = URI.create(node.url());
            for (Extraction extraction : step.extractions) {
                String value = extraction.from(text, response.address, webapp);
                if (value == null) {
                    failure = failure != null ? failure : "found nothing for " + extraction + " (<extract><name> "
                            + extraction.name() + ")" + (response.truncated ? " in the first " + Browser.MAX_BODY
                            + " bytes" : "");
                    values.remove(extraction.name());
                } else {
                    values.put(extraction.name(), value);
                }
            }
            Path body = null;
            if (pace == null || failure != null) {
                body = responses.resolve(String.format(Locale.ROOT, pace == null ? "step-%02d-%s.html"
                        : "load-step-%02d-%s.html", number, nodeName));
                AtomicFile.write(body, response.body);
            }
            List<String> redirects = new ArrayList<>();
            for (String redirect : response.redirects) {
                redirects.add(shownUnder(redirect, webapp));
            }
            add(new StepOutcome(number, shown, nodeName, response.status, redirects, body, failure, template));
        }

        /** {@code 302 to /shop/?1} as {@code 302 to /?1}: redirects shown under the webapp, too. */
        private static String shownUnder(String redirect, URI webapp) {
            String context = webapp.getRawPath().substring(0, webapp.getRawPath().length() - 1);
            int to = redirect.indexOf(" to ") + 4;
            String target = redirect.substring(to);
            return redirect.substring(0, to) + shown(target.startsWith(context + "/") ? target.substring(
                    context.length()) : target);
        }

        private void add(StepOutcome outcome) {
            run.outcomes.add(outcome);
            log.accept(outcome);
            if (outcome.failure != null) {
                run.problems.add(new ReplicationProblem(Cause.UNEXPECTED_RESPONSE, null, outcome.request,
                        outcome.node, "step " + outcome.step + ": " + outcome.failure + "; " + before(outcome)
                        + (outcome.body == null ? "" : "; the response is kept in " + outcome.body)));
            }
        }

        /** What the previous node answered to the same step (or, if it was not sent before, to the step before). */
        private String before(StepOutcome outcome) {
            StepOutcome previous = null;
            boolean same = false;
            for (int i = run.outcomes.size() - 2; i >= 0 && !same; i--) {
                StepOutcome earlier = run.outcomes.get(i);
                if (earlier.template.isEmpty() || earlier.status == 0 || earlier.node.equals(outcome.node)) {
                    continue;
                }
                if (earlier.template.equals(outcome.template)) {
                    previous = earlier;
                    same = true;
                } else if (previous == null) {
                    previous = earlier;
                }
            }
            if (previous == null) {
                return "no other node answered a request before";
            }
            String answered = (same ? previous.node + " answered the same request (step " + previous.step + ")"
                    : "the request before on another node, " + previous.request + " (step " + previous.step
                    + "), " + previous.node + " answered") + " with HTTP " + previous.status;
            if (previous.failure == null) {
                return answered + " as expected";
            }
            return answered + (same && previous.status == outcome.status ? ", as unexpected: an answer every node "
                    + "gives is the application's, not a failover's; check the <path> and the <expect>" : "");
        }

        private ClusterNode choose(ScenarioStep step) {
            ClusterNode node = chosen(step);
            if (pace != null && node != null && down.containsKey(node.name())) {
                return up(nodes.indexOf(node) + 1); // the load drill's balancer passes over a node it killed
            }
            return node;
        }

        private ClusterNode chosen(ScenarioStep step) {
            if (step.node.equals(ScenarioStep.SAME)) {
                return last != null ? last : up(0);
            }
            if (step.node.equals(ScenarioStep.OTHER)) {
                for (int i = 0; i < nodes.size(); i++) {
                    ClusterNode node = up(nodes.indexOf(last) + 1 + i);
                    if (node != last) {
                        return node;
                    }
                }
                return null;
            }
            if (!step.node.isEmpty()) {
                return named(step.node);
            }
            ClusterNode node = up(turn);
            turn = node == null ? turn : nodes.indexOf(node) + 1;
            return node;
        }

        /** The first node up from index {@code from} on, in turn; null when all are down. */
        private ClusterNode up(int from) {
            for (int i = 0; i < nodes.size(); i++) {
                ClusterNode node = nodes.get(Math.floorMod(from + i, nodes.size()));
                if (!down.containsKey(node.name())) {
                    return node;
                }
            }
            return null;
        }

        private ClusterNode named(String name) {
            for (ClusterNode node : nodes) {
                if (node.name().equals(name)) {
                    return node;
                }
            }
            return null;
        }

        private String substitute(String text) {
            if (text == null) {
                return "";
            }
            Matcher reference = REFERENCE.matcher(text);
            StringBuffer filled = new StringBuffer();
            while (reference.find()) {
                String value = values.get(reference.group(1));
                reference.appendReplacement(filled, Matcher.quoteReplacement(value == null ? reference.group()
                        : value));
            }
            reference.appendTail(filled);
            return filled.toString();
        }
    }
}
