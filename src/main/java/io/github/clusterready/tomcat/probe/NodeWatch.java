package io.github.clusterready.tomcat.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import org.apache.catalina.Cluster;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.Server;
import org.apache.catalina.Service;
import org.apache.catalina.Session;
import org.apache.catalina.ha.CatalinaCluster;
import org.apache.catalina.ha.session.ClusterManagerBase;
import org.apache.catalina.tribes.ChannelInterceptor;
import org.apache.catalina.tribes.group.GroupChannel;
import org.apache.catalina.tribes.group.interceptors.ThroughputInterceptor;

/**
 * The node's side of the plugin's control, as a {@code <Listener>} of the {@code <Server>}:
 * <ul>
 * <li>once the server has started, writes {@code probe/started}: each webapp's path and whether it is available,
 * so the plugin knows the node serves (or why not);</li>
 * <li>answers snapshot requests: when the plugin writes {@code probe/snapshot.request} holding a token, writes
 * {@code probe/snapshot-<token>.txt} with the digest of every attribute of every session this node holds;</li>
 * <li>ends the node when its standard input closes, which happens when the Maven process that started it ends,
 * however it ends: a killed build leaves no Tomcat behind.</li>
 * </ul>
 */
public final class NodeWatch implements LifecycleListener {
    private volatile boolean running;
    private volatile Server server;

    @Override
    public void lifecycleEvent(LifecycleEvent event) {
        if (!(event.getLifecycle() instanceof Server)) {
            return;
        }
        if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
            running = true;
            server = (Server) event.getLifecycle();
            writeStarted(server);
            daemon("tomcat-cluster-probe-snapshots", this::answerSnapshots);
            if (Boolean.getBoolean(ProbeProtocol.WATCH_STANDARD_INPUT)) {
                daemon("tomcat-cluster-probe-parent", NodeWatch::exitWhenInputCloses);
            }
        } else if (Lifecycle.BEFORE_STOP_EVENT.equals(event.getType())) {
            running = false;
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void writeStarted(Server server) {
        StringBuilder text = new StringBuilder();
        for (Service service : server.findServices()) {
            for (Container host : service.getContainer().findChildren()) {
                for (Container child : host.findChildren()) {
                    Context context = (Context) child;
                    text.append(new ProbeProtocol.Started(context.getPath().isEmpty() ? "/" : context.getPath(),
                            context.getState().isAvailable(), context.getDistributable(),
                            context.getManager() == null ? "" : context.getManager().getClass().getName()).line());
                }
            }
        }
        write(ProbeLog.directory().resolve(ProbeProtocol.STARTED), text.toString());
    }

    private void answerSnapshots() {
        Path request = ProbeLog.directory().resolve(ProbeProtocol.SNAPSHOT_REQUEST);
        while (running) {
            try {
                if (Files.exists(request)) {
                    String token = new String(Files.readAllBytes(request), StandardCharsets.UTF_8).trim();
                    Files.delete(request);
                    if (ProbeProtocol.isToken(token)) {
                        traffic(server);
                        write(ProbeLog.directory().resolve(ProbeProtocol.snapshotFile(token)), snapshot());
                    }
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                System.err.println("tomcat-cluster probe: snapshot failed: " + e);
            }
        }
    }

    /**
     * Writes a {@code traffic} event with the counters of the cluster's {@code ThroughputInterceptor}, Tomcat's own
     * count of the bytes the channel received and sent, when its {@code <Channel>} has one (the plugin's
     * configuration does); before the snapshot, so that the event is in the file once the snapshot is. Also in a node
 * without the probe's valve and managers (a benchmark's), whose snapshot then holds no session.
     */
    static void traffic(Server server) {
        for (Service service : server.findServices()) {
            Cluster cluster = service.getContainer().getCluster();
            if (!(cluster instanceof CatalinaCluster)
                    || !(((CatalinaCluster) cluster).getChannel() instanceof GroupChannel)) {
                continue;
            }
            Iterator<ChannelInterceptor> interceptors = ((GroupChannel) ((CatalinaCluster) cluster).getChannel())
                    .getInterceptors();
            while (interceptors.hasNext()) {
                ChannelInterceptor interceptor = interceptors.next();
                if (interceptor instanceof ThroughputInterceptor) {
                    ThroughputInterceptor counters = (ThroughputInterceptor) interceptor;
                    ProbeLog.get().event(0, ProbeProtocol.Kind.TRAFFIC, null, null, null, ProbeProtocol.traffic(
                            bytes(counters.getMbRx()), bytes(counters.getMbTx())));
                    return;
                }
            }
        }
    }

    /** The interceptor counts in megabytes (a double of bytes / 2^20). */
    private static long bytes(double megabytes) {
        return Math.round(megabytes * 1024 * 1024);
    }

    /** One line a session attribute: webapp path, session id, attribute, digest (empty for a failure). */
    static String snapshot() {
        StringBuilder text = new StringBuilder();
        for (ClusterManagerBase manager : ProbeManager.RUNNING) {
            Context context = manager.getContext();
            Inspection inspection = new Inspection(context.getLoader().getClassLoader());
            for (Session session : manager.findSessions()) {
                if (!(session instanceof ProbeSession)) {
                    continue;
                }
                ProbeSession probeSession = (ProbeSession) session;
                text.append(ProbeProtocol.line(context.getPath(), session.getIdInternal(), "", ""));
                for (Map.Entry<String, Object> attribute : probeSession.attributeMap().entrySet()) {
                    if (probeSession.excluded(attribute.getKey(), attribute.getValue())
                            || BindingListeners.isLibraryListener(attribute.getValue())) {
                        continue;
                    }
                    String digest = inspection.comparableDigest(inspection.inspect(attribute.getKey(),
                            attribute.getValue(), false));
                    text.append(ProbeProtocol.line(context.getPath(), session.getIdInternal(), attribute.getKey(),
                            digest));
                }
            }
        }
        return text.toString();
    }

    /** Written whole or not at all: through a temporary file and a rename. */
    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, text.getBytes(StandardCharsets.UTF_8));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("tomcat-cluster probe: cannot write " + file + ": " + e);
        }
    }

    private static void exitWhenInputCloses() {
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) >= 0) {
                // the plugin writes nothing; anything read is ignored
            }
        } catch (IOException e) {
            // closed as well
        }
        System.err.println("tomcat-cluster probe: the build that started this node has ended; stopping the node");
        // Tomcat's shutdown hook stops the server in order
        System.exit(0);
    }
}
