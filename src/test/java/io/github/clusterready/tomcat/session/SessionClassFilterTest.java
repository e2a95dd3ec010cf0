package io.github.clusterready.tomcat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allow-list expression, matched the way Tomcat matches it: {@code Pattern.matcher(className).matches()}. */
class SessionClassFilterTest {
    private static final Pattern FILTER = Pattern.compile(SessionClassFilter.regex(List.of("shop.Cart",
            "shop.Cart$Item", "java.lang.String", "[Lshop.Item;", "[I", "com.example.model.*", "Unnamed")));

    @ParameterizedTest
    @ValueSource(strings = {"shop.Cart", "shop.Cart$Item", "java.lang.String", "[Lshop.Item;", "[I",
        "com.example.model.Order", "com.example.model.line.Item$Note", "Unnamed"})
    void itMatchesEveryListedClassAndEveryClassOfAListedPackage(String name) {
        assertTrue(FILTER.matcher(name).matches(), FILTER + " lets " + name + " through");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop.Cartel", "shop.CartXItem", "shop.Cart$", "shopXCart", "java.lang.StringBuilder",
        "[Lshop.Item", "[[I", "[Lshop.Cart;", "com.example.modelx.Order", "com.example.model", "xshop.Cart",
        "shop.Cart|java.lang.Thread", "java.lang.Thread"})
    void itMatchesNothingElse(String name) {
        assertFalse(FILTER.matcher(name).matches(), FILTER + " keeps " + name + " back");
    }

    @Test
    void classesOfOnePackageShareAGroup() {
        assertEquals("java\\.lang\\.String|shop\\.(?:Cart|Cart\\$Item)",
                SessionClassFilter.regex(List.of("shop.Cart$Item", "java.lang.String", "shop.Cart")));
    }

    @Test
    void noClassesMatchNothingRatherThanEverything() {
        String regex = SessionClassFilter.regex(List.of());
        assertFalse(regex.isEmpty(), "Tomcat reads an empty filter as no filter");
        assertFalse(Pattern.compile(regex).matcher("java.lang.String").matches());
        assertFalse(Pattern.compile(regex).matcher("").matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "com.example.", "com..Cart", "foo bar", "com.*.Cart", "com.example.**", "1st.Cart",
        "[Lshop.Item", "[X", "java.lang.String;", ".*"})
    void anEntryThatIsNeitherAClassNorAPackageIsNamed(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionClassFilter.regex(List.of("shop.Cart", entry)));
        assertTrue(e.getMessage().startsWith("\"" + entry + "\" is neither a class name"), e.getMessage());
    }
}
