package io.github.clusterready.tomcat.war;

import java.io.IOException;

/**
 * The points a rewrite passes, in order. Production code passes them silently; tests make each fail in turn to
 * show that a failure anywhere leaves the original WAR as it was and no temporary file behind.
 */
@FunctionalInterface
interface RewriteSteps {
    RewriteSteps NONE = step -> { };

    void reached(String step) throws IOException;
}
