package io.github.clusterready.tomcat.session;

import java.io.IOException;

/**
 * A check that runs inside the {@link SetAttributeCalls} pass, on the frames that pass made of each method that may
 * store in a session: {@link ChangesInPlace} and {@link ChangesAfterStore}. They share the analysis's input and
 * results, and what counts as a value that holds what is put into it.
 */
abstract class FrameCheck {
    private static final String ATOMIC = "java/util/concurrent/atomic/";

    final AnalysisInput input;
    final SessionAnalysis.Builder results;

    FrameCheck(AnalysisInput input, SessionAnalysis.Builder results) {
        this.input = input;
        this.results = results;
    }

    /** Checks one method, on the frames and control flow of the pass. */
    abstract void check(Candidate candidate, Bytecode.MethodFlow flow) throws IOException;

    /** Whether {@code owner} is a collection, a map or an atomic value, whose methods may change what it holds. */
    final boolean holdsValues(String owner) throws IOException {
        return StoredValueCheck.isContainer(input.resolver, owner) || owner.startsWith(ATOMIC);
    }
}
