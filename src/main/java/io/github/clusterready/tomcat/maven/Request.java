package io.github.clusterready.tomcat.maven;

import java.util.List;
import java.util.Map;

/**
 * One step of the built-in scenario ({@code <requests><request>}): a request, or a failover step ({@code <kill>} or
 * {@code <restart>} instead of a {@code <path>}). A request has {@code <method>} (GET by default), {@code <path>}
 * under the webapp ({@code /cart/add?item=1}) and form {@code <parameters>} ({@code <item>1</item>}), sent in the
 * query of a GET and as the form body of a POST; {@code <node>}, {@code <followRedirects>}, {@code <extracts>},
 * {@code <expect>} and {@code <group>} say where it goes and what it must get. {@code ${name}} in a path or a
 * parameter is the value an earlier request's {@code <extract>} took.
 */
public final class Request {
    /** GET (the default), POST, PUT, DELETE, HEAD, OPTIONS, TRACE: what the JDK's HttpURLConnection sends. */
    String method;
    /** The path under the webapp, with its query if any, e.g. {@code /cart/add?item=1}; may hold {@code ${name}}. */
    String path;
    /** Form parameters by name; values may hold {@code ${name}}. */
    Map<String, String> parameters;
    /**
     * The node that serves the request: a node's name ({@code node1}), {@code same} (the node of the request
     * before) or {@code other} (another one); by default the next node in turn.
     */
    String node;
    /** Whether a redirect is followed, on the same node (true by default). */
    Boolean followRedirects;
    /** Values taken from the response for later requests, each an {@code <extract>}. */
    List<Extract> extracts;
    /** What the response must be; by default any status below 400. */
    Expect expect;
    /** Requests with the same group name, one after the other, are sent at once. */
    String group;
    /** Instead of a request: SIGKILL {@code last} (the node that served last) or a node by name. */
    String kill;
    /** Instead of a request: start {@code last} (the node killed last) or a node by name again. */
    String restart;
}
