/**
 * The probe: code that runs inside each Tomcat node that the {@code run} and {@code start} goals start, never in a
 * production configuration. It watches every request that touches a session and writes what it sees to
 * {@code CATALINA_BASE/probe/events.txt}, which the plugin's {@code runtime} package reads back.
 *
 * <p>It imports only Tomcat's own classes ({@code org.apache.catalina…}, never the Servlet API) and the JDK, and uses
 * no method whose signature names a {@code javax.servlet} or {@code jakarta.servlet} type. So one build, compiled
 * against Tomcat 10.1, links on 8.5 and 9.0 (javax) as on 10.1 and 11.0 (jakarta); the end-to-end tests run it on
 * each line. It is compiled for Java 8, like the rest of the plugin, and shipped into each node's {@code lib/} as a
 * small jar of its own classes, never with the rest of the plugin.
 */
package io.github.clusterready.tomcat.probe;
