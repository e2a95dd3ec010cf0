package io.github.clusterready.tomcat.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every port of one node: its HTTP connector (the load balancer's target), shutdown, redirect and AJP ports as its
 * server.xml has them after the port shift, and its receiver. A port the plugin does not know (no base server.xml,
 * or a {@code ${…}} property) is null.
 */
final class NodePorts {
    /** What a Connector serves. */
    enum Kind {
        HTTP, HTTPS, AJP
    }

    /** One Connector of the base server.xml, its values as Tomcat reads them. */
    static final class Connector {
        final Kind kind;
        final String port;
        final String redirectPort;

        Connector(Kind kind, String port, String redirectPort) {
            this.kind = kind;
            this.port = port;
            this.redirectPort = redirectPort;
        }
    }

    final Node node;
    /** The port the load balancer sends to: {@code <httpPort>}, else the first HTTP connector's. */
    final Integer http;
    /** The first HTTP connector's port in the node's server.xml, or null. */
    final String httpInServerXml;
    final String shutdown;
    final List<String> https;
    final List<String> redirect;
    final List<String> ajp;
    final int receiver;

    private NodePorts(Node node, Integer http, String httpInServerXml, String shutdown, List<String> https,
            List<String> redirect, List<String> ajp) {
        this.node = node;
        this.http = http;
        this.httpInServerXml = httpInServerXml;
        this.shutdown = shutdown;
        this.https = Collections.unmodifiableList(https);
        this.redirect = Collections.unmodifiableList(redirect);
        this.ajp = Collections.unmodifiableList(ajp);
        this.receiver = node.port();
    }

    /**
     * The node's ports: from the base server.xml (or null without one), moved by the node's shift as its own
     * server.xml has them.
     */
    static NodePorts of(Node node, ServerXmlEditor base, int shift) {
        String httpInServerXml = null;
        String shutdown = null;
        List<String> https = new ArrayList<>();
        List<String> redirect = new ArrayList<>();
        List<String> ajp = new ArrayList<>();
        if (base != null) {
            shutdown = shifted(base.shutdownPort(), shift);
            for (Connector connector : base.connectorPorts()) {
                String port = shifted(connector.port, shift);
                if (connector.kind == Kind.HTTP && httpInServerXml == null) {
                    httpInServerXml = port;
                } else if (connector.kind == Kind.HTTPS) {
                    https.add(port);
                } else if (connector.kind == Kind.AJP) {
                    ajp.add(port);
                }
                String redirectPort = shifted(connector.redirectPort, shift);
                if (redirectPort != null && !redirect.contains(redirectPort)) {
                    redirect.add(redirectPort);
                }
            }
        }
        Integer http = node.httpPort();
        if (http == null && httpInServerXml != null && httpInServerXml.matches("\\d{1,5}")) {
            http = Integer.valueOf(httpInServerXml);
        }
        return new NodePorts(node, http, httpInServerXml, shutdown, https, redirect, ajp);
    }

    /** A number moved by {@code shift} as the node's server.xml has it; 0, -1 and {@code ${…}} stay. */
    static String shifted(String value, int shift) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.matches("\\d{1,9}") && Integer.parseInt(v) > 0) {
            return String.valueOf(Integer.parseInt(v) + shift);
        }
        return v;
    }
}
