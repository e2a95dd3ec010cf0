package io.github.clusterready.tomcat.cluster;

import java.util.List;

/**
 * The load balancer's configuration for the nodes: one member per node at its host and HTTP port, with the node's
 * jvmRoute as its route, so that a session stays on the node whose route ends its id ({@code JSESSIONID} cookie,
 * or {@code ;jsessionid=} in the URL); health checks; and failover to the other members when a node fails. Every
 * value written is checked before ({@link ClusterRules#checkLoadBalancer}): routes are letters, digits, '_' and
 * '-', hosts are host names or IP literals, the health check path has no space, quote or comment character.
 */
final class LoadBalancerConfig {
    /** The name of the httpd balancer and of the HAProxy backend. */
    static final String NAME = "tomcat-cluster";
    /** Seconds between health checks of a member. */
    static final int CHECK_INTERVAL = 5;
    /** Failed checks in a row that take a member out, passed ones that bring it back. */
    static final int CHECK_FAILS = 2;
    static final int CHECK_PASSES = 2;

    private LoadBalancerConfig() {
    }

    static String text(ClusterSettings settings, List<NodePorts> nodes) {
        return settings.loadBalancer() == LoadBalancer.HTTPD ? httpd(settings, nodes) : haproxy(settings, nodes);
    }

    /** A file to include into httpd's server configuration or a {@code <VirtualHost>}. */
    static String httpd(ClusterSettings settings, List<NodePorts> nodes) {
        StringBuilder c = header(settings, "Apache httpd 2.4 mod_proxy_balancer", "a request");
        c.append("# Needs the modules proxy, proxy_http, proxy_balancer, lbmethod_byrequests, proxy_hcheck "
                        + "(Debian: a2enmod proxy_http proxy_balancer lbmethod_byrequests proxy_hcheck).\n")
                .append("# Include it in the server configuration or a <VirtualHost> (Debian: copy it to "
                        + "/etc/apache2/conf-available/, a2enconf tomcat-cluster).\n");
        c.append("<Proxy \"balancer://").append(NAME).append("\">\n");
        for (NodePorts node : nodes) {
            c.append("    BalancerMember \"http://").append(urlHost(node.node.host())).append(':').append(node.http)
                    .append("\" route=").append(node.node.jvmRoute())
                    .append(" hcmethod=GET hcuri=").append(settings.healthCheckPath())
                    .append(" hcinterval=").append(CHECK_INTERVAL).append(" hcfails=").append(CHECK_FAILS)
                    .append(" hcpasses=").append(CHECK_PASSES).append('\n');
        }
        // JSESSIONID is the cookie, jsessionid the URL's path parameter (after ';' with scolonpathdelim)
        c.append("    ProxySet lbmethod=byrequests stickysession=JSESSIONID|jsessionid scolonpathdelim=On "
                + "nofailover=Off\n");
        c.append("</Proxy>\n");
        c.append("ProxyPass \"/\" \"balancer://").append(NAME).append("/\"\n");
        c.append("ProxyPassReverse \"/\" \"balancer://").append(NAME).append("/\"\n");
        return c.toString();
    }

    /** A {@code backend} section for HAProxy's configuration; a frontend sends to it with {@code default_backend}. */
    static String haproxy(ClusterSettings settings, List<NodePorts> nodes) {
        StringBuilder c = header(settings, "an HAProxy backend", "a connection");
        c.append("# Add it to haproxy.cfg after the global and defaults sections (or pass it as another -f), "
                        + "and send a frontend to it:\n")
                .append("#     frontend www\n#         mode http\n#         bind :80\n")
                .append("#         default_backend ").append(NAME).append('\n');
        c.append("backend ").append(NAME).append('\n');
        c.append("    mode http\n");
        c.append("    balance roundrobin\n");
        c.append("    timeout connect 5s\n");
        c.append("    timeout server 60s\n");
        c.append("    option httpchk GET ").append(settings.healthCheckPath()).append('\n');
        // a refused connection is retried, the last time on another node: a session whose node has just failed
        // continues before the health checks notice
        c.append("    retries 2\n");
        c.append("    option redispatch\n");
        for (NodePorts node : nodes) {
            String route = node.node.jvmRoute();
            String acl = "route-" + route;
            c.append("    acl ").append(acl).append(" req.cook(JSESSIONID) -m end .").append(route).append('\n');
            c.append("    acl ").append(acl).append(" path_reg ;jsessionid=[^;/]*[.]").append(route)
                    .append("(;|$)\n");
            c.append("    use-server ").append(node.node.name()).append(" if ").append(acl).append('\n');
        }
        for (NodePorts node : nodes) {
            c.append("    server ").append(node.node.name()).append(' ').append(urlHost(node.node.host())).append(':')
                    .append(node.http).append(" check inter ").append(CHECK_INTERVAL).append("s fall ")
                    .append(CHECK_FAILS).append(" rise ").append(CHECK_PASSES).append('\n');
        }
        return c.toString();
    }

    /**
     * The comment both files start with: what wrote it for which cluster, how a session stays on its node, and
     * when a node is left out ({@code refused}: what a failed node refuses, a request or a connection).
     */
    private static StringBuilder header(ClusterSettings settings, String balancer, String refused) {
        return new StringBuilder()
                .append("# Written by tomcat-cluster-maven-plugin (goal cluster-config) for the Tomcat ")
                .append(settings.line()).append(" cluster: ").append(balancer).append(".\n")
                .append("# Each session stays on the node whose jvmRoute ends its id (JSESSIONID cookie, or "
                        + ";jsessionid= in the URL);\n")
                .append("# a node that refuses ").append(refused).append(" or fails ").append(CHECK_FAILS)
                .append(" health checks in a row is left out and its sessions continue on the others.\n");
    }

    /** An IPv6 literal in brackets, as a URL and HAProxy's {@code address:port} need it; other hosts as they are. */
    static String urlHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
