package io.github.clusterready.tomcat.cluster;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kubernetes manifests written beside the server configuration for {@code kubernetes} and {@code dns}
 * membership: the headless Service the nodes find each other through and the Service with session affinity, the
 * ServiceAccount, Role and RoleBinding that let {@code KubernetesMembershipProvider} list the pods, the StatefulSet
 * that gives each pod its membership environment and its name as {@code jvmRoute}, with readiness on the webapp,
 * and an Ingress with cookie affinity. Written as text: every value is a checked token or a double-quoted scalar.
 */
final class KubernetesManifests {
    /** The directory under the output directory. */
    static final String DIRECTORY = "kubernetes";
    /** Where the official Tomcat images keep {@code CATALINA_HOME}. */
    static final String CATALINA_HOME = "/usr/local/tomcat";
    /** How long the Service keeps a client on one pod, as the Tomcat session default lasts (3 hours, generous). */
    static final int AFFINITY_SECONDS = 10800;
    /** The system property the generated server.xml reads as the Engine's jvmRoute. */
    static final String JVM_ROUTE_PROPERTY = "jvmRoute";

    private final ClusterSettings settings;
    private final KubernetesDeployment app;
    private final int httpPort;

    /** @param httpPort the container port of Tomcat's HTTP connector */
    KubernetesManifests(ClusterSettings settings, int httpPort) {
        this.settings = settings;
        this.app = settings.kubernetes();
        this.httpPort = httpPort;
    }

    /** Whether the settings' membership needs the manifests. */
    static boolean needed(ClusterSettings settings) {
        return settings.membership() == Membership.KUBERNETES || settings.membership() == Membership.DNS;
    }

