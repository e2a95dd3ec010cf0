package io.github.clusterready.tomcat.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One simulated user: a cookie jar (the JDK's {@link CookieManager}, which keeps the session cookie as a browser
 * does) and requests sent with {@link HttpURLConnection}, following redirects on the same node when asked. Bounded:
 * each response body is read up to {@link #MAX_BODY} bytes, each request has a connect and a read timeout, and at
 * most {@link #MAX_REDIRECTS} redirects are followed.
 */
public final class Browser {
    /** What HttpURLConnection can send: anything else (PATCH) it refuses. */
    static final String METHODS = "GET|POST|HEAD|OPTIONS|PUT|DELETE|TRACE";
    /** What one response may bring back before the rest is cut off. */
    static final int MAX_BODY = 1024 * 1024;
    static final int MAX_REDIRECTS = 10;
    private static final int CONNECT_MILLIS = 10_000;
    private static final int READ_MILLIS = 60_000;

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    /** What a request got, after the redirects it followed. */
    static final class Response {
        final int status;
        final byte[] body;
        final boolean truncated;
        /** The address of the last response. */
        final URI address;
        /** Each redirect followed: its status and where it led. */
        final List<String> redirects;

        Response(int status, byte[] body, boolean truncated, URI address, List<String> redirects) {
            this.status = status;
            this.body = body;
            this.truncated = truncated;
            this.address = address;
            this.redirects = redirects;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends one request to {@code address}; form parameters go in the query of a GET or HEAD and as the form body
     * otherwise. With {@code follow}, a redirect to the same node (scheme, host and port) is followed: 301, 302 and
     * 303 as a GET, 307 and 308 with the same method and body, as browsers do.
     */
    Response send(String method, URI address, Map<String, String> parameters, boolean follow) throws IOException {
        String form = form(parameters);
        boolean inBody = !form.isEmpty() && !method.equals("GET") && !method.equals("HEAD");
        URI target = inBody || form.isEmpty() ? address
                : URI.create(address + (address.getRawQuery() == null ? "?" : "&") + form);
        List<String> redirects = new ArrayList<>();
        String currentMethod = method;
        String body = inBody ? form : null;
        while (true) {
            HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
            try {
                int status = exchange(connection, currentMethod, target, body);
                String location = connection.getHeaderField("Location");
                URI next = status >= 300 && status < 400 && location != null ? resolve(target, location) : null;
                if (follow && next != null && sameNode(target, next) && redirects.size() < MAX_REDIRECTS) {
                    drain(connection, status);
                    redirects.add(status + " to " + next.getRawPath()
                            + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
                    if (status != 307 && status != 308) {
                        currentMethod = "GET";
                        body = null;
                    }
                    target = next;
                    continue;
                }
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                boolean truncated = read(connection, status, kept);
                return new Response(status, kept.toByteArray(), truncated, target, redirects);
            } finally {
                connection.disconnect();
            }
        }
    }

    private int exchange(HttpURLConnection connection, String method, URI target, String body) throws IOException {
        connection.setConnectTimeout(CONNECT_MILLIS);
        connection.setReadTimeout(READ_MILLIS);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod(method);
        for (Map.Entry<String, List<String>> header : cookies.get(target,
                Collections.<String, List<String>>emptyMap()).entrySet()) {
            for (String value : header.getValue()) {
                connection.addRequestProperty(header.getKey(), value);
            }
        }
        if (body != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = connection.getResponseCode();
        cookies.put(target, connection.getHeaderFields());
        return status;
    }

    private static URI resolve(URI from, String location) {
        try {
            return from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean sameNode(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost())) && a.getPort() == b.getPort();
    }

    private static void drain(HttpURLConnection connection, int status) throws IOException {
        read(connection, status, null);
    }

    /** Reads the body into {@code kept} (when not null) up to {@link #MAX_BODY}; true if more was left unread. */
    private static boolean read(HttpURLConnection connection, int status, ByteArrayOutputStream kept)
            throws IOException {
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return false;
        }
        try (InputStream stream = in) {
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = stream.read(buffer)) > 0;) {
                if (total + n > MAX_BODY) {
                    if (kept != null) {
                        kept.write(buffer, 0, (int) (MAX_BODY - total));
                    }
                    return true; // the rest is not read: disconnect() closes the connection
                }
                if (kept != null) {
                    kept.write(buffer, 0, n);
                }
                total += n;
            }
            return false;
        }
    }

    static String form(Map<String, String> parameters) throws IOException {
        StringBuilder form = new StringBuilder();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            form.append(form.length() == 0 ? "" : "&").append(URLEncoder.encode(parameter.getKey(), "UTF-8"))
                    .append('=').append(URLEncoder.encode(parameter.getValue() == null ? "" : parameter.getValue(),
                            "UTF-8"));
        }
        return form.toString();
    }
}
