package io.github.clusterready.tomcat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.war.WarArchive;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analyses WARs built from real servlets, compiled in the test against the Servlet APIs. */
class SessionAttributeAnalyzerTest {
    @TempDir
    Path dir;

    static final String STORE_SERVLET = """
            package shop;

            import jakarta.servlet.http.HttpServlet;
            import jakarta.servlet.http.HttpServletRequest;
            import jakarta.servlet.http.HttpServletResponse;
            import jakarta.servlet.http.HttpSession;

            public class StoreServlet extends HttpServlet {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                    HttpSession session = request.getSession();
                    session.setAttribute("name", "plain text");
                    session.setAttribute("worker", new Worker()); // WORKER
                    String key = request.getParameter("key");
                    session.setAttribute(key, new Worker()); // ANY NAME
                    session.setAttribute("gone", null);
                }
            }

            class Worker {
            }
            """;

    @Test
    void aNonSerializableObjectStoredInTheSessionIsAnErrorAtItsLine() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/StoreServlet.java", STORE_SERVLET));

        List<SessionRisk> errors = analysis.errors();
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("shop/StoreServlet.java:" + line(STORE_SERVLET, "// WORKER"), errors.get(0).location());
        assertEquals("StoreServlet.doGet stores a new shop.Worker as \"worker\" with HttpSession.setAttribute; "
                + "Worker is not Serializable, so Tomcat throws IllegalArgumentException (\"Non-serializable "
                + "attribute\") there once the webapp is distributable: make shop.Worker implement "
                + "java.io.Serializable, or store an id instead of the object", errors.get(0).message());
        assertEquals("shop/StoreServlet.java:" + line(STORE_SERVLET, "// ANY NAME"), errors.get(1).location());
        assertTrue(errors.get(1).message().startsWith("StoreServlet.doGet stores a new shop.Worker with "),
                errors.get(1).message());
        assertEquals(List.of(), analysis.unknowns());
        assertEquals(4, analysis.callCount());
        assertEquals(List.of("java.lang.String"), List.copyOf(analysis.valueClasses()));
        assertEquals(List.of(), analysis.unlistedValues());
    }

    static final String TYPES = """
            package shop;

            import jakarta.servlet.http.HttpSession;
            import java.util.Optional;

            public class Types {
                void store(HttpSession s, Object object, Runnable task, Handle handle, Base base, Plain plain,
                        Optional<String> optional, Thread thread, Shape shape, java.util.ArrayList<String> list) {
                    s.setAttribute("object", object);
                    s.setAttribute("interface", task);
                    s.setAttribute("final", handle); // FINAL
                    s.setAttribute("base", base);
                    s.setAttribute("plain", plain); // PLAIN
                    s.setAttribute("optional", optional); // OPTIONAL
                    s.setAttribute("thread", thread); // THREAD
                    s.setAttribute("abstract", shape);
                    s.setAttribute("list", list);
                    s.setAttribute("lookedUp", lookUp()); // LOOKED UP
                }

                Object lookUp() {
                    return new Plain();
                }

                void branches(HttpSession s, boolean flag) {
                    Plain maybe = flag ? new Plain() : null;
                    s.setAttribute("maybe", maybe); // MAYBE
                    Object either = flag ? new Plain() : new Base();
                    s.setAttribute("either", either); // EITHER
                    Plain[] many = { new Plain() };
                    s.setAttribute("many", many); // MANY
                }
            }

            final class Handle { }
            class Base { }
            class Sub extends Base implements java.io.Serializable { }
            class Plain { }
            abstract class Shape { }
            """;

    @Test
    void theStaticTypeDecides() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Types.java", TYPES));

        Map<String, String> errors = byLocation(analysis.errors());
        assertEquals(List.of("FINAL", "PLAIN", "OPTIONAL", "THREAD", "MAYBE", "MANY"),
                errors.keySet().stream().map(location -> marker(TYPES, location)).collect(Collectors.toList()));
        assertTrue(errors.get(at(TYPES, "// FINAL")).contains("a shop.Handle as \"final\" with HttpSession."
                + "setAttribute; Handle is not Serializable, so Tomcat throws"), errors.toString());
        assertTrue(errors.get(at(TYPES, "// PLAIN")).contains("Plain is not Serializable, and neither is any "
                + "subclass of Plain in the WAR"), errors.toString());
        assertTrue(errors.get(at(TYPES, "// OPTIONAL")).contains("store an id or a Serializable copy of what you "
                + "need instead of the java.util.Optional"), errors.toString());
        assertTrue(errors.get(at(TYPES, "// MAYBE")).contains("a new shop.Plain as \"maybe\""), errors.toString());
        assertTrue(errors.get(at(TYPES, "// MANY")).contains("an array of shop.Plain as \"many\""),
                errors.toString());

        Map<String, String> unknowns = byLocation(analysis.unknowns());
        assertEquals(6, unknowns.size(), unknowns.toString());
        assertTrue(unknowns.values().stream().anyMatch(m -> m.contains("a value of type java.lang.Object as "
                + "\"object\" with HttpSession.setAttribute; Object is Object; the object's class decides")),
                unknowns.toString());
        assertTrue(unknowns.values().stream().anyMatch(m -> m.contains("\"interface\"")
                && m.contains("Runnable is an interface")), unknowns.toString());
        assertTrue(unknowns.values().stream().anyMatch(m -> m.contains("\"base\"")
                && m.contains("its subclass Sub is")), unknowns.toString());
        assertTrue(unknowns.values().stream().anyMatch(m -> m.contains("\"abstract\"")
                && m.contains("Shape is abstract")), unknowns.toString());
        assertTrue(unknowns.containsKey(at(TYPES, "// LOOKED UP")), unknowns.toString());
        assertTrue(unknowns.containsKey(at(TYPES, "// EITHER")), unknowns.toString());
        assertEquals(List.of("java.util.ArrayList"), List.copyOf(analysis.valueClasses()));
        // every value whose class is unknown is one the allow-list cannot name
        assertEquals(unknowns.keySet(), analysis.unlistedValues().stream()
                .map(value -> value.substring(0, value.indexOf(": "))).collect(Collectors.toSet()));
    }

    static final String CART = """
            package shop;

            import jakarta.servlet.http.HttpServlet;
            import jakarta.servlet.http.HttpServletRequest;
            import jakarta.servlet.http.HttpServletResponse;

            public class CartServlet extends HttpServlet {
                @Override
                protected void doPost(HttpServletRequest request, HttpServletResponse response) {
                    Cart cart = new Cart();
                    cart.add(new CartItem(new Product("tea", new Supplier("Tea Ltd")), 2));
                    request.getSession().setAttribute("cart", cart); // STORE
                }
            }
            """;
    static final String MODEL = """
            package shop;

            import java.io.Serializable;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;

            class Cart implements Serializable {
                private final List<CartItem> items = new ArrayList<>();
                private Map<String, List<Coupon>> coupons;
                private transient Supplier lastSupplier;
                private static Supplier preferred;
                void add(CartItem item) { items.add(item); }
            }

            class CartItem implements Serializable {
                final Product product;
                final int quantity;
                CartItem(Product product, int quantity) { this.product = product; this.quantity = quantity; }
            }

            class Product implements Serializable {
                final String name;
                final Supplier supplier;
                Product(String name, Supplier supplier) { this.name = name; this.supplier = supplier; }
            }

            class Supplier {
                final String name;
                Supplier(String name) { this.name = name; }
            }

            final class Coupon implements Serializable {
                Thread issuer;
            }
            """;

    @Test
    void aFieldThatIsNotSerializableIsReportedWithItsPath() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/CartServlet.java", CART)
                .source("shop/Model.java", MODEL));

        List<SessionRisk> errors = analysis.errors();
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("shop/Model.java", errors.get(0).location());
        assertEquals("Cart.coupons -> Coupon.issuer : Thread is not Serializable, and neither is any subclass of "
                + "Thread in the WAR, so replicating the session attribute \"cart\" (stored at shop/CartServlet.java:"
                + line(CART, "// STORE") + ") fails with NotSerializableException: mark Coupon.issuer transient, "
                + "store an id or a Serializable copy of what you need instead of the java.lang.Thread (a class of "
                + "the JDK or a library, which you cannot make Serializable)", errors.get(0).message());
        assertTrue(errors.get(1).message().startsWith("Cart.items -> CartItem.product -> Product.supplier : "
                + "Supplier is not Serializable, and neither is any subclass of Supplier in the WAR, so replicating "
                + "the session attribute \"cart\" (stored at shop/CartServlet.java:" + line(CART, "// STORE")
                + ") fails with NotSerializableException: mark Product.supplier transient, make shop.Supplier "
                + "implement java.io.Serializable, or store an id instead of the object"), errors.get(1).message());
        // List and Map are interfaces: unknown, but their declared elements are followed; Cart.items is only ever
        // assigned a new ArrayList, which is Serializable.
        assertEquals(2, analysis.unknowns().size(), analysis.unknowns().toString());
        // the attribute's value is a Cart; what its fields hold is never checked against the allow-list
        assertEquals(List.of("shop.Cart"), List.copyOf(analysis.valueClasses()));
    }

    @Test
    void storingThroughAnObjectTypedVariableIsUnknownNotAnError() throws Exception {
        String source = """
                package shop;

                import jakarta.servlet.http.HttpServletRequest;

                public class Lookup {
                    private Object cached;

                    void remember(HttpServletRequest request) {
                        Object value = cached;
                        request.getSession().setAttribute("cached", value); // OBJECT
                    }
                }
                """;
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Lookup.java", source));

        assertEquals(List.of(), analysis.errors());
        assertEquals(1, analysis.unknowns().size());
        assertEquals("shop/Lookup.java:" + line(source, "// OBJECT"), analysis.unknowns().get(0).location());
    }

    @Test
    void javaxSessionsAndPutValueAreChecked() throws Exception {
        String source = """
                package legacy;

                import javax.servlet.http.HttpSession;

                public class Legacy {
                    void store(HttpSession session) {
                        session.putValue("socket", new java.net.Socket()); // PUT
                        session.setAttribute("date", new java.util.Date());
                    }
                }
                """;
        SessionAnalysis analysis = analyze(new Webapp(dir).source("legacy/Legacy.java", source));

        assertEquals(1, analysis.errors().size(), analysis.errors().toString());
        assertEquals("legacy/Legacy.java:" + line(source, "// PUT"), analysis.errors().get(0).location());
        assertTrue(analysis.errors().get(0).message().contains("a new java.net.Socket as \"socket\" with "
                + "HttpSession.putValue"), analysis.errors().get(0).message());
        assertEquals(List.of("java.util.Date"), List.copyOf(analysis.valueClasses()));
    }

    @Test
    void otherSetAttributeMethodsAreNotSessions() throws Exception {
        String source = """
                package shop;

                import jakarta.servlet.http.HttpServletRequest;

                public class Requests {
                    void store(HttpServletRequest request) {
                        request.setAttribute("worker", new Thread());
                        request.getServletContext().setAttribute("worker", new Thread());
                    }
                }
                """;
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Requests.java", source));

        assertEquals(List.of(), analysis.risks());
        assertEquals(0, analysis.callCount());
    }

    @Test
    void librariesAreAnalysedOnlyWhenAskedFor() throws Exception {
        String library = """
                package lib;

                public class Tracker {
                    public void track(jakarta.servlet.http.HttpSession session) {
                        session.setAttribute("tracker", new Thread()); // LIB
                    }
                }
                """;
        Path libClasses = new Webapp(dir.resolve("lib")).source("lib/Tracker.java", library).compile();
        byte[] jar = Webapp.jar(Webapp.tree(libClasses, ""));
        Webapp app = new Webapp(dir.resolve("app")).source("shop/Plain.java", "package shop; class Plain { }")
                .entry("WEB-INF/lib/tracker-1.0.jar", jar);
        java.nio.file.Files.createDirectories(dir.resolve("app"));
        Path war = app.war("app.war");

        try (WarArchive archive = WarArchive.open(war)) {
            assertEquals(List.of(), new SessionAttributeAnalyzer(Webapp.servletApiJars(), false)
                    .analyze(archive, "app.war").risks());
            List<SessionRisk> withLibraries = new SessionAttributeAnalyzer(Webapp.servletApiJars(), true)
                    .analyze(archive, "app.war").errors();
            assertEquals(1, withLibraries.size());
            assertEquals("lib/Tracker.java:" + line(library, "// LIB"), withLibraries.get(0).location());
        }
    }

    static final String STORE = """
            package shop;

            import jakarta.servlet.http.HttpSession;

            public class Store {
                void store(HttpSession s, Account account, Mode mode, java.io.Serializable any, int[] counts,
                        Item[] items, Item[][] grid) {
                    s.setAttribute("account", account);
                    s.setAttribute("mode", mode);
                    s.setAttribute("any", any); // ANY
                    s.setAttribute("counts", counts);
                    s.setAttribute("items", items);
                    s.setAttribute("grid", grid);
                    s.setAttribute("id", 42);
                }
            }

            class Account implements java.io.Serializable { }
            class Premium extends Account { }
            abstract class Draft extends Account { }
            class Trial extends Draft { }
            enum Mode { PLAIN, FANCY { @Override public String toString() { return "fancy"; } } }
            final class Item implements java.io.Serializable { }
            """;

    @Test
    void theValueClassesAreEveryClassAStoredValueCanBeAtRunTime() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Store.java", STORE));

        assertEquals(List.of(), analysis.errors());
        // as Class.getName() spells them, which Tomcat's sessionAttributeValueClassNameFilter matches: a static
        // type's concrete Serializable subclasses in the WAR (at any depth; Draft is abstract), an enum constant's
        // own class, arrays, and the Integer of autoboxing
        assertEquals(List.of("[I", "[Lshop.Item;", "[[Lshop.Item;", "java.lang.Integer", "shop.Account",
                "shop.Mode", "shop.Mode$1", "shop.Premium", "shop.Trial"), List.copyOf(analysis.valueClasses()));
        assertEquals(List.of("shop/Store.java:" + line(STORE, "// ANY") + ": Store.store stores a value of type "
                + "java.io.Serializable as \"any\", whose class may be one outside the WAR"),
                analysis.unlistedValues());
    }

    static final String GENERICS = """
            package shop;

            import jakarta.servlet.http.HttpSession;
            import java.util.ArrayList;
            import java.util.Deque;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;

            public class Carts {
                private final Map<String, Cart> carts = new HashMap<>();
                private static final List<Worker> WORKERS = new ArrayList<>();
                private Map<String, ?> anything;

                void store(HttpSession s, List<? extends Cart> recent, Deque<Worker> queue,
                        Map<String, List<Cart>> byUser, String id) {
                    s.setAttribute("cart", carts.get(id));
                    s.setAttribute("recent", recent.get(0));
                    s.setAttribute("worker", WORKERS.get(0)); // WORKER
                    s.setAttribute("queued", queue.peek()); // QUEUED
                    s.setAttribute("carts", byUser.get(id)); // CARTS
                    s.setAttribute("any", anything.get(id)); // ANY
                    Map<String, Cart> local = byName();
                    s.setAttribute("named", local.get(id));
                    s.setAttribute("first", firstWorkers().get(0)); // FIRST
                }

                Map<String, Cart> byName() {
                    return carts;
                }

                static List<Worker> firstWorkers() {
                    return WORKERS;
                }
            }

            class Cart implements java.io.Serializable { }
            class Worker { }
            """;

    @Test
    void whatAGenericCollectionHoldsIsTheTypeOfWhatComesOutOfIt() throws Exception {
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Carts.java", GENERICS));

        // Map<String, Cart>.get is a Cart, List<? extends Cart>.get too, and a Worker from a List or Deque of them
        // is an error, where the erased type (Object) would only be unknown
        List<SessionRisk> errors = analysis.errors();
        // and so is what comes out of a method's generic result, kept in a local variable or not
        assertEquals(List.of("shop/Carts.java:" + line(GENERICS, "// WORKER"), "shop/Carts.java:"
                + line(GENERICS, "// QUEUED"), "shop/Carts.java:" + line(GENERICS, "// FIRST")),
                errors.stream().map(SessionRisk::location).collect(Collectors.toList()));
        assertTrue(errors.get(0).message().startsWith("Carts.store stores a shop.Worker as \"worker\" with "
                + "HttpSession.setAttribute; Worker is not Serializable"), errors.get(0).message());
        assertEquals(List.of("shop.Cart"), List.copyOf(analysis.valueClasses()));
        // a List of Carts is an interface; what "?" holds is not known
        assertEquals(List.of("shop/Carts.java:" + line(GENERICS, "// CARTS") + ": Carts.store stores a value of type "
                + "java.util.List as \"carts\"", "shop/Carts.java:" + line(GENERICS, "// ANY") + ": Carts.store "
                + "stores a value of type java.lang.Object as \"any\""), analysis.unlistedValues());
    }

    @Test
    void pagesAndLibrariesAreCounted() throws Exception {
        byte[] jar = Webapp.jar(Webapp.tree(new Webapp(dir.resolve("lib")).source("lib/Tool.java",
                "package lib; public class Tool { }").compile(), ""));
        Webapp app = new Webapp(dir.resolve("app")).source("shop/Plain.java", "package shop; class Plain { }")
                .entry("index.jsp", "<%= 1 %>".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .entry("WEB-INF/views/cart.jspx", "<x/>".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .entry("WEB-INF/lib/tool-1.0.jar", jar)
                .entry("WEB-INF/lib/nested/not-on-the-classpath.jar", jar);
        java.nio.file.Files.createDirectories(dir.resolve("app"));

        SessionAnalysis analysis = analyze(app);

        assertEquals(2, analysis.pageCount());
        assertEquals(1, analysis.libraryCount());
    }

    @Test
    void noApplicationCodeRuns() throws Exception {
        String source = """
                package shop;

                public class Loud implements java.io.Serializable {
                    static { System.setProperty("session.fixture.initialised", "true"); }
                    Noisy noisy = new Noisy();

                    void store(jakarta.servlet.http.HttpSession session) {
                        session.setAttribute("loud", this);
                    }
                }

                class Noisy {
                    static { System.setProperty("session.fixture.initialised", "true"); }
                }
                """;
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Loud.java", source));

        assertEquals(1, analysis.errors().size(), analysis.errors().toString());
        assertTrue(analysis.errors().get(0).message().startsWith("Loud.noisy : Noisy is not Serializable"));
        assertNull(System.getProperty("session.fixture.initialised"));
    }

    @Test
    void enumsAndInnerClassesAreSerializedAsJavaSerializesThem() throws Exception {
        String source = """
                package shop;

                import jakarta.servlet.http.HttpSession;

                public class Checkout {
                    private final Thread worker = new Thread();

                    enum Step { CART, PAYMENT; final Thread unused = null; }

                    class Basket implements java.io.Serializable {
                        Step step = Step.CART;
                    }

                    void store(HttpSession session) {
                        session.setAttribute("basket", new Basket());
                        session.setAttribute("step", Step.PAYMENT);
                    }
                }
                """;
        SessionAnalysis analysis = analyze(new Webapp(dir).source("shop/Checkout.java", source));

        assertEquals(1, analysis.errors().size(), analysis.errors().toString());
        assertTrue(analysis.errors().get(0).message().startsWith("Checkout$Basket.this$0 : Checkout is not "
                + "Serializable, and neither is any subclass of Checkout in the WAR, so replicating the session "
                + "attribute \"basket\""), analysis.errors().get(0).message());
        assertTrue(analysis.errors().get(0).message().contains("make shop.Checkout$Basket a static nested class"),
                analysis.errors().get(0).message());
        assertEquals(List.of("shop.Checkout$Basket", "shop.Checkout$Step"), List.copyOf(analysis.valueClasses()));
    }

    @Test
    void jdkClassesAreResolvedFromTheirClassFiles() throws Exception {
        try (SerializabilityResolver resolver = new SerializabilityResolver(List.of())) {
            assertEquals(Verdict.Kind.NOT_SERIALIZABLE, resolver.verdict("java/lang/Thread", false).kind);
            assertEquals(Verdict.Kind.NOT_SERIALIZABLE, resolver.verdict("java/util/Optional", false).kind);
            assertEquals(Verdict.Kind.SERIALIZABLE, resolver.verdict("java/util/ArrayList", false).kind);
            assertEquals(Verdict.Kind.SERIALIZABLE, resolver.verdict("java/lang/Integer", false).kind);
            assertEquals(Verdict.Kind.UNKNOWN, resolver.verdict("java/util/List", false).kind);
            assertEquals(Verdict.Kind.UNKNOWN, resolver.verdict("java/io/InputStream", false).kind);
            assertEquals(Verdict.Kind.UNKNOWN, resolver.verdict("java/lang/Object", false).kind);
            assertEquals(Verdict.Kind.UNKNOWN, resolver.verdict("com/example/Missing", false).kind);
            assertEquals("java/util/AbstractList",
                    resolver.commonSuperClass("java/util/ArrayList", "java/util/Vector"));
        }
    }

    private SessionAnalysis analyze(Webapp webapp) throws Exception {
        Path war = webapp.war("app.war");
        try (WarArchive archive = WarArchive.open(war)) {
            return new SessionAttributeAnalyzer(Webapp.servletApiJars(), false).analyze(archive, "app.war");
        }
    }

    /** The line of {@code source} that holds {@code marker}, counted from 1. */
    static int line(String source, String marker) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(marker);
    }

    private static String at(String source, String marker) {
        return "shop/Types.java:" + line(source, marker);
    }

    private static String marker(String source, String location) {
        int line = Integer.parseInt(location.substring(location.lastIndexOf(':') + 1));
        String text = source.split("\n", -1)[line - 1];
        return text.substring(text.indexOf("// ") + 3);
    }

    private static Map<String, String> byLocation(List<SessionRisk> risks) {
        return risks.stream().collect(Collectors.toMap(SessionRisk::location, SessionRisk::message, (a, b) -> a + b,
                java.util.LinkedHashMap::new));
    }
}
