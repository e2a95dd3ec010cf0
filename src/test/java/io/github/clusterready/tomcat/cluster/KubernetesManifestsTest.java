package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes manifests {@code cluster-config} writes with kubernetes and dns membership, parsed with a real YAML
 * parser (SnakeYAML) and checked against each other as the API server would join them: selectors match the pod
 * labels, the RoleBinding names the Role and the StatefulSet's ServiceAccount, ports are referred to by names that
 * exist, every environment variable a {@code $(VAR)} uses is defined before it. What the provider does with that
 * environment is proven on real Tomcat by {@link SeparateHostsE2ETest}.
 */
class KubernetesManifestsTest {
    private static final KubernetesDeployment SHOP = new KubernetesDeployment("shop", "shop-prod",
            "registry.example:5000/team/shop:2.1", 3);

    @TempDir
    Path temp;

    @Test
    void kubernetesMembershipGetsAServiceAccountAllowedToListThePods() throws Exception {
        Path out = write(settings(Membership.KUBERNETES).build(), true);
        Map<String, Map<String, Object>> docs = documents(out);
        assertEquals(List.of("ServiceAccount/shop", "Role/shop-pod-reader", "RoleBinding/shop-pod-reader",
                "Service/shop-members", "Service/shop", "StatefulSet/shop", "Ingress/shop"),
                new ArrayList<>(docs.keySet()));
        for (Map<String, Object> doc : docs.values()) {
            assertEquals("shop-prod", map(doc, "metadata").get("namespace"), doc.toString());
        }
        Map<String, Object> rule = list(docs.get("Role/shop-pod-reader"), "rules").get(0);
        assertEquals(List.of(""), rule.get("apiGroups"));
        assertEquals(List.of("pods"), rule.get("resources"));
        assertEquals(List.of("get", "list"), rule.get("verbs"));
        Map<String, Object> binding = docs.get("RoleBinding/shop-pod-reader");
        assertEquals("Role", map(binding, "roleRef").get("kind"));
        assertEquals("shop-pod-reader", map(binding, "roleRef").get("name"));
        Map<String, Object> subject = list(binding, "subjects").get(0);
        assertEquals("ServiceAccount", subject.get("kind"));
        Map<String, Object> pod = podSpec(docs.get("StatefulSet/shop"));
        assertEquals(subject.get("name"), pod.get("serviceAccountName"));
        assertEquals("shop-prod", subject.get("namespace"));

        Map<String, Object> env = env(container(docs.get("StatefulSet/shop")));
        assertEquals("app=shop", env.get("KUBERNETES_LABELS"));
        assertFalse(env.containsKey("DNS_MEMBERSHIP_SERVICE_NAME"));
    }

    @Test
    void dnsMembershipNeedsNoRoleAndResolvesTheHeadlessService() throws Exception {
        Path out = write(settings(Membership.DNS).build(), true);
        Map<String, Map<String, Object>> docs = documents(out);
        assertEquals(List.of("Service/shop-members", "Service/shop", "StatefulSet/shop", "Ingress/shop"),
                new ArrayList<>(docs.keySet()));
        assertFalse(Files.exists(out.resolve("kubernetes/rbac.yaml")));
        assertNull(podSpec(docs.get("StatefulSet/shop")).get("serviceAccountName"));
        Map<String, Object> env = env(container(docs.get("StatefulSet/shop")));
        // <service>.<namespace>.svc.cluster.local: the name the cluster DNS gives the headless Service
        assertEquals(map(docs.get("Service/shop-members"), "metadata").get("name") + "."
                + map(docs.get("Service/shop-members"), "metadata").get("namespace") + ".svc.cluster.local",
                env.get("DNS_MEMBERSHIP_SERVICE_NAME"));
        assertFalse(env.containsKey("KUBERNETES_LABELS"));
    }

