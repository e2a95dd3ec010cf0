package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterConfigWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * The ports of a local cluster on 127.0.0.1, all free when found: the base {@code server.xml}'s shutdown and HTTP
 * ports, which {@code cluster-config} moves up by {@link ClusterConfigWriter#PORT_SHIFT} for each node before it on
 * the host (so the ports that many above must be free too), and one receiver port a node, which is never another
 * node's shutdown or HTTP port.
 */
final class LocalPorts {
    private static final int ATTEMPTS = 100;

    private final int shutdownPort;
    private final int httpPort;
    private final int[] receiverPorts;

    private LocalPorts(int shutdownPort, int httpPort, int[] receiverPorts) {
        this.shutdownPort = shutdownPort;
        this.httpPort = httpPort;
        this.receiverPorts = receiverPorts;
    }

    /** Free ports for {@code count} nodes. */
    static LocalPorts find(int count) throws IOException, RuntimeClusterException {
        int shutdown = shiftedFree(count, -1);
        int http = shiftedFree(count, shutdown);
        Set<Integer> taken = new HashSet<>();
        for (int n = 0; n < count; n++) {
            taken.add(shutdown + n * ClusterConfigWriter.PORT_SHIFT);
            taken.add(http + n * ClusterConfigWriter.PORT_SHIFT);
        }
        int[] receivers = new int[count];
        for (int n = 0; n < count; n++) {
            int candidate = anyFreePort();
            for (int attempt = 0; taken.contains(candidate); attempt++) {
                if (attempt == ATTEMPTS) {
                    throw new RuntimeClusterException("found no free receiver port on 127.0.0.1 for node " + (n + 1));
                }
                candidate = anyFreePort();
            }
            taken.add(candidate);
            receivers[n] = candidate;
        }
        return new LocalPorts(shutdown, http, receivers);
    }

    /** The base server.xml's shutdown port (node 1's; the others' are shifted). */
    int baseShutdownPort() {
        return shutdownPort;
    }

    /** The base server.xml's HTTP port (node 1's; the others' are shifted). */
    int baseHttpPort() {
        return httpPort;
    }

    /** The HTTP port of the node at {@code index} (from 0), where {@code cluster-config} moves it. */
    int httpPort(int index) {
        return httpPort + index * ClusterConfigWriter.PORT_SHIFT;
    }

    /** The shutdown port of the node at {@code index} (from 0). */
    int shutdownPort(int index) {
        return shutdownPort + index * ClusterConfigWriter.PORT_SHIFT;
    }

    /** The cluster receiver port of the node at {@code index} (from 0). */
    int receiverPort(int index) {
        return receiverPorts[index];
    }

    int nodes() {
        return receiverPorts.length;
    }

    /** A free port whose shifted copies for every node are free as well, other than {@code not}. */
    private static int shiftedFree(int count, int not) throws IOException, RuntimeClusterException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int candidate = anyFreePort();
            boolean all = candidate != not && candidate + (count - 1) * ClusterConfigWriter.PORT_SHIFT < 65536;
            for (int n = 1; all && n < count; n++) {
                int shifted = candidate + n * ClusterConfigWriter.PORT_SHIFT;
                all = shifted != not && free(shifted);
            }
            if (all) {
                return candidate;
            }
        }
        throw new RuntimeClusterException("found no free ports on 127.0.0.1 for " + count + " nodes");
    }

    private static int anyFreePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
