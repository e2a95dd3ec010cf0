package io.github.clusterready.tomcat.maven;

import java.util.Map;

/**
 * One request of the built-in scenario ({@code <requests><request>}): {@code <method>} (GET by default),
 * {@code <path>} under the webapp ({@code /cart/add?item=1}), and form {@code <parameters>} ({@code <item>1</item>}),
 * sent in the query of a GET and as the form body of a POST.
 */
public final class Request {
    /** GET (the default), POST, PUT, DELETE, … */
    String method;
    /** The path under the webapp, with its query if any, e.g. {@code /cart/add?item=1}. */
    String path;
    /** Form parameters by name. */
    Map<String, String> parameters;
}
