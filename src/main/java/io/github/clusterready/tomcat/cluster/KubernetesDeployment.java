package io.github.clusterready.tomcat.cluster;

/**
 * Where and how the cluster runs on Kubernetes, for the manifests {@code cluster-config} writes with
 * {@code kubernetes} or {@code dns} membership: the app's name (its pods' {@code app} label, the StatefulSet, the
 * Services), the namespace, the image and the number of replicas.
 */
public final class KubernetesDeployment {
    /** The namespace written when none is configured. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** The replicas written when none are configured. */
    public static final int DEFAULT_REPLICAS = 3;
    /** The most replicas the manifests accept: a DeltaManager cluster that large is a mistake anyway. */
    static final int MAX_REPLICAS = 1000;
    /** The suffix of the headless Service's name; the name must stay a DNS label of at most 63 characters. */
    static final String MEMBERS_SUFFIX = "-members";

    private final String name;
    private final String namespace;
    private final String image;
    private final int replicas;

    /**
     * @param name the app's name, a DNS label (lower-case letters, digits, '-')
     * @param namespace the Kubernetes namespace, a DNS label
     * @param image the container image with Tomcat and the WAR
     * @param replicas how many pods
     */
    public KubernetesDeployment(String name, String namespace, String image, int replicas) {
        this.name = name;
        this.namespace = namespace;
        this.image = image;
        this.replicas = replicas;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    public String image() {
        return image;
    }

    public int replicas() {
        return replicas;
    }

    /** The headless Service whose DNS name lists the pods' addresses (DNS membership). */
    public String membersService() {
        return name + MEMBERS_SUFFIX;
    }

    /** The name {@code DNSMembershipProvider} resolves: the headless Service in the cluster's DNS. */
    public String membersDnsName() {
        return membersService() + "." + namespace + ".svc.cluster.local";
    }

    /** The label selector of the app's pods, as {@code KUBERNETES_LABELS} gives it. */
    public String labelSelector() {
        return "app=" + name;
    }
}
