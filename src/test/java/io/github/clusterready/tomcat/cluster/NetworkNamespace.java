package io.github.clusterready.tomcat.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Linux network namespace of the test's own ({@code ip netns}, root only), whose one interface is its loopback,
 * up, with the multicast route on it: multicast sent in it reaches its members and nothing outside. Deleted on
 * {@link #close()}.
 */
final class NetworkNamespace implements AutoCloseable {
    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    static NetworkNamespace create(String name) throws IOException, InterruptedException {
        run("ip", "netns", "add", name);
        NetworkNamespace namespace = new NetworkNamespace(name);
        try {
            run(namespace.command("ip", "link", "set", "lo", "up"));
            run(namespace.command("ip", "route", "add", "224.0.0.0/4", "dev", "lo"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    /** The namespace's name, as {@code ip netns} knows it. */
    String name() {
        return name;
    }

    /** {@code command}, to be run inside the namespace. */
    List<String> command(String... command) {
        List<String> inside = new ArrayList<>(Arrays.asList("ip", "netns", "exec", name));
        inside.addAll(Arrays.asList(command));
        return inside;
    }

    /** Runs {@code command} to its end and returns what it printed; fails unless it exits with 0. */
    static String run(String... command) throws IOException, InterruptedException {
        return run(Arrays.asList(command));
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not end within 60 s:\n" + output);
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " exited with " + process.exitValue() + " (network namespaces need "
                    + "root and iproute2):\n" + output);
        }
        return output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("ip", "netns", "delete", name);
    }
}
