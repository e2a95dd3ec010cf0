package io.github.clusterready.tomcat.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterready.tomcat.session.Webapp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line the goals choose, and the reason they log: from {@code <tomcatVersion>}, the project's Servlet API
 * dependency, or the WAR itself, read from real class files compiled against the real javax and jakarta APIs.
 */
class LineChoiceTest {
    private static final String JAVAX_SERVLET = "package shop;\n"
            + "public class Count extends javax.servlet.http.HttpServlet {\n"
            + "  protected void doGet(javax.servlet.http.HttpServletRequest q,\n"
            + "      javax.servlet.http.HttpServletResponse r) {}\n}\n";
    private static final String JAKARTA_SERVLET = "package shop;\n"
            + "public class Count extends jakarta.servlet.http.HttpServlet {}\n";
    private static final String PLAIN = "package shop;\npublic class Cart implements java.io.Serializable {}\n";

    @TempDir
    Path dir;

    private static List<LineChoice.Dependency> none() {
        return Collections.emptyList();
    }

    private static String webXml(String version) {
        return "<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"" + version + "\"/>\n";
    }

    /** A WAR of the compiled {@code sources} ({@code path=text} pairs) and the web.xml, if not null. */
    private Path war(String name, String webXml, Map<String, byte[]> extra, String... sources) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name + "-src"));
        Webapp webapp = new Webapp(work);
        for (int i = 0; i < sources.length; i += 2) {
            webapp.source(sources[i], sources[i + 1]);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        if (webXml != null) {
            entries.put("WEB-INF/web.xml", webXml.getBytes(UTF_8));
        }
        entries.putAll(extra); // first: a damaged class is read before the good ones
        if (sources.length > 0) {
            entries.putAll(Webapp.tree(webapp.compile(), "WEB-INF/classes/"));
        }
        return Webapp.zip(dir.resolve(name), entries);
    }

    private static LineChoice fromWar(Path war, boolean elsewhere) throws Exception {
        return LineChoice.choose(null, none(), new LineChoice.War(war, "target/" + war.getFileName(), elsewhere));
    }

    @Test
    void tomcatVersionDecidesFirst() throws Exception {
        LineChoice choice = LineChoice.choose(" 9.0.100 ", none(), null);
        assertEquals(TomcatLine.V9_0, choice.line());
        assertEquals("Tomcat 9.0.100: <tomcatVersion> is 9.0.100", choice.toString());
        assertEquals("Tomcat 10.1.59: <tomcatVersion> is 10.1", LineChoice.choose("10.1", none(), null).toString());
    }

    @Test
    void aBadTomcatVersionNamesTheParameter() {
        ClusterConfigException e = assertThrows(ClusterConfigException.class,
                () -> LineChoice.choose("7.0", none(), null));
        assertEquals("<tomcatVersion>", e.parameter());
    }

    @Test
    void theProjectsServletApiDependencyDecides() throws Exception {
        List<LineChoice.Dependency> dependencies = List.of(
                new LineChoice.Dependency("org.slf4j", "slf4j-api", "2.0.9"),
                new LineChoice.Dependency("javax.servlet", "javax.servlet-api", "4.0.1"));
        // the project's own WAR is not read when a dependency decides (here it would say jakarta)
        Path war = war("jakarta.war", null, Map.of(), "shop/Count.java", JAKARTA_SERVLET);
        LineChoice choice = LineChoice.choose(null, dependencies, new LineChoice.War(war, "target/jakarta.war", false));
        assertEquals("Tomcat 9.0.117: the project depends on javax.servlet-api 4.0.1 (Servlet 4.0)", choice.toString());
    }

    @Test
    void withoutDependencyOrWarTheDefaultLineSaysSo() throws Exception {
        assertEquals("Tomcat 10.1.59: the project depends on no Servlet API (the default line; set <tomcatVersion> "
                + "for another)", LineChoice.choose(null, none(), null).toString());
    }

    @Test
    void aJavaxWarFromElsewhereRunsOn9EvenIfTheProjectDependsOnJakarta() throws Exception {
        Path war = war("shop.war", webXml("4.0"), Map.of(), "shop/Count.java", JAVAX_SERVLET, "shop/Cart.java", PLAIN);
        List<LineChoice.Dependency> jakarta = List.of(
                new LineChoice.Dependency("jakarta.servlet", "jakarta.servlet-api", "6.0.0"));
        LineChoice choice = LineChoice.choose(null, jakarta, new LineChoice.War(war, "../other/shop.war", true));
        assertEquals(TomcatLine.V9_0, choice.line());
        assertEquals("Tomcat 9.0.117: <warFile> ../other/shop.war is another project's WAR, and its classes use "
                + "javax.servlet (WEB-INF/classes/shop/Count.class); its web.xml declares Servlet 4.0",
                choice.toString());
    }

    @Test
    void aJavaxWarWithAServlet31WebXmlRunsOn85AsAServletApi31DependencyDoes() throws Exception {
        Path war = war("old.war", webXml("3.1"), Map.of(), "shop/Count.java", JAVAX_SERVLET);
        assertEquals(TomcatLine.V8_5, fromWar(war, true).line());
    }

    @Test
    void aJakartaWarRunsOn101AndA61OneOn11() throws Exception {
        Path war = war("new.war", null, Map.of(), "shop/Count.java", JAKARTA_SERVLET);
        LineChoice choice = fromWar(war, false);
        assertEquals("Tomcat 10.1.59: the project depends on no Servlet API, and target/new.war's classes use "
                + "jakarta.servlet (WEB-INF/classes/shop/Count.class); its web.xml declares no version",
                choice.toString());
        Path newest = war("newest.war", webXml("6.1"), Map.of(), "shop/Count.java", JAKARTA_SERVLET);
        assertEquals(TomcatLine.V11_0, fromWar(newest, false).line());
    }

    @Test
    void theLibrariesDecideWhenTheWebappsOwnClassesNameNoServletType() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib-src"));
        byte[] jar = Webapp.jar(Webapp.tree(new Webapp(lib).source("fw/Filter.java", "package fw;\n"
                + "public abstract class Filter implements javax.servlet.Filter {}\n").compile(), ""));
        Path war = war("lib.war", null, Map.of("WEB-INF/lib/fw.jar", jar), "shop/Cart.java", PLAIN);
        LineChoice choice = fromWar(war, true);
        assertEquals(TomcatLine.V9_0, choice.line());
        assertEquals("<warFile> target/lib.war is another project's WAR, and its classes use javax.servlet "
                + "(WEB-INF/lib/fw.jar!/fw/Filter.class); its web.xml declares no version", choice.reason());
    }

    @Test
    void withoutServletTypesTheWebXmlVersionDecides() throws Exception {
        Path war = war("plain.war", webXml("2.5"), Map.of(), "shop/Cart.java", PLAIN);
        LineChoice choice = fromWar(war, true);
        assertEquals(TomcatLine.V9_0, choice.line());
        assertEquals("<warFile> target/plain.war is another project's WAR, no class of target/plain.war names a "
                + "Servlet type (1 read), and its web.xml declares Servlet 2.5 (javax.servlet)", choice.reason());
    }

    @Test
    void withoutServletTypesAJakartaWebXmlVersionGivesAJakartaLine() throws Exception {
        Path war = war("plain6.war", webXml("6.0"), Map.of(), "shop/Cart.java", PLAIN);
        LineChoice choice = fromWar(war, false);
        assertEquals(TomcatLine.V10_1, choice.line());
        assertEquals("the project depends on no Servlet API, no class of target/plain6.war names a Servlet type "
                + "(1 read), and its web.xml declares Servlet 6.0 (jakarta.servlet)", choice.reason());
        Path newest = war("plain61.war", webXml("6.1"), Map.of(), "shop/Cart.java", PLAIN);
        assertEquals(TomcatLine.V11_0, fromWar(newest, false).line());
    }

    @Test
    void aWarThatNamesNoServletApiGetsTheDefaultLineAndSaysWhatWasRead() throws Exception {
        Path war = war("static.war", null, Map.of("index.html", "<p>hi</p>".getBytes(UTF_8)), "shop/Cart.java", PLAIN);
        LineChoice choice = fromWar(war, false);
        assertEquals(TomcatLine.V10_1, choice.line());
        assertEquals("the project depends on no Servlet API, and target/static.war names none: no class uses "
                + "javax.servlet or jakarta.servlet (1 read), its web.xml declares no version (the default line; set "
                + "<tomcatVersion> for another)", choice.reason());
    }

    @Test
    void aStringConstantThatMentionsThePackageIsNotAType() throws Exception {
        // "javax.servlet.x" with dots is a string, not a type reference: class files spell types with slashes
        Path war = war("text.war", null, Map.of(), "shop/Cart.java", "package shop;\n"
                + "public class Cart { String s = \"javax.servlet.http.HttpSession\"; }\n");
        assertFalse(fromWar(war, false).reason().contains("classes use"));
    }

    @Test
    void aDamagedClassIsPassedOver() throws Exception {
        Path war = war("bad.war", null, Map.of("WEB-INF/classes/Bad.class", new byte[] {(byte) 0xCA, (byte) 0xFE}),
                "shop/Count.java", JAVAX_SERVLET);
        assertEquals(TomcatLine.V9_0, fromWar(war, false).line());
    }
}
