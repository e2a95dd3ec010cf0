package io.github.clusterready.tomcat.fragments;

import static io.github.clusterready.tomcat.fragments.Archives.fragmentJar;
import static io.github.clusterready.tomcat.fragments.Archives.plainJar;
import static io.github.clusterready.tomcat.fragments.Archives.webXml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterready.tomcat.war.WarArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deploys WARs on a real Tomcat (bound to 127.0.0.1) and compares its verdict with ours. Tomcat's
 * {@code Context.getDistributable()} is the flag {@code StandardContext} consults to give a webapp the cluster's
 * replicating session manager: when it is false, sessions are not replicated.
 */
class TomcatAgreementTest {
    @TempDir
    static Path base;
    private static Tomcat tomcat;

    @BeforeAll
    static void startTomcat() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.getHost().setAppBase(Files.createDirectories(base.resolve("webapps")).toString());
        tomcat.start();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    static Stream<Arguments> wars() throws Exception {
        return Stream.of(
                Arguments.of("distributable", war(webXml("", "<distributable/>"), true)),
                Arguments.of("no-distributable", war(webXml("", ""), true)),
                Arguments.of("no-web-xml", new Archives().with("index.html", "hi")
                        .with("WEB-INF/lib/good.jar", fragmentJar("good", true))),
                Arguments.of("fragment-not-distributable", war(webXml("", "<distributable/>"), false)),
                Arguments.of("metadata-complete", war(webXml("metadata-complete=\"true\"", "<distributable/>"), false)),
                Arguments.of("ordering-leaves-fragment-out", war(webXml("",
                        "<distributable/><absolute-ordering><name>good</name></absolute-ordering>"), false)),
                Arguments.of("ordering-with-others", war(webXml("",
                        "<distributable/><absolute-ordering><name>good</name><others/></absolute-ordering>"), false)),
                Arguments.of("empty-ordering", war(webXml("", "<distributable/><absolute-ordering/>"), false)));
    }

    private static Archives war(String webXml, boolean fooDistributable) throws Exception {
        return new Archives().with("WEB-INF/web.xml", webXml)
                .with("WEB-INF/lib/plain-1.0.jar", plainJar())
                .with("WEB-INF/lib/good-2.0.jar", fragmentJar("good", true))
                .with("WEB-INF/lib/foo-1.2.jar", fragmentJar("foo", fooDistributable));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wars")
    void ourVerdictIsTomcats(String name, Archives content) throws Exception {
        Path war = content.writeTo(Files.createDirectories(base.resolve("wars")).resolve(name + ".war"));
        boolean ours;
        try (WarArchive archive = WarArchive.open(war)) {
            ours = new DistributabilityCheck().check(archive, name + ".war").isDistributable();
        }
        Context context = tomcat.addWebapp("/" + name, war.toString());
        try {
            assertEquals(LifecycleState.STARTED, context.getState(), "Tomcat did not start " + name);
            assertEquals(context.getDistributable(), ours, "Tomcat and the plugin disagree on " + name);
        } finally {
            tomcat.getHost().removeChild(context);
        }
    }
}
