package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.nio.file.Paths;
import java.util.List;

/**
 * Stands in for a Maven build between {@code start} and {@code stop}: starts a local cluster (arguments: Tomcat
 * home, WAR, run directory), says {@code STARTED}, and waits to be killed.
 */
public final class StartAndWait {
    private StartAndWait() {
    }

    public static void main(String[] args) throws Exception {
        LocalCluster.Options options = new LocalCluster.Options().home(Paths.get(args[0])).war(Paths.get(args[1]))
                .contextPath("/shop").directory(Paths.get(args[2])).nodeNames(List.of("node1", "node2"))
                .settings(ClusterSettings.builder(TomcatLine.V10_1)).jvmArguments(List.of("-Xmx128m"));
        LocalCluster.start(options, line -> { });
        System.out.println("STARTED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