    @ParameterizedTest
    @EnumSource(value = Membership.class, names = {"KUBERNETES", "DNS"})
    void theObjectsFitTogether(Membership membership) throws Exception {
        Path out = write(settings(membership).healthCheckPath("/shop/health").build(), true);
        Map<String, Map<String, Object>> docs = documents(out);
        Map<String, Object> statefulSet = docs.get("StatefulSet/shop");
        Map<String, Object> spec = map(statefulSet, "spec");
        Map<String, Object> podLabels = map(map(map(spec, "template"), "metadata"), "labels");
        assertEquals(map(map(spec, "selector"), "matchLabels"), podLabels);
        assertEquals(3, spec.get("replicas"));
        assertEquals("OrderedReady", spec.get("podManagementPolicy"));

        Map<String, Object> headless = docs.get("Service/shop-members");
        assertEquals(spec.get("serviceName"), map(headless, "metadata").get("name"));
        assertEquals("None", map(headless, "spec").get("clusterIP"));
        assertEquals(true, map(headless, "spec").get("publishNotReadyAddresses"));
        assertEquals(podLabels, map(map(headless, "spec"), "selector"));
        Map<String, Object> container = container(statefulSet);
        Map<String, Object> ports = new LinkedHashMap<>();
        for (Map<String, Object> port : list(container, "ports")) {
            ports.put((String) port.get("name"), port.get("containerPort"));
        }
        // the receiver port of the server.xml, the HTTP port of its connector
        assertEquals(Map.of("http", 18080, "cluster", 14000), ports);
        Map<String, Object> membersPort = list(map(headless, "spec"), "ports").get(0);
        assertEquals(14000, membersPort.get("port"));
        assertTrue(ports.containsKey((String) membersPort.get("targetPort")));

        Map<String, Object> service = docs.get("Service/shop");
        assertEquals("ClientIP", map(service, "spec").get("sessionAffinity"));
        assertEquals(podLabels, map(map(service, "spec"), "selector"));
        assertTrue(ports.containsKey((String) list(map(service, "spec"), "ports").get(0).get("targetPort")));

        Map<String, Object> ingress = docs.get("Ingress/shop");
        assertEquals("cookie", map(map(ingress, "metadata"), "annotations")
                .get("nginx.ingress.kubernetes.io/affinity"));
        Map<String, Object> backend = map(map(list(map(list(map(ingress, "spec"), "rules").get(0), "http"), "paths")
                .get(0), "backend"), "service");
        assertEquals("shop", backend.get("name"));
        assertEquals("http", map(backend, "port").get("name"));

        Map<String, Object> probe = map(map(container, "readinessProbe"), "httpGet");
        assertEquals("/shop/health", probe.get("path"));
        assertEquals("http", probe.get("port"));
        assertEquals("registry.example:5000/team/shop:2.1", container.get("image"));

        // Kubernetes expands $(VAR) only for variables defined earlier in the list
        List<String> defined = new ArrayList<>();
        for (Map<String, Object> var : list(container, "env")) {
            Object value = var.get("value");
            if (value != null) {
                Matcher uses = Pattern.compile("\\$\\(([A-Z_]+)\\)")
                        .matcher(value.toString());
                while (uses.find()) {
                    assertTrue(defined.contains(uses.group(1)), uses.group(1) + " used before it is defined");
                }
            }
            defined.add((String) var.get("name"));
        }
        Map<String, Object> env = env(container);
        assertEquals("-DjvmRoute=$(POD_NAME)", env.get("CATALINA_OPTS"));
        assertEquals("metadata.name", env.get("POD_NAME"));
        assertEquals("metadata.namespace", env.get("KUBERNETES_NAMESPACE"));
        // and the server.xml every pod runs takes its route from that property
        assertTrue(Files.readString(out.resolve("server.xml")).contains("<Engine name=\"Catalina\" "
                + "defaultHost=\"localhost\" jvmRoute=\"${jvmRoute}\">"), Files.readString(out.resolve("server.xml")));

        Map<String, Object> mount = list(container, "volumeMounts").get(0);
        Map<String, Object> volume = list(podSpec(statefulSet), "volumes").get(0);
        assertEquals(mount.get("name"), volume.get("name"));
        String configMap = (String) map(volume, "configMap").get("name");
        String install = Files.readString(out.resolve("INSTALL.md"));
        assertTrue(install.contains("kubectl create namespace shop-prod   # once\n"), install);
        assertTrue(install.contains("kubectl -n shop-prod create configmap " + configMap
                + " --from-file=server.xml=server.xml\n"), install);
        assertTrue(install.contains("kubectl apply -f kubernetes/\n"), install);
    }

