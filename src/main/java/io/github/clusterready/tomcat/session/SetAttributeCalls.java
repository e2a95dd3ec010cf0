package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.SessionRisk.Severity;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * The first pass: every call of {@code HttpSession.setAttribute} or {@code putValue} (javax and jakarta, and any
 * subtype of {@code HttpSession}) in the methods that may call one, its value judged by {@link StoredValueCheck} as
 * a frame analysis of the method types it at the call; the values read with {@code getAttribute} and changed in
 * place ({@link ChangesInPlace}); the values changed after they were stored ({@link ChangesAfterStore}); and the
 * methods that store one of their parameters ({@link Helper}s).
 */
final class SetAttributeCalls {
    private final AnalysisInput input;
    private final SessionAnalysis.Builder results;
    private final StoredValueCheck values;
    /** The checks on the same frames: values changed in place, values changed after they were stored. */
    private final List<FrameCheck> frameChecks;
    /** The WAR's methods that store a parameter as a session attribute, by owner, name and descriptor. */
    private final Map<String, Helper> helpers = new LinkedHashMap<>();

    SetAttributeCalls(AnalysisInput input, SessionAnalysis.Builder results, StoredValueCheck values) {
        this.input = input;
        this.results = results;
        this.values = values;
        this.frameChecks = Arrays.asList(new ChangesInPlace(input, results), new ChangesAfterStore(input, results));
    }

    void run() throws IOException {
        for (Candidate candidate : input.candidates) {
            MethodNode method = candidate.method;
            String[] failure = new String[1];
            Bytecode.MethodFlow flow = Bytecode.flow(input.resolver, candidate.type.name, method, failure);
            if (flow == null) {
                results.risk(new SessionRisk(Severity.UNKNOWN, candidate.type.sourcePath(), candidate.type
                        .simpleName() + "." + method.name + " could not be analysed (" + failure[0] + "), so what it "
                        + "stores in sessions is not known"));
                continue;
            }
            for (int i = 0; i < method.instructions.size(); i++) {
                AbstractInsnNode insn = method.instructions.get(i);
                if (Bytecode.isSetter(insn) && input.isSession(((MethodInsnNode) insn).owner)) {
                    results.setAttributeCall(!input.isLibraryClass(candidate.type.name));
                    if (flow.frames[i] != null) { // null: code that never runs
                        BasicValue name = flow.stack(i, 1);
                        BasicValue value = flow.stack(i, 0);
                        values.checkCall(candidate, (MethodInsnNode) insn, name, value);
                        Helper helper = Helper.of(candidate, (MethodInsnNode) insn, name, value);
                        if (helper != null) {
                            helpers.put(helper.key(), helper);
                        }
                    }
                }
            }
            for (FrameCheck check : frameChecks) {
                check.check(candidate, flow);
            }
        }
    }

    /** The helpers found, by {@link Helper#key()}, once {@link #run()} ran. */
    Map<String, Helper> helpers() {
        return Collections.unmodifiableMap(helpers);
    }
}
