package io.github.clusterready.tomcat.session;

import org.objectweb.asm.tree.MethodNode;

/** A method of the WAR with at least one call that may be a session's setAttribute (or getAttribute). */
final class Candidate {
    final ClassInfo type;
    final MethodNode method;

    Candidate(ClassInfo type, MethodNode method) {
        this.type = type;
        this.method = method;
    }
}
