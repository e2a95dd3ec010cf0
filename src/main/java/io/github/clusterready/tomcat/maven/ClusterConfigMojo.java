package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.cluster.ClusterConfigWriter;
import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.KubernetesDeployment;
import io.github.clusterready.tomcat.cluster.LoadBalancer;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.session.SessionClassesException;
import io.github.clusterready.tomcat.war.WarException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the Tomcat {@code <Cluster>} configuration for the project's Tomcat line and nodes: {@code cluster.xml}
 * (one per node when {@code <nodes>} is set), each node's {@code server.xml} when {@code <serverXml>} names a base
 * one, the {@code <loadBalancer>}'s configuration, and {@code INSTALL.md}. The defaults reproduce the classic
 * DeltaManager/multicast configuration. Binds by default to the {@code package} phase.
 *
 * @since 1.0.0
 */
@Mojo(name = "cluster-config", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class ClusterConfigMojo extends AbstractClusterMojo {
    /**
     * A base {@code server.xml} (e.g. the one your Tomcat ships); each node gets a copy with its Cluster inside
     * {@code <Engine>}, its {@code jvmRoute}, and ports moved up by 100 per earlier node on the same host.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.serverXml")
    private File serverXml;

    /**
     * Where the files are written.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.outputDirectory",
            defaultValue = "${project.build.directory}/tomcat-cluster", required = true)
    private File outputDirectory;

    /**
     * Writes a configuration for this load balancer next to the node files: {@code httpd} (Apache httpd 2.4
     * {@code mod_proxy_balancer}, {@code load-balancer/tomcat-cluster.conf}) or {@code haproxy}
     * ({@code load-balancer/haproxy.cfg}). One member per node at its host and HTTP port with its jvmRoute as the
     * route, sticky on {@code JSESSIONID} (cookie and {@code ;jsessionid=}), health checks, and failover to the
     * other members. Needs {@code <nodes>}, each with an HTTP port ({@code <httpPort>}, or the one of
     * {@code <serverXml>}).
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.loadBalancer")
    private String loadBalancer;

    /**
     * The path the load balancer's health check asks each node for, e.g. {@code /shop/}; a node that does not
     * answer it with 2xx or 3xx is taken out.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.healthCheckPath", defaultValue = ClusterSettings.DEFAULT_HEALTH_CHECK_PATH)
    private String healthCheckPath;

    /**
     * With {@code kubernetes} or {@code dns} membership: the app's name in the Kubernetes manifests written to
     * {@code kubernetes/} (the pods' {@code app} label, the StatefulSet, the Services; the headless Service is
     * {@code <name>-members}). A DNS label: lower-case letters, digits and '-'.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.kubernetesName", defaultValue = "${project.artifactId}")
    private String kubernetesName;

    /**
     * With {@code kubernetes} or {@code dns} membership: the namespace the manifests deploy into.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.kubernetesNamespace", defaultValue = KubernetesDeployment.DEFAULT_NAMESPACE)
    private String kubernetesNamespace;

    /**
     * With {@code kubernetes} or {@code dns} membership: the container image of the StatefulSet, Tomcat with the
     * distributable WAR in it.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.kubernetesImage", defaultValue = "${project.artifactId}:${project.version}")
    private String kubernetesImage;

    /**
     * With {@code kubernetes} or {@code dns} membership: how many pods the StatefulSet runs. More than four with the
     * DeltaManager is warned about.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.kubernetesReplicas", defaultValue = "3")
    private int kubernetesReplicas;

    @Override
    void configure(ClusterSettings.Builder builder) throws ClusterConfigException {
        if (loadBalancer != null && !loadBalancer.trim().isEmpty()) {
            builder.loadBalancer(LoadBalancer.of(loadBalancer));
        }
        builder.healthCheckPath(healthCheckPath);
        builder.kubernetes(new KubernetesDeployment(trim(kubernetesName), trim(kubernetesNamespace),
                trim(kubernetesImage), kubernetesReplicas));
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    @Override
    void runGoal() throws ClusterConfigException, SessionClassesException, IOException, WarException,
            DescriptorException {
        ClusterSettings settings = settings();
        Path base = serverXml == null ? null : serverXml.toPath();
        ClusterConfigWriter.Result result = new ClusterConfigWriter().write(settings, outputDirectory.toPath(),
                shown(outputDirectory.toPath()), base, base == null ? null : shown(base));
        for (String warning : result.warnings()) {
            getLog().warn(warning);
        }
        getLog().info(result.summary(settings, shown(outputDirectory.toPath()),
                shown(outputDirectory.toPath().resolve("INSTALL.md"))));
    }

    @Override
    String work() {
        return "read its inputs or write " + shown(outputDirectory.toPath());
    }

    @Override
    String goal() {
        return "cluster-config";
    }
}
