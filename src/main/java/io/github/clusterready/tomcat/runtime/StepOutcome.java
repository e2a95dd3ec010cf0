package io.github.clusterready.tomcat.runtime;

import java.nio.file.Path;
import java.util.List;

/** What one scenario step got: the node that served it, the status, the redirects, where its body is kept. */
public final class StepOutcome {
    /** The step's number in the scenario, from 1. */
    public final int step;
    /** Method and path under the webapp, without session ids: {@code GET /cart?item=1}; or {@code kill node2}. */
    public final String request;
    public final String node;
    /** The last response's status; 0 when nothing was answered. */
    public final int status;
    final List<String> redirects;
    /** The kept response body, or null. */
    public final Path body;
    /** What the response did not meet, or why the step could not be sent; null when it went as expected. */
    public final String failure;
    /**
     * The step's request before substitution, to find the same request sent earlier to another node; empty for a
     * kill or restart.
     */
    final String template;

    StepOutcome(int step, String request, String node, int status, List<String> redirects, Path body,
            String failure, String template) {
        this.step = step;
        this.request = request;
        this.node = node;
        this.status = status;
        this.redirects = redirects;
        this.body = body;
        this.failure = failure;
        this.template = template;
    }

    /** {@code GET /count on node1: HTTP 200}, with the redirects followed and what was unexpected. */
    @Override
    public String toString() {
        if (template.isEmpty()) {
            return request + (failure == null ? "" : " (" + failure + ")"); // a kill or restart step
        }
        StringBuilder text = new StringBuilder(request).append(" on ").append(node);
        if (status > 0) {
            text.append(": HTTP ");
            for (String redirect : redirects) {
                text.append(redirect).append(", then ");
            }
            text.append(status);
        }
        if (failure != null) {
            text.append(" (unexpected: ").append(failure).append(')');
        }
        return text.toString();
    }
}
