package io.github.clusterready.tomcat.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.war.WarArchive;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploys a WAR on a real (embedded) Tomcat with {@code <distributable/>} and shows that the {@code setAttribute}
 * call the analyzer reports really throws there, at the line it reports, while the call it accepts works.
 */
class TomcatRejectsWhatWeReportTest {
    static final String SERVLET = """
            package shop;

            import jakarta.servlet.http.HttpServlet;
            import jakarta.servlet.http.HttpServletRequest;
            import jakarta.servlet.http.HttpServletResponse;
            import jakarta.servlet.http.HttpSession;
            import java.io.IOException;

            public class StoreServlet extends HttpServlet {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    HttpSession session = request.getSession();
                    if ("name".equals(request.getParameter("store"))) {
                        session.setAttribute("name", "tea");
                    } else {
                        session.setAttribute("worker", new Worker()); // WORKER
                    }
                    response.getWriter().print("stored");
                }
            }

            class Worker {
            }
            """;
    static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <distributable/>
              <servlet>
                <servlet-name>store</servlet-name>
                <servlet-class>shop.StoreServlet</servlet-class>
              </servlet>
              <servlet-mapping>
                <servlet-name>store</servlet-name>
                <url-pattern>/store</url-pattern>
              </servlet-mapping>
            </web-app>
            """;

    @TempDir
    Path dir;

    @Test
    void theReportedCallThrowsInADistributableTomcat() throws Exception {
        Path war = new Webapp(dir).source("shop/StoreServlet.java", SERVLET).war("shop.war");
        // The same classes, with a web.xml that maps the servlet.
        Path mapped = Webapp.zip(dir.resolve("mapped.war"), withWebXml(war));
        String reported;
        try (WarArchive archive = WarArchive.open(mapped)) {
            List<SessionRisk> errors = new SessionAttributeAnalyzer(Webapp.servletApiJars(), false)
                    .analyze(archive, "shop.war").errors();
            assertEquals(1, errors.size(), errors.toString());
            reported = errors.get(0).location();
        }
        int line = SessionAttributeAnalyzerTest.line(SERVLET, "// WORKER");
        assertEquals("shop/StoreServlet.java:" + line, reported);

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat")).toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.setAddDefaultWebXmlToWebapp(false); // no JSP servlet: Jasper is not on the test classpath
        tomcat.getHost().setAppBase(Files.createDirectories(dir.resolve("webapps")).toString());
        tomcat.start();
        try {
            Context context = tomcat.addWebapp("/shop", mapped.toString());
            assertEquals(LifecycleState.STARTED, context.getState());
            assertTrue(context.getDistributable(), "the fixture must be deployed distributable");
            String base = "http://127.0.0.1:" + connector.getLocalPort() + "/shop/store";

            Response accepted = get(base + "?store=name");
            assertEquals(200, accepted.status, accepted.body);
            assertEquals("stored", accepted.body);

            Response rejected = get(base);
            assertEquals(500, rejected.status, rejected.body);
            assertTrue(rejected.body.contains("java.lang.IllegalArgumentException: setAttribute: Non-serializable "
                    + "attribute [worker]"), rejected.body);
            // Tomcat's stack trace points at the very line the analyzer reported.
            assertTrue(rejected.body.contains("shop.StoreServlet.doGet(StoreServlet.java:" + line + ")"),
                    rejected.body);
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static java.util.Map<String, byte[]> withWebXml(Path war) throws IOException {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(war.toFile())) {
            for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        entries.put("WEB-INF/web.xml", WEB_XML.getBytes(UTF_8));
        return entries;
    }

    private record Response(int status, String body) {
    }

    private static Response get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            int status = connection.getResponseCode();
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            return new Response(status, in == null ? "" : new String(in.readAllBytes(), UTF_8));
        } finally {
            connection.disconnect();
        }
    }
}