    @ParameterizedTest
    @EnumSource(value = Membership.class, names = {"MULTICAST", "STATIC"})
    void otherMembershipsWriteNoManifests(Membership membership) throws Exception {
        ClusterSettings.Builder builder = settings(membership);
        if (membership == Membership.STATIC) {
            builder.node(new Node("node1", "10.0.0.11", 4000, null, null))
                    .node(new Node("node2", "10.0.0.12", 4000, null, null));
        }
        Path out = write(builder.build(), true);
        assertFalse(Files.exists(out.resolve("kubernetes")));
        assertFalse(Files.readString(out.resolve("INSTALL.md")).contains("## Kubernetes"));
    }

    @Test
    void badNamesImageOrReplicasNameTheParameterAndWriteNothing() throws Exception {
        assertRefused(new KubernetesDeployment("Shop_1", "default", "shop:1", 3), "<kubernetesName>",
                "\"Shop_1\" is not a Kubernetes name the manifests can use");
        assertRefused(new KubernetesDeployment("a".repeat(56), "default", "shop:1", 3), "<kubernetesName>",
                "1 to 55 lower-case letters");
        assertRefused(new KubernetesDeployment("shop", "Prod", "shop:1", 3), "<kubernetesNamespace>",
                "\"Prod\" is not a Kubernetes namespace");
        assertRefused(new KubernetesDeployment("shop", "default", "shop:1\"\nkind: Secret", 3), "<kubernetesImage>",
                "is not an image reference");
        assertRefused(new KubernetesDeployment("shop", "default", "shop:1", 0), "<kubernetesReplicas>",
                "0 must be a number from 1 to 1000");
    }

