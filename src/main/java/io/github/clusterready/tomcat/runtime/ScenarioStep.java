package io.github.clusterready.tomcat.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One step of a scenario as the POM gives it: a request (method, path under the webapp, form parameters, the node
 * that serves it, redirects, values to extract, what to expect, the group it is sent at once with), or a failover
 * step that kills or restarts a node.
 */
public final class ScenarioStep {
    /** What a step does. */
    public enum Action {
        REQUEST, KILL, RESTART
    }

    /** {@code node} for a request: the next node in turn. */
    public static final String ALTERNATE = "";
    /** {@code node} for a request: the node that served the step before. */
    public static final String SAME = "same";
    /** {@code node} for a request: another node than the one that served the step before. */
    public static final String OTHER = "other";
    /** {@code node} of a kill or restart: the node that served last. */
    public static final String LAST = "last";

    final Action action;
    final String method;
    final String path;
    final Map<String, String> parameters;
    String node;
    boolean followRedirects = true;
    final List<Extraction> extractions = new ArrayList<>();
    Expectation expectation = Expectation.DEFAULT;
    String group;

    private ScenarioStep(Action action, String method, String path, Map<String, String> parameters, String node) {
        this.action = action;
        this.method = method == null || method.trim().isEmpty() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        this.path = path == null ? "" : path.trim();
        this.parameters = parameters == null ? new LinkedHashMap<String, String>()
                : new LinkedHashMap<>(parameters);
        this.node = node == null ? "" : node.trim();
    }

    /** A request; a null or empty method is GET. */
    public static ScenarioStep request(String method, String path, Map<String, String> parameters) {
        return new ScenarioStep(Action.REQUEST, method, path, parameters, ALTERNATE);
    }

    /** SIGKILL of {@code node}: a node's name or {@link #LAST}. */
    public static ScenarioStep kill(String node) {
        return new ScenarioStep(Action.KILL, null, null, null, node == null || node.trim().isEmpty() ? LAST : node);
    }

    /** The restart of {@code node}, a node's name or {@link #LAST} (the node killed last). */
    public static ScenarioStep restart(String node) {
        return new ScenarioStep(Action.RESTART, null, null, null,
                node == null || node.trim().isEmpty() ? LAST : node);
    }

    /** The node that serves this request: a node's name, {@link #SAME}, {@link #OTHER}; empty: the next one. */
    public ScenarioStep node(String target) {
        node = target == null ? ALTERNATE : target.trim();
        return this;
    }

    public ScenarioStep followRedirects(boolean follow) {
        followRedirects = follow;
        return this;
    }

    public ScenarioStep extract(Extraction extraction) {
        extractions.add(extraction);
        return this;
    }

    public ScenarioStep expect(Expectation value) {
        expectation = value == null ? Expectation.DEFAULT : value;
        return this;
    }

    /** Requests of one group, given one after the other, are sent at once. */
    public ScenarioStep group(String name) {
        group = name == null || name.trim().isEmpty() ? null : name.trim();
        return this;
    }

    List<Extraction> extractions() {
        return Collections.unmodifiableList(extractions);
    }

    /** {@code GET /cart}, {@code kill node2}. */
    @Override
    public String toString() {
        return action == Action.REQUEST ? method + " " + path : action.name().toLowerCase(Locale.ROOT) + " " + node;
    }
}
