package io.github.clusterready.tomcat.cluster;

import java.util.Locale;

/** The load balancers {@code cluster-config} writes a configuration for, each with the file it writes. */
public enum LoadBalancer {
    /** Apache httpd 2.4 with {@code mod_proxy_balancer}, a file to include into its configuration. */
    HTTPD("httpd", "load-balancer/tomcat-cluster.conf", "Apache httpd mod_proxy_balancer"),
    /** HAProxy, a {@code backend} section to add to its configuration. */
    HAPROXY("haproxy", "load-balancer/haproxy.cfg", "HAProxy");

    private final String value;
    private final String file;
    private final String title;

    LoadBalancer(String value, String file, String title) {
        this.value = value;
        this.file = file;
        this.title = title;
    }

    /** The file written, relative to the output directory. */
    public String file() {
        return file;
    }

    /** The balancer's name for people, e.g. {@code HAProxy}. */
    public String title() {
        return title;
    }

    /** {@code httpd} (also {@code apache}, {@code apache2}, {@code mod_proxy_balancer}) or {@code haproxy}. */
    public static LoadBalancer of(String value) throws ClusterConfigException {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("httpd") || v.equals("apache") || v.equals("apache2") || v.equals("mod_proxy_balancer")) {
            return HTTPD;
        }
        if (v.equals("haproxy")) {
            return HAPROXY;
        }
        throw new ClusterConfigException("<loadBalancer>", "\"" + value + "\" is not a load balancer the plugin "
                + "writes a configuration for; use httpd (Apache httpd mod_proxy_balancer) or haproxy, or leave it "
                + "out (INSTALL.md then says what any balancer needs)");
    }

    @Override
    public String toString() {
        return value;
    }
}
