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
 * cleanly, and {@code /budget}, which stores a value of a known size for the replication budget; the value the
 * {@code /refused} servlet stores goes through a library in {@code WEB-INF/lib}, which
 * swallows Tomcat's {@code IllegalArgumentException}, as frameworks do.
 */
final class ReplicationFixture {
    /** The characters of the {@code notes} the {@code /budget} servlet stores anew at each request. */
    static final int BUDGET_NOTES = 32 * 1024;

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
                .source("shop/Budget.java", servlet("Budget", "/budget",
                        "    Integer visits = (Integer) session.getAttribute(\"visits\");\n"
                        + "    session.setAttribute(\"visits\", visits == null ? 1 : visits + 1);\n"
                        + "    char[] notes = new char[" + BUDGET_NOTES + "];\n"
                        + "    Arrays.fill(notes, (char) ('a' + (visits == null ? 0 : visits % 26)));\n"
                        + "    session.setAttribute(\"notes\", new String(notes));\n"))
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
        survivalCases(webapp);
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
        entries.put("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.createDirectories(directory);
        return Webapp.zip(directory.resolve("shop.war"), entries);
    }

    /**
     * Values that serialize but arrive different, values that are shared but immutable, and a value too deep for a
     * thread's stack: {@code /transient} keeps a bean whose transient {@code context} the framework sets per request
     * and reads on the next one (HTTP 500 on the other node), next to a transient logger and an empty transient
     * cache (no loss); {@code /superclass} an offer whose price lives in a non-Serializable superclass;
     * {@code /draft} a value whose {@code writeObject} leaves out a field; {@code /immutable} one {@code Locale} and
     * one provably immutable {@code Money} each under two names; {@code /deep} a chain of 200,000 links, and on the
     * session's next request a value that does not serialize.
     */
    private static void survivalCases(Webapp webapp) {
        webapp
                .source("shop/RequestContext.java", "package shop;\npublic class RequestContext {\n"
                        + "  final String path;\n  RequestContext(String path) { this.path = path; }\n}\n")
                .source("shop/AbstractBean.java", "package shop;\n"
                        + "public abstract class AbstractBean implements java.io.Serializable {\n"
                        + "  transient RequestContext context;\n"
                        + "  transient java.util.logging.Logger log = java.util.logging.Logger.getLogger(\"shop\");\n"
                        + "  transient Object cache;\n}\n")
                .source("shop/CheckoutBean.java", "package shop;\npublic class CheckoutBean extends AbstractBean {\n"
                        + "  int step;\n}\n")
                .source("shop/Transient.java", servlet("Transient", "/transient",
                        "    CheckoutBean bean = (CheckoutBean) session.getAttribute(\"checkout\");\n"
                        + "    if (bean == null) bean = new CheckoutBean();\n"
                        + "    else response.getWriter().print(\"previous \" + bean.context.path + \" \");\n"
                        + "    bean.context = new RequestContext(request.getRequestURI());\n"
                        + "    bean.step++;\n"
                        + "    session.setAttribute(\"checkout\", bean);\n"))
                .source("shop/Priced.java", "package shop;\npublic class Priced {\n"
                        + "  int price;\n  String currency;\n  public Priced() {}\n}\n")
                .source("shop/Offer.java", "package shop;\n"
                        + "public class Offer extends Priced implements java.io.Serializable {\n  String name;\n}\n")
                .source("shop/Superclass.java", servlet("Superclass", "/superclass",
                        "    if (session.getAttribute(\"offer\") == null) { Offer offer = new Offer();\n"
                        + "      offer.name = \"lamp\"; offer.price = 42; offer.currency = \"EUR\";\n"
                        + "      session.setAttribute(\"offer\", offer); }\n"
                        + "    response.getWriter().print(\"price \" + ((Offer) session.getAttribute(\"offer\")).price"
                        + " + \" \");\n"))
                .source("shop/Draft.java", "package shop;\npublic class Draft implements java.io.Serializable {\n"
                        + "  String title = \"Notes\";\n  String body = \"kept on this node\";\n"
                        + "  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {\n"
                        + "    out.writeObject(title);\n  }\n"
                        + "  private void readObject(java.io.ObjectInputStream in)\n"
                        + "      throws java.io.IOException, ClassNotFoundException {\n"
                        + "    title = (String) in.readObject();\n  }\n}\n")
                .source("shop/Drafts.java", servlet("Drafts", "/draft",
                        "    if (session.getAttribute(\"draft\") == null)\n"
                        + "      session.setAttribute(\"draft\", new Draft());\n"))
                .source("shop/Money.java", "package shop;\npublic final class Money implements java.io.Serializable {\n"
                        + "  private final long cents;\n  private final String currency;\n"
                        + "  public Money(long cents, String currency) {\n"
                        + "    this.cents = cents; this.currency = currency; }\n"
                        + "}\n")
                .source("shop/Immutable.java", servlet("Immutable", "/immutable",
                        "    if (session.getAttribute(\"locale\") == null) { Locale locale = Locale.FRANCE;\n"
                        + "      session.setAttribute(\"locale\", locale);\n"
                        + "      session.setAttribute(\"language\", locale);\n"
                        + "      Money money = new Money(4200, \"EUR\");\n"
                        + "      session.setAttribute(\"total\", money); session.setAttribute(\"shown\", money); }\n"))
                .source("shop/Link.java", "package shop;\npublic class Link implements java.io.Serializable {\n"
                        + "  Link next;\n}\n")
                .source("shop/Deep.java", servlet("Deep", "/deep",
                        "    Link chain = (Link) session.getAttribute(\"chain\");\n"
                        + "    if (chain == null && session.isNew()) { chain = new Link();\n"
                        + "      for (int i = 1; i < 200_000; i++) {\n"
                        + "        Link link = new Link(); link.next = chain; chain = link; }\n"
                        + "      session.setAttribute(\"chain\", chain); }\n"
                        + "    else { response.getWriter().print(\"chain \" + (chain != null));\n"
                        + "      session.setAttribute(\"order\", new Cart()); }\n"));
    }
}
