package io.github.clusterready.tomcat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From the analysis's list and the user's entries to the filter, or to one error that says what to do. */
class SessionClassAllowListTest {
    private static final String SHOWN = "target/tomcat-cluster/session-classes.txt";

    @TempDir
    Path basedir;
    Path list;
    Path war;

    @BeforeEach
    void war() throws Exception {
        war = Files.write(Files.createDirectories(basedir.resolve("target")).resolve("shop.war"), new byte[] {1});
        Files.setLastModifiedTime(war, FileTime.from(Instant.parse("2026-11-25T09:00:00Z")));
        list = basedir.resolve("target/tomcat-cluster/session-classes.txt");
        Files.createDirectories(list.getParent());
    }

    private SessionClassAllowList read(String text, List<String> allowed) throws Exception {
        Files.writeString(list, "# war: target/shop.war\n" + text);
        return SessionClassAllowList.read(list, SHOWN, basedir, allowed);
    }

    @Test
    void theListedClassesAndTheAllowedOnesMakeTheFilter() throws Exception {
        SessionClassAllowList allowList = read("shop.Cart\njava.lang.Integer\n", List.of("shop.model.*"));

        Pattern filter = Pattern.compile(allowList.regex());
        for (String name : List.of("shop.Cart", "java.lang.Integer", "shop.model.Order")) {
            assertTrue(filter.matcher(name).matches(), name);
        }
        assertTrue(!filter.matcher("java.lang.String").matches());
        assertEquals(List.of(), allowList.warnings());
        assertEquals("2 classes from " + SHOWN + " and 1 <allowedSessionClasses>", allowList.summary());
    }

    @Test
    void unlistedValuesFailWithNothingAllowedAndWarnOtherwise() throws Exception {
        String text = "# unlisted: shop/A.java:3: A.run stores a value of type java.lang.Object as \"x\"\nshop.Cart\n";

        SessionClassesException e = assertThrows(SessionClassesException.class, () -> read(text, List.of()));
        assertTrue(e.getMessage().startsWith("tomcat-cluster.restrictSessionClasses: the session analysis of "
                + "target/shop.war cannot list the classes of these stored values, so Tomcat would not replicate "
                + "them:"), e.getMessage());
        assertTrue(e.getMessage().contains("  - shop/A.java:3: A.run stores a value of type java.lang.Object as "
                + "\"x\""), e.getMessage());

        List<String> warnings = read(text, List.of("shop.X")).warnings();
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("<allowedSessionClasses> must cover them"), warnings.get(0));
    }

    @Test
    void skippedLibrariesAndPagesAreWarnedAbout() throws Exception {
        List<String> warnings = read("# libraries: not analysed\n# pages: 2\nshop.Cart\n", List.of()).warnings();

        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("did not read the jars in WEB-INF/lib"), warnings.get(0));
        assertEquals("target/shop.war has 2 JSP pages, which the session analysis does not read: values they store "
                + "in sessions are not replicated unless <allowedSessionClasses> lists their classes", warnings.get(1));
    }

    @Test
    void aListOlderThanItsWarIsRefused() throws Exception {
        read("shop.Cart\n", List.of());
        Files.setLastModifiedTime(war, FileTime.from(Instant.now().plusSeconds(60)));

        SessionClassesException e = assertThrows(SessionClassesException.class,
                () -> SessionClassAllowList.read(list, SHOWN, basedir, List.of()));
        assertTrue(e.getMessage().startsWith(SHOWN + " lists the classes target/shop.war stored in sessions before "
                + "target/shop.war was built again"), e.getMessage());
    }

    @Test
    void aMissingListSaysWhichGoalWritesIt() {
        SessionClassesException e = assertThrows(SessionClassesException.class,
                () -> SessionClassAllowList.read(list, SHOWN, basedir, List.of()));
        assertTrue(e.getMessage().startsWith("tomcat-cluster.restrictSessionClasses needs " + SHOWN), e.getMessage());
        assertTrue(e.getMessage().contains("tomcat-cluster:session-check"), e.getMessage());
    }

    @Test
    void anAllowedEntryThatIsNoClassNamesTheParameter() {
        SessionClassesException e = assertThrows(SessionClassesException.class,
                () -> read("shop.Cart\n", List.of("shop.model.**")));
        assertEquals("<allowedSessionClasses> \"shop.model.**\" is neither a class name (com.example.Cart, "
                + "com.example.Cart$Item) nor a package (com.example.model.*)", e.getMessage());
    }
}
