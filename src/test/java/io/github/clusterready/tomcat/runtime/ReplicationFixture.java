package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.session.Webapp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A jakarta webapp with one servlet per way a session attribute fails to replicate, and one that replicates
 * cleanly; the value the {@code /refused} servlet stores goes through a library in {@code WEB-INF/lib}, which
 * swallows Tomcat's {@code IllegalArgumentException}, as frameworks do.
 */
final class ReplicationFixture {
    private ReplicationFixture() {
    }

    private static String servlet(String name, String path, String body) {
        return "package shop;\n"
                + "import jakarta.servlet.annotation.WebServlet;\n"
                + "import jakarta.servlet.http.*;\n"
                + "import java.io.*;\n"
                + "import java.util.*;\n"
                + "@WebServlet(\"" + path + "\")\n"
                + "public class " + name + " extends HttpServlet {\n"
                + "  @Override protected void doGet(HttpServletRequest request, HttpServletResponse response)\n"
                + "      throws IOException {\n"
                + "    HttpSession session = request.getSession();\n"
                + body
                + "    response.getWriter().print(\"ok \" + session.getAttributeNames().hasMoreElements());\n"
                + "  }\n"
                + "}\n";
    }

    /**
     * The webapp for a Servlet API: {@code jakarta} (Tomcat 10.1 and later) or {@code javax} (8.5 and 9.0), the
     * same sources but for the package.
     */
    static Path war(Path directory, String api) throws IOException {
        Webapp webapp = new Webapp(directory) {
            @Override
            public Webapp source(String path, String text) {
                return super.source(path, text.replace("jakarta.servlet", api + ".servlet"));
            }
        };
        webapp
                .source("shop/Clean.java", servlet("Clean", "/clean",
                        "    Integer count = (Integer) session.getAttribute(\"counter\");\n"
                        + "    session.setAttribute(\"counter\", count == null ? 1 : count + 1);\n"))
                .source("shop/Worker.java", "package shop;\npublic class Worker {}\n")
                .source("shop/Cart.java", "package shop;\npublic class Cart implements java.io.Serializable {\n"
                        + "  java.util.List<String> items = new java.util.ArrayList<>();\n"
                        + "  Worker worker = new Worker();\n}\n")
                .source("shop/NotSerializable.java", servlet("NotSerializable", "/not-serializable",
                        "    if (session.getAttribute(\"cart\") == null) session.setAttribute(\"cart\", new Cart());\n"))
                .source("shop/Refused.java", servlet("Refused", "/refused",
                        "    framework.Flash.keep(session, \"user\", new framework.UserContext());\n"))
                .source("framework/UserContext.java", "package framework;\npublic class UserContext {}\n")
                .source("framework/Flash.java", "package framework;\n"
                        + "public class Flash {\n"
                        + "  public static void keep(jakarta.servlet.http.HttpSession session, String name, Object value) {\n"
                        + "    try { session.setAttribute(name, value); } catch (IllegalArgumentException swallowed) { }\n"
                        + "  }\n}\n")
                .source("shop/InPlace.java", servlet("InPlace", "/in-place",
                        "    @SuppressWarnings(\"unchecked\") List<String> basket = (List<String>) session.getAttribute(\"basket\");\n"
                        + "    if (basket == null) session.setAttribute(\"basket\", new ArrayList<>(List.of(\"first\")));\n"
                        + "    else basket.add(\"more\");\n"))
                .source("shop/User.java", "package shop;\npublic class User implements java.io.Serializable {\n"
                        + "  boolean signedIn;\n}\n")
                .source("shop/TwoNames.java", servlet("TwoNames", "/two-names",
                        "    if (session.getAttribute(\"account\") == null) { User user = new User();\n"
                        + "      session.setAttribute(\"account\", user); session.setAttribute(\"principal\", user); }\n"))
                .source("shop/LateChange.java", servlet("LateChange", "/late-change",
                        "    if (session.getAttribute(\"late\") == null) {\n"
                        + "      List<String> late = new ArrayList<>(List.of(\"first\"));\n"
                        + "      session.setAttribute(\"late\", late);\n"
                        + "      Thread later = new Thread(() -> { try { Thread.sleep(300); } catch (InterruptedException e) { }\n"
                        + "        synchronized (late) { late.add(\"after the response\"); } });\n"
                        + "      later.setDaemon(true); later.start(); }\n"))
                .source("shop/Base.java", "package shop;\npublic class Base {\n  public Base(int size) {}\n}\n")
                .source("shop/Legacy.java", "package shop;\npublic class Legacy extends Base implements "
                        + "java.io.Serializable {\n  public Legacy() { super(1); }\n}\n")
                .source("shop/NoConstructor.java", servlet("NoConstructor", "/no-constructor",
                        "    session.setAttribute(\"legacy\", new Legacy());\n"))
                .source("shop/Generated.java", servlet("Generated", "/generated",
                        "    try (InputStream in = getServletContext().getResourceAsStream(\"/WEB-INF/hidden/Ghost.bin\")) {\n"
                        + "      byte[] bytes = in.readAllBytes();\n"
                        + "      ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {\n"
                        + "        { defineClass(\"shop.hidden.Ghost\", bytes, 0, bytes.length); }\n"
                        + "      };\n"
                        + "      session.setAttribute(\"ghost\", Class.forName(\"shop.hidden.Ghost\", true, loader)"
                        + ".getDeclaredConstructor().newInstance());\n"
                        + "    } catch (ReflectiveOperationException e) { throw new IOException(e); }\n"))
                .source("shop/hidden/Ghost.java", "package shop.hidden;\n"
                        + "public class Ghost implements java.io.Serializable {}\n");
        Path classes = webapp.compile();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String webApp = api.equals("javax")
                ? "<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"3.1\">\n"
                : "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n";
        entries.put("WEB-INF/web.xml", (webApp + "  <distributable/>\n</web-app>\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> entry : Webapp.tree(classes, "").entrySet()) {
            String name = entry.getKey();
            if (name.startsWith("shop/hidden/")) {
                // not a class of the webapp: only the servlet's own class loader defines it, at run time
                entries.put("WEB-INF/hidden/Ghost.bin", entry.getValue());
            } else if (!name.startsWith("framework/")) {
                entries.put("WEB-INF/classes/" + name, entry.getValue());
            }
        }
        Map<String, byte[]> library = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : Webapp.tree(classes.resolve("framework"), "framework/").entrySet()) {
            library.put(entry.getKey(), entry.getValue());
        }
        entries.put("WEB-INF/lib/framework.jar", Webapp.jar(library));
        Files.createDirectories(directory);
        return Webapp.zip(directory.resolve("shop.war"), entries);
    }
}
