package io.github.clusterready.tomcat.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.apache.juli.OneLineFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error for a webapp that does not deploy, from a node's logs written as Tomcat writes them: records formatted
 * by Tomcat's own {@link OneLineFormatter} (the nodes' logging.properties), carrying the exceptions Tomcat's
 * class loader and {@code StandardContext} throw. {@code run-javax-on-10-1-fails-naming-tomcat-version} and
 * {@code run-listener-throws-at-startup} show the same on real nodes.
 */
class DeployFailureTest {
    @TempDir
    Path dir;

    private static String record(Level level, String source, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setSourceClassName(source.substring(0, source.lastIndexOf('.')));
        record.setSourceMethodName(source.substring(source.lastIndexOf('.') + 1));
        record.setThrown(thrown);
        return new OneLineFormatter().format(record);
    }

    private ClusterNode node() throws Exception {
        Path base = dir.resolve("nodes/node1");
        Files.createDirectories(base.resolve("logs"));
        return new ClusterNode("node1", base, 8081, "/shop");
    }

    private static void write(ClusterNode node, String log, String... records) throws Exception {
        Files.write(node.base().resolve("logs").resolve(log), String.join("", records).getBytes(UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static Throwable missingJavaxListener() {
        NoClassDefFoundError error = new NoClassDefFoundError("javax/servlet/ServletContextListener");
        error.initCause(new ClassNotFoundException("javax.servlet.ServletContextListener"));
        return error;
    }

    @Test
    void aJavaxWebappOnAJakartaLineQuotesTheRootCauseFromLocalhostsLogAndNamesTomcatVersion() throws Exception {
        ClusterNode node = node();
        String listenersFailed = record(Level.SEVERE, "org.apache.catalina.core.StandardContext.startInternal",
                "One or more listeners failed to start. Full details will be found in the appropriate container log "
                + "file", null);
        write(node, "catalina.2026-12-06.log", record(Level.INFO, "org.apache.catalina.startup.Catalina.load",
                "Server initialized in [300] milliseconds", null), listenersFailed);
        // the console repeats what the root logger writes to catalina.*.log
        write(node, "console.txt", listenersFailed);
        write(node, "localhost.2026-12-06.log", record(Level.SEVERE,
                "org.apache.catalina.core.StandardContext.listenerStart",
                "Error configuring application listener of class [shop.Startup]", missingJavaxListener()));

        String message = DeployFailure.message(node, "/shop", "(console)");
        assertEquals("the webapp /shop failed to start on node1. The errors in its logs (" + node.base().resolve("logs")
                + "):\n  localhost.2026-12-06.log: SEVERE Error configuring application listener of class "
                + "[shop.Startup]: java.lang.NoClassDefFoundError: javax/servlet/ServletContextListener, caused by "
                + "java.lang.ClassNotFoundException: javax.servlet.ServletContextListener\n"
                + "  catalina.2026-12-06.log: SEVERE One or more listeners failed to start. Full details will be found "
                + "in the appropriate container log file\n"
                + "The webapp is written for javax.servlet (Servlet 4.0 or older), which Tomcat 10.1 and later do not "
                + "have (they have jakarta.servlet): set <tomcatVersion>9.0</tomcatVersion>, or migrate the webapp to "
                + "jakarta.servlet", message);
    }

    @Test
    void aListenerThatThrowsIsQuotedWithItsRootCauseAndCalledTheWebappsOwn() throws Exception {
        ClusterNode node = node();
        RuntimeException thrown = new IllegalStateException("the shop cannot start",
                new IllegalArgumentException("shop.database is not set"));
        write(node, "localhost.2026-12-06.log", record(Level.SEVERE,
                "org.apache.catalina.core.StandardContext.listenerStart",
                "Exception sending context initialized event to listener instance of class [shop.Boom]", thrown));
        String message = DeployFailure.message(node, "/shop", "(console)");
        assertTrue(message.contains("localhost.2026-12-06.log: SEVERE Exception sending context initialized event to "
                + "listener instance of class [shop.Boom]: java.lang.IllegalStateException: the shop cannot start, "
                + "caused by java.lang.IllegalArgumentException: shop.database is not set\n"), message);
        assertTrue(message.endsWith("\nThe exception above is the webapp's own: fix what throws it (its code or "
                + "configuration), then run again"), message);
    }

    @Test
    void aJakartaWebappOnAJavaxLineNamesTheJakartaLine() {
        assertTrue(DeployFailure.advice("java.lang.NoClassDefFoundError: jakarta/servlet/http/HttpServlet\n")
                .contains("set <tomcatVersion>10.1</tomcatVersion>"));
        assertFalse(DeployFailure.advice("java.lang.IllegalStateException: javax/servlet is mentioned\n")
                .contains("<tomcatVersion>"), "only a missing class tells the namespace");
    }

    @Test
    void withoutErrorsTheMessageSaysWhatItReadAndShowsTheConsole() throws Exception {
        ClusterNode node = node();
        write(node, "catalina.2026-12-06.log", record(Level.INFO, "org.apache.catalina.startup.Catalina.start",
                "Server startup in [1200] milliseconds", null));
        write(node, "console.txt", "some output\n");
        assertEquals("the webapp /shop failed to start on node1; no log in " + node.base().resolve("logs")
                + " names an error (read: catalina.2026-12-06.log, console.txt); its console " + node.log()
                + " ends with:\n(console tail)", DeployFailure.message(node, "/shop", "(console tail)"));
    }

    @Test
    void onlyTheTailOfALargeLogIsRead() throws Exception {
        ClusterNode node = node();
        write(node, "localhost.2026-12-06.log", record(Level.SEVERE, "a.B.early", "an early error",
                new IllegalStateException("early")));
        StringBuilder filler = new StringBuilder();
        String info = record(Level.INFO, "a.B.info", "nothing wrong", null);
        while (filler.length() < NodeLogs.TAIL_BYTES + 1000) {
            filler.append(info);
        }
        write(node, "localhost.2026-12-06.log", filler.toString(), record(Level.SEVERE, "a.B.late", "the late error",
                new IllegalStateException("late")));
        String message = DeployFailure.message(node, "/shop", "");
        assertTrue(message.contains("SEVERE the late error: java.lang.IllegalStateException: late"), message);
        assertFalse(message.contains("early"), message);
    }
}