    @Test
    void aReadinessPathTheProbeCannotHoldIsRefused() throws Exception {
        ClusterSettings.Builder builder = settings(Membership.KUBERNETES).healthCheckPath("/shop health\"");
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(builder.build(), temp.resolve("refused"), null, null));
        assertTrue(e.getMessage().startsWith("<healthCheckPath> \"/shop health\"\" is not a URL path the readiness "
                + "probe can ask"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("refused")));
    }

    private void assertRefused(KubernetesDeployment app, String parameter, String message) throws Exception {
        Path out = temp.resolve("refused");
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> new ClusterConfigWriter()
                .write(ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.DNS).kubernetes(app).build(),
                        out, null, null));
        assertTrue(e.getMessage().startsWith(parameter + " "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void deltaManagerForMoreThanFourNodesIsWarnedAboutNamingBackupManager() throws Exception {
        String warning = "set <manager>BackupManager</manager>, which copies each session to one backup node";
        List<String> five = ClusterRules.check(nodes(5, Manager.DELTA));
        assertEquals(1, five.stream().filter(w -> w.contains(warning)).count(), five.toString());
        assertTrue(five.stream().anyMatch(w -> w.startsWith("<manager> is DeltaManager for 5 nodes (<nodes>): it "
                + "sends every session change to every other node, so each change costs 4 messages")), five.toString());
        assertFalse(ClusterRules.check(nodes(4, Manager.DELTA)).stream().anyMatch(w -> w.contains(warning)));
        assertFalse(ClusterRules.check(nodes(5, Manager.BACKUP)).stream().anyMatch(w -> w.contains(warning)));

        List<String> replicas = ClusterRules.check(ClusterSettings.builder(TomcatLine.V10_1)
                .membership(Membership.KUBERNETES).kubernetes(new KubernetesDeployment("shop", "default", "shop:1",
                        6)).build());
        assertTrue(replicas.stream().anyMatch(w -> w.startsWith("<manager> is DeltaManager for 6 nodes "
                + "(<kubernetesReplicas>)")), replicas.toString());
    }

    private static ClusterSettings nodes(int count, Manager manager) throws ClusterConfigException {
        ClusterSettings.Builder builder = ClusterSettings.builder(TomcatLine.V10_1).membership(Membership.STATIC)
                .manager(manager);
        for (int i = 1; i <= count; i++) {
            builder.node(new Node("node" + i, "10.0.0." + (10 + i), 4000, null, null));
        }
        return builder.build();
    }

    private static ClusterSettings.Builder settings(Membership membership) throws ClusterConfigException {
        return ClusterSettings.builder(TomcatLine.V10_1).membership(membership).kubernetes(SHOP)
                .attributes(Element.RECEIVER, Map.of("port", "14000"));
    }

    private Path write(ClusterSettings settings, boolean serverXml) throws IOException, ClusterConfigException {
        Path base = null;
        if (serverXml) {
            base = Files.writeString(temp.resolve("base-server.xml"), "<Server port=\"18005\" shutdown=\"SHUTDOWN\">\n"
                    + "  <Service name=\"Catalina\">\n"
                    + "    <Connector port=\"18080\" protocol=\"HTTP/1.1\"/>\n"
                    + "    <Engine name=\"Catalina\" defaultHost=\"localhost\">\n"
                    + "      <Host name=\"localhost\" appBase=\"webapps\"/>\n"
                    + "    </Engine>\n"
                    + "  </Service>\n"
                    + "</Server>\n");
        }
        Path out = temp.resolve("out");
        new ClusterConfigWriter().write(settings, out, base, "server.xml");
        return out;
    }

    /** Every document of every manifest, by kind and name, in the order kubectl would apply them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> documents(Path out) throws IOException {
        Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(out.resolve("kubernetes"))) {
            files = list.sorted().collect(Collectors.toList());
        }
        List<String> order = List.of("rbac.yaml", "services.yaml", "statefulset.yaml", "ingress.yaml");
        files.sort((a, b) -> order.indexOf(a.getFileName().toString()) - order.indexOf(b.getFileName().toString()));
        assertTrue(files.stream().allMatch(f -> order.contains(f.getFileName().toString())), files.toString());
        for (Path file : files) {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (Object doc : yaml.loadAll(Files.readString(file))) {
                Map<String, Object> map = (Map<String, Object>) doc;
                assertTrue(map.get("apiVersion") instanceof String, file + ": " + map);
                String key = map.get("kind") + "/" + map(map, "metadata").get("name");
                assertNull(docs.put(key, map), "two " + key);
                assertEquals("shop", map(map(map, "metadata"), "labels").get("app"), key);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof Map, key + " in " + parent);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof List, key + " in " + parent);
        return (List<Map<String, Object>>) value;
    }

    private static Map<String, Object> podSpec(Map<String, Object> statefulSet) {
        return map(map(map(statefulSet, "spec"), "template"), "spec");
    }

    private static Map<String, Object> container(Map<String, Object> statefulSet) {
        return list(podSpec(statefulSet), "containers").get(0);
    }

    /** Each variable's value, or for a fieldRef its field path. */
    private static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Map<String, Object> var : list(container, "env")) {
            env.put((String) var.get("name"), var.get("value") != null ? var.get("value")
                    : map(map(var, "valueFrom"), "fieldRef").get("fieldPath"));
        }
        return env;
    }
}
