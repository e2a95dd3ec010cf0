package io.github.clusterready.tomcat.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A list of requests replayed as one browser would, with one cookie jar, alternating between the nodes: the first
 * request goes to node 1, the second to node 2, and so on. Every request that changes the session on one node is
 * thus followed by one that reads it on another.
 */
public final class Scenario {
    private static final int TIMEOUT_MILLIS = 30_000;
    /** What one response may bring back before the rest is ignored. */
    private static final int MAX_BODY = 1024 * 1024;

    /** One request: method, path under the webapp, form parameters. */
    public static final class Step {
        final String method;
        final String path;
        final Map<String, String> parameters;

        public Step(String method, String path, Map<String, String> parameters) {
            this.method = method == null || method.trim().isEmpty() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
            this.path = path == null ? "" : path.trim();
            this.parameters = parameters == null ? new LinkedHashMap<>() : new LinkedHashMap<>(parameters);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What a step got: the node, the status. */
    public static final class Outcome {
        public final String node;
        public final String request;
        public final int status;

        Outcome(String node, String request, int status) {
            this.node = node;
            this.request = request;
            this.status = status;
        }

        @Override
        public String toString() {
            return request + " on " + node + ": HTTP " + status;
        }
    }

    private Scenario() {
    }

    /** Checks a step as the POM gives it: a method HTTP knows, a path under the webapp. */
    public static void check(List<Step> steps, String parameter) throws RuntimeClusterException {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (!step.method.matches("GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH")) {
                throw new RuntimeClusterException(parameter + " request " + (i + 1) + ": \"" + step.method
                        + "\" is not an HTTP method; use GET or POST");
            }
            if (step.path.contains("://") || step.path.startsWith("//")) {
                throw new RuntimeClusterException(parameter + " request " + (i + 1) + ": \"" + step.path
                        + "\" names a server, not a path under the webapp; write it as /cart/add?item=1");
            }
            if (step.path.matches(".*\\s.*")) {
                throw new RuntimeClusterException(parameter + " request " + (i + 1) + ": \"" + step.path
                        + "\" holds white space, which a URL cannot: write a space as %20 ("
                        + step.path.replace(" ", "%20") + ")");
            }
        }
    }

    /** Sends the steps, alternating between the nodes; returns each step's status. */
    public static List<Outcome> replay(List<Step> steps, List<ClusterNode> nodes) throws IOException {
        Map<String, String> cookies = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            ClusterNode node = nodes.get(i % nodes.size());
            outcomes.add(new Outcome(node.name(), step.toString(), send(node, step, cookies)));
        }
        return outcomes;
    }

    private static int send(ClusterNode node, Step step, Map<String, String> cookies) throws IOException {
        String form = form(step.parameters);
        boolean body = !form.isEmpty() && !step.method.equals("GET") && !step.method.equals("HEAD");
        String path = step.path.startsWith("/") ? step.path.substring(1) : step.path;
        String query = !form.isEmpty() && !body ? (path.contains("?") ? "&" : "?") + form : "";
        HttpURLConnection connection = (HttpURLConnection) new URL(node.url() + path + query).openConnection();
        try {
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod(step.method);
            if (!cookies.isEmpty()) {
                StringBuilder header = new StringBuilder();
                for (Map.Entry<String, String> cookie : cookies.entrySet()) {
                    header.append(header.length() == 0 ? "" : "; ").append(cookie.getKey()).append('=')
                            .append(cookie.getValue());
                }
                connection.setRequestProperty("Cookie", header.toString());
            }
            if (body) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(form.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            List<String> setCookies = connection.getHeaderFields().get("Set-Cookie");
            if (setCookies != null) {
                for (String setCookie : setCookies) {
                    String pair = setCookie.split(";", 2)[0];
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                    }
                }
            }
            drain(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            return status;
        } finally {
            connection.disconnect();
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in == null) {
            return;
        }
        try (InputStream stream = in) {
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = stream.read(buffer)) > 0 && total < MAX_BODY;) {
                total += n;
            }
        }
    }

    private static String form(Map<String, String> parameters) throws IOException {
        StringBuilder form = new StringBuilder();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            form.append(form.length() == 0 ? "" : "&").append(URLEncoder.encode(parameter.getKey(), "UTF-8"))
                    .append('=').append(URLEncoder.encode(parameter.getValue() == null ? "" : parameter.getValue(),
                            "UTF-8"));
        }
        return form.toString();
    }
}
