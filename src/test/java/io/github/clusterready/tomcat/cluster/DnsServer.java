package io.github.clusterready.tomcat.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server, dnsmasq from the Debian package, in a network namespace of the test's own, answering one name
 * with a list of addresses as a Kubernetes headless Service does (an A record per pod). Its answers change with
 * {@link #answer}, which rewrites its hosts file and has it reread (SIGHUP), as the Service's records change when
 * pods come and go. Stopped by its PID on {@link #close()}.
 */
final class DnsServer implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(20);

    private final Process process;
    private final Path hosts;
    private final Path log;
    private int reads;

    private DnsServer(Process process, Path hosts, Path log) {
        this.process = process;
        this.hosts = hosts;
        this.log = log;
    }

    /** Starts dnsmasq in {@code namespace}, on {@code address} port 53 of it only, answering nothing yet. */
    static DnsServer start(NetworkNamespace namespace, String address, Path dir) throws Exception {
        Path hosts = Files.write(dir.resolve("dns-hosts"), new byte[0]);
        Path log = dir.resolve("dnsmasq.log");
        // no /etc/dnsmasq.conf, no /etc/hosts, no upstream servers: it answers only what the test gives it, with a
        // TTL of 1 s, as a cluster DNS answers for a headless Service (which uses 5 to 30 s)
        Process process = new ProcessBuilder(namespace.command(dnsmasq(), "--keep-in-foreground",
                "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-negcache", "--local-ttl=1",
                "--listen-address=" + address, "--bind-interfaces", "--port=53", "--user=root",
                "--pid-file=", "--addn-hosts=" + hosts, "--log-queries", "--log-facility=" + log))
                .redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.out").toFile()).start();
        DnsServer server = new DnsServer(process, hosts, log);
        try {
            server.awaitRead(START);
        } catch (Exception | Error e) {
            server.close();
            throw new AssertionError("dnsmasq did not start: " + TestTomcats.read(dir.resolve("dnsmasq.out")), e);
        }
        return server;
    }

    /** dnsmasq from the Debian package (in /usr/sbin, which a non-login PATH may lack). */
    private static String dnsmasq() {
        return Files.isExecutable(Path.of("/usr/sbin/dnsmasq")) ? "/usr/sbin/dnsmasq" : "dnsmasq";
    }

    /** From now on {@code name} resolves to {@code addresses}, in that order. */
    void answer(String name, List<String> addresses) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String address : addresses) {
            text.append(address).append(' ').append(name).append('\n');
        }
        Files.write(hosts, text.toString().getBytes(StandardCharsets.US_ASCII));
        NetworkNamespace.run("kill", "-HUP", String.valueOf(process.pid()));
        awaitRead(START);
    }

    /** Waits until dnsmasq's log says it read the hosts file once more than before. */
    private void awaitRead(Duration timeout) throws Exception {
        String line = "read " + hosts;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("dnsmasq ended:\n" + TestTomcats.read(log));
            }
            String text = TestTomcats.read(log);
            int count = 0;
            for (int at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) {
                count++;
            }
            if (count > reads) {
                reads = count;
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("dnsmasq did not read " + hosts + " within " + timeout + ":\n"
                + TestTomcats.read(log));
    }

    /** What dnsmasq logged: each query and its answers. */
    String log() throws IOException {
        return TestTomcats.read(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
