package io.github.clusterready.tomcat.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A STAND-IN for the Kubernetes API server, which cannot run here: it serves only what
 * {@code KubernetesMembershipProvider} asks for, {@code GET /api/v1/namespaces/<namespace>/pods?labelSelector=...},
 * over HTTPS with the test's self-signed certificate (the pod trusts it as its service account's {@code ca.crt}),
 * answering with the PodList JSON the test keeps in a file (read again on every request, so that
 * the test can add and remove pods). Like the real API with RBAC, it answers 403 with a {@code Status} object
 * unless the request carries {@code Authorization: Bearer <the service account token>}, and 404 for any other path.
 * Prints one line per request to standard output: {@code <status> <path and query>}.
 *
 * <p>Arguments: the address and port to listen on, the namespace, the token file, the PodList file, the PKCS#12
 * key store with the server's key and certificate, its password.
 */
public final class KubernetesApiStandIn {
    private KubernetesApiStandIn() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        String namespace = args[2];
        String token = new String(Files.readAllBytes(Paths.get(args[3])), StandardCharsets.US_ASCII).trim();
        Path pods = Paths.get(args[4]);
        PrintStream log = new PrintStream(System.out, true, "UTF-8");
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(args[0]),
                Integer.parseInt(args[1])), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls(Paths.get(args[5]), args[6].toCharArray())));
        server.createContext("/", exchange -> {
            try {
                String path = exchange.getRequestURI().getPath();
                String query = exchange.getRequestURI().getRawQuery();
                int status;
                byte[] body;
                if (!exchange.getRequestMethod().equals("GET")
                        || !path.equals("/api/v1/namespaces/" + namespace + "/pods")) {
                    status = 404;
                    body = status("the stand-in serves only GET /api/v1/namespaces/" + namespace + "/pods", 404);
                } else if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    status = 403;
                    body = status("pods is forbidden: User \"system:anonymous\" cannot list resource \"pods\" in API "
                            + "group \"\" in the namespace \"" + namespace + "\"", 403);
                } else {
                    status = 200;
                    body = Files.readAllBytes(pods);
                }
                log.println(status + " " + path + (query == null ? "" : "?" + query));
                respond(exchange, status, body);
            } finally {
                exchange.close();
            }
        });
        server.start();
        log.println("listening on " + args[0] + ":" + args[1]);
    }

    private static SSLContext tls(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static byte[] status(String message, int code) {
        return ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
                + message.replace("\"", "\\\"") + "\",\"code\":" + code + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
