package io.github.clusterready.tomcat.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP GET, run inside a {@link NetworkNamespace} where the test's own client cannot reach: prints the status,
 * the {@code Set-Cookie} header (empty line when none), then the body.
 * Arguments: the URL, and optionally a {@code Cookie} header.
 */
public final class NamespaceProbe {
    private NamespaceProbe() {
    }

    public static void main(String[] args) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(args[0]).openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        if (args.length > 1) {
            connection.setRequestProperty("Cookie", args[1]);
        }
        int status = connection.getResponseCode();
        String cookie = connection.getHeaderField("Set-Cookie");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.transferTo(body);
            }
        }
        System.out.println(status);
        System.out.println(cookie == null ? "" : cookie);
        System.out.print(body.toString(StandardCharsets.UTF_8));
    }
}
