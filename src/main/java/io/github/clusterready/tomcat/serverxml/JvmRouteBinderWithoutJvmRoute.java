package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.cluster.TomcatLine;

/**
 * A {@code JvmRouteBinderValve} on a node whose {@code <Engine>} has no {@code jvmRoute}: the valve finds no
 * route and returns at once (logging so only at debug level), so sessions keep the failed node's route after a
 * failover, and a sticky load balancer has no route to stick to. On 8.5 and 9.0 the Engine also takes the
 * system property {@code jvmRoute}; 10.1 and later do not.
 */
final class JvmRouteBinderWithoutJvmRoute extends Rule {
    JvmRouteBinderWithoutJvmRoute() {
        super("jvm-route-binder-without-jvm-route",
                "JvmRouteBinderValve.java (invoke: jvmRoute.missingJvmRouteAttribute, \"No engine jvmRoute "
                        + "attribute configured!\", at debug level); config/engine.html (jvmRoute); "
                        + "StandardEngine.java of 8.5 and 9.0 (System.getProperty(\"jvmRoute\"))");
    }

    @Override
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
        XmlNode engine = node.engine();
        if (engine == null) {
            return;
        }
        for (XmlNode valve : cluster.children("Valve", "JvmRouteBinderValve")) {
            if (!findings.checkable(node, engine, "jvmRoute", this)) {
                continue;
            }
            String route = node.value(engine, "jvmRoute");
            boolean fromProperty = node.property("jvmRoute") != null && node.line != null
                    && node.line.compareTo(TomcatLine.V10_1) < 0;
            if ((route == null || route.trim().isEmpty()) && !fromProperty) {
                findings.add(node, valve, null, Severity.FRAGILE, this, "a JvmRouteBinderValve, and the <Engine> "
                                + "has no jvmRoute",
                        "the valve finds no route and does nothing: after a failover the session id keeps the "
                                + "failed node's route, and a sticky load balancer has no route to stick to",
                        "give each node's <Engine> its own jvmRoute=\"…\" (the load balancer's route for it)",
                        null);
            }
        }
    }
}
