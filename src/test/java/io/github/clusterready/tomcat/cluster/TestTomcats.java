package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tomcat nodes for the end-to-end tests: the distribution the build unpacked, one {@code CATALINA_BASE} per node, the
 * command that starts one, and stopping them all by their processes.
 */
final class TestTomcats {
    static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    private TestTomcats() {
    }

    /** The Tomcat of {@code line} the build unpacked under {@code target/tomcat/<line>/}. */
    static Path home(TomcatLine line) throws IOException {
        try (Stream<Path> dirs = Files.list(Paths.get("target", "tomcat", line.number()))) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow(AssertionError::new).toAbsolutePath();
        }
    }

    /** A {@code CATALINA_BASE} at {@code base}: the distribution's conf with {@code serverXml}, and the WAR. */
    static Path catalinaBase(Path home, Path base, Path serverXml, Path war, String warFileName) throws IOException {
        for (String dir : new String[] {"conf", "logs", "temp", "work", "webapps"}) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
            for (Path file : (Iterable<Path>) conf.filter(Files::isRegularFile)::iterator) {
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
            }
        }
        Files.copy(serverXml, base.resolve("conf/server.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(war, base.resolve("webapps").resolve(warFileName));
        return base;
    }

    /** The command that runs Tomcat in the foreground on {@code base}; its console goes to {@link #console}. */
    static List<String> command(Path home, Path base) {
        return Arrays.asList(JAVA, "-Xmx256m",
                "-Dcatalina.home=" + home, "-Dcatalina.base=" + base, "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-cp", home.resolve("bin/bootstrap.jar") + File.pathSeparator + home.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start");
    }

    static Path console(Path base) {
        return base.resolve("logs/console.txt");
    }

    static Process start(List<String> command, Path base) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console(base).toFile()).start();
    }

    /**
     * Asks every process to end (SIGTERM runs Tomcat's shutdown hook) and waits at most {@code grace} for all of
     * them together, then kills those still running; also when this thread is interrupted, so none is left behind.
     */
    static void stop(List<Process> processes, Duration grace) {
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        for (Process process : processes) {
            try {
                process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroyForcibly();
                if (!interrupted) {
                    try {
                        process.waitFor(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a GET returned: its status, {@code Set-Cookie} header (or null) and body. */
    static final class Reply {
        final int status;
        final String cookie;
        final String body;

        Reply(int status, String cookie, String body) {
            this.status = status;
            this.cookie = cookie;
            this.body = body;
        }
    }

    /** A GET of {@code url} from this JVM, with {@code cookie} as its Cookie header unless null. */
    static Reply get(HttpClient http, String url, String cookie, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Set-Cookie").orElse(null),
                response.body());
    }

    /** How a test asks a URL: the status it answers. */
    @FunctionalInterface
    interface StatusOf {
        int status(String url) throws IOException, InterruptedException;
    }

    /** Waits until {@code url} answers 200; fails with {@code log} when the process ends first or time runs out. */
    static void awaitUp(String url, Process process, Path log, Duration timeout, StatusOf ask) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(url + ": the process ended:\n" + read(log));
            }
            try {
                if (ask.status(url) == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError(url + " did not answer within " + timeout + ":\n" + read(log));
    }

    static String read(Path log) throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1) : "(no log)";
    }

    static void awaitLine(Path log, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (read(log).toLowerCase(Locale.ROOT).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no \"" + text + "\" in " + log + " within " + timeout + ":\n" + read(log));
    }

    /**
     * Free ports of 127.0.0.1, one per step, each free together with the port {@code step} above it (where the next
     * node's port goes), and none within a port shift of another.
     */
    static int[] freePorts(int... steps) throws IOException {
        int[] ports = new int[steps.length];
        for (int i = 0; i < ports.length; i++) {
            for (int attempt = 0; ports[i] == 0 && attempt < 50; attempt++) {
                int candidate;
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    candidate = socket.getLocalPort();
                }
                boolean taken = false;
                for (int j = 0; j < i; j++) {
                    taken |= Math.abs(ports[j] - candidate) <= ClusterConfigWriter.PORT_SHIFT;
                }
                if (!taken && candidate + steps[i] < 65536 && free(candidate + steps[i])) {
                    ports[i] = candidate;
                }
            }
            assertNotEquals(0, ports[i], "no free port");
        }
        return ports;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