    /** The files by their path under the output directory, in the order {@code kubectl apply} should take them. */
    Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        if (settings.membership() == Membership.KUBERNETES) {
            files.put(DIRECTORY + "/rbac.yaml", rbac());
        }
        files.put(DIRECTORY + "/services.yaml", services());
        files.put(DIRECTORY + "/statefulset.yaml", statefulSet());
        files.put(DIRECTORY + "/ingress.yaml", ingress());
        return files;
    }

    String receiverPort() {
        return settings.attributes(Element.RECEIVER).getOrDefault("port", "4000");
    }

    private String header(String what) {
        return "# Written by tomcat-cluster-maven-plugin for Tomcat " + settings.line() + ", " + settings.membership()
                + " membership: " + what + "\n";
    }

    private String metadata(String name, String indent) {
        return indent + "metadata:\n"
                + indent + "  name: " + name + "\n"
                + indent + "  namespace: " + app.namespace() + "\n"
                + indent + "  labels:\n"
                + indent + "    app: " + app.name() + "\n";
    }

    private String rbac() {
        return header("what KubernetesMembershipProvider needs to list the app's pods (get and list)")
                + "apiVersion: v1\n"
                + "kind: ServiceAccount\n"
                + metadata(app.name(), "")
                + "---\n"
                + "apiVersion: rbac.authorization.k8s.io/v1\n"
                + "kind: Role\n"
                + metadata(app.name() + "-pod-reader", "")
                + "rules:\n"
                + "  - apiGroups: [\"\"]\n"
                + "    resources: [\"pods\"]\n"
                + "    verbs: [\"get\", \"list\"]\n"
                + "---\n"
                + "apiVersion: rbac.authorization.k8s.io/v1\n"
                + "kind: RoleBinding\n"
                + metadata(app.name() + "-pod-reader", "")
                + "subjects:\n"
                + "  - kind: ServiceAccount\n"
                + "    name: " + app.name() + "\n"
                + "    namespace: " + app.namespace() + "\n"
                + "roleRef:\n"
                + "  apiGroup: rbac.authorization.k8s.io\n"
                + "  kind: Role\n"
                + "  name: " + app.name() + "-pod-reader\n";
    }

    private String services() {
        return header("the headless Service whose DNS name lists every pod (ready or not) at its cluster receiver, "
                + "and the Service clients use, sticky by client IP")
                + "apiVersion: v1\n"
                + "kind: Service\n"
                + metadata(app.membersService(), "")
                + "spec:\n"
                + "  clusterIP: None\n"
                + "  # a starting pod must find the others before its webapp (and so its readiness) is up\n"
                + "  publishNotReadyAddresses: true\n"
                + "  selector:\n"
                + "    app: " + app.name() + "\n"
                + "  ports:\n"
                + "    - name: cluster\n"
                + "      port: " + receiverPort() + "\n"
                + "      targetPort: cluster\n"
                + "---\n"
                + "apiVersion: v1\n"
                + "kind: Service\n"
                + metadata(app.name(), "")
                + "spec:\n"
                + "  selector:\n"
                + "    app: " + app.name() + "\n"
                + "  sessionAffinity: ClientIP\n"
                + "  sessionAffinityConfig:\n"
                + "    clientIP:\n"
                + "      timeoutSeconds: " + AFFINITY_SECONDS + "\n"
                + "  ports:\n"
                + "    - name: http\n"
                + "      port: 80\n"
                + "      targetPort: http\n";
    }

    private String statefulSet() {
        StringBuilder yaml = new StringBuilder(header("the pods: membership environment, the pod's name as "
                + "jvmRoute, readiness on the webapp"));
        yaml.append("apiVersion: apps/v1\n")
                .append("kind: StatefulSet\n")
                .append(metadata(app.name(), ""))
                .append("spec:\n")
                .append("  serviceName: ").append(app.membersService()).append('\n')
                .append("  replicas: ").append(app.replicas()).append('\n');
        if (settings.manager() == ClusterSettings.Manager.DELTA) {
            yaml.append("  # one pod at a time: each new DeltaManager receives the sessions of the running ones\n")
                    .append("  podManagementPolicy: OrderedReady\n");
        } else {
            yaml.append("  podManagementPolicy: Parallel\n");
        }
        yaml.append("  selector:\n")
                .append("    matchLabels:\n")
                .append("      app: ").append(app.name()).append('\n')
                .append("  template:\n")
                .append("    metadata:\n")
                .append("      labels:\n")
                .append("        app: ").append(app.name()).append('\n')
                .append("    spec:\n");
        if (settings.membership() == Membership.KUBERNETES) {
            yaml.append("      serviceAccountName: ").append(app.name()).append('\n');
        }
        yaml.append("      containers:\n")
                .append("        - name: tomcat\n")
                .append("          image: ").append(quoted(app.image())).append('\n')
                .append("          ports:\n")
                .append("            - name: http\n")
                .append("              containerPort: ").append(httpPort).append('\n')
                .append("            - name: cluster\n")
                .append("              containerPort: ").append(receiverPort()).append('\n')
                .append("          env:\n");
        env(yaml, "POD_NAME", null, "metadata.name");
        env(yaml, "KUBERNETES_NAMESPACE", null, "metadata.namespace");
        if (settings.membership() == Membership.KUBERNETES) {
            env(yaml, "KUBERNETES_LABELS", app.labelSelector(), null);
        } else {
            env(yaml, "DNS_MEMBERSHIP_SERVICE_NAME", app.membersDnsName(), null);
        }
        // Kubernetes expands $(POD_NAME); the server.xml reads the property as the Engine's jvmRoute
        env(yaml, "CATALINA_OPTS", "-D" + JVM_ROUTE_PROPERTY + "=$(POD_NAME)", null);
        yaml.append("          readinessProbe:\n")
                .append("            httpGet:\n")
                .append("              path: ").append(quoted(settings.healthCheckPath())).append('\n')
                .append("              port: http\n")
                .append("            periodSeconds: 5\n")
                .append("            failureThreshold: 2\n")
                .append("          volumeMounts:\n")
                .append("            - name: server-xml\n")
                .append("              mountPath: ").append(CATALINA_HOME).append("/conf/server.xml\n")
                .append("              subPath: server.xml\n")
                .append("      volumes:\n")
                .append("        - name: server-xml\n")
                .append("          configMap:\n")
                .append("            name: ").append(configMap()).append('\n');
        return yaml.toString();
    }

    /** The ConfigMap INSTALL.md has the user create from the server.xml. */
    String configMap() {
        return app.name() + "-server-xml";
    }

    private static void env(StringBuilder yaml, String name, String value, String field) {
        yaml.append("            - name: ").append(name).append('\n');
        if (field != null) {
            yaml.append("              valueFrom:\n")
                    .append("                fieldRef:\n")
                    .append("                  fieldPath: ").append(field).append('\n');
        } else {
            yaml.append("              value: ").append(quoted(value)).append('\n');
        }
    }

    private String ingress() {
        return header("cookie affinity for ingress-nginx; other controllers have their own annotations")
                + "apiVersion: networking.k8s.io/v1\n"
                + "kind: Ingress\n"
                + "metadata:\n"
                + "  name: " + app.name() + "\n"
                + "  namespace: " + app.namespace() + "\n"
                + "  labels:\n"
                + "    app: " + app.name() + "\n"
                + "  annotations:\n"
                + "    nginx.ingress.kubernetes.io/affinity: \"cookie\"\n"
                + "    nginx.ingress.kubernetes.io/affinity-mode: \"persistent\"\n"
                + "    nginx.ingress.kubernetes.io/session-cookie-name: \"TOMCAT_AFFINITY\"\n"
                + "spec:\n"
                + "  ingressClassName: nginx\n"
                + "  rules:\n"
                + "    - http:\n"
                + "        paths:\n"
                + "          - path: /\n"
                + "            pathType: Prefix\n"
                + "            backend:\n"
                + "              service:\n"
                + "                name: " + app.name() + "\n"
                + "                port:\n"
                + "                  name: http\n";
    }

    /** A YAML double-quoted scalar; the values have no control characters (checked before). */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
