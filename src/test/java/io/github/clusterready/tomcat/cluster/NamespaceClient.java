package io.github.clusterready.tomcat.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * An HTTP client that runs inside a {@link NetworkNamespace}, where the test's own JVM cannot reach, for many
 * requests in one process (a {@link NamespaceProbe} is a JVM per request). Reads one request per line from standard
 * input, {@code <url> <cookie header, or ->}, and answers each with one line: the status, the {@code Set-Cookie}
 * header (or {@code -}), and the body in Base64; a request that fails answers {@code 0 - <message in Base64>}.
 */
public final class NamespaceClient {
    private NamespaceClient() {
    }

    public static void main(String[] args) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        Base64.Encoder base64 = Base64.getEncoder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] request = line.split(" ", 2);
            try {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request[0]))
                        .timeout(Duration.ofSeconds(20));
                if (request.length > 1 && !request[1].equals("-")) {
                    builder.header("Cookie", request[1]);
                }
                HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                out.println(response.statusCode() + " " + response.headers().firstValue("Set-Cookie").orElse("-")
                        .replace(' ', '\u00a0') + " " + base64.encodeToString(response.body()));
            } catch (IOException | RuntimeException e) {
                out.println("0 - " + base64.encodeToString(e.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
