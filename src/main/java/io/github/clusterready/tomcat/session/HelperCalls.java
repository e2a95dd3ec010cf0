package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.TypeInterpreter.TypeValue;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * A pass: the calls of the {@link Helper}s {@link SetAttributeCalls} found; each stores its argument as
 * {@code setAttribute} would, checked at the caller's line. The callers are found among the classes of
 * {@code WEB-INF/classes}, read a second time; calls from the jars of {@code WEB-INF/lib}, and helpers of helpers,
 * are not followed.
 */
final class HelperCalls {
    private final AnalysisInput input;
    private final StoredValueCheck values;
    private final Map<String, Helper> helpers;

    HelperCalls(AnalysisInput input, StoredValueCheck values, Map<String, Helper> helpers) {
        this.input = input;
        this.values = values;
        this.helpers = helpers;
    }

    void run() throws IOException {
        if (helpers.isEmpty() || input.archive == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (Helper helper : helpers.values()) {
            names.add(helper.name);
        }
        List<byte[]> wanted = new ArrayList<>();
        for (String name : names) {
            wanted.add(name.getBytes(StandardCharsets.UTF_8));
        }
        try {
            for (WarEntry entry : input.ownClassFiles()) {
                byte[] bytes = input.archive.read(entry, AnalysisInput.CLASS_FILE_LIMIT);
                boolean calls = false;
                for (byte[] helperName : wanted) {
                    calls |= Bytecode.contains(bytes, helperName);
                }
                if (calls) {
                    checkCalls(bytes);
                }
            }
        } catch (WarException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void checkCalls(byte[] bytes) throws IOException {
        ClassNode node = new ClassNode();
        try {
            new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            return; // warned about when first read
        }
        ClassInfo type = input.resolver.find(node.name);
        if (type == null || type.origin != ClassInfo.Origin.WAR) {
            return;
        }
        for (MethodNode method : node.methods) {
            List<Integer> calls = new ArrayList<>();
            for (int i = 0; i < method.instructions.size(); i++) {
                AbstractInsnNode insn = method.instructions.get(i);
                if (insn instanceof MethodInsnNode && helpers.containsKey(key((MethodInsnNode) insn))) {
                    calls.add(i);
                }
            }
            Bytecode.MethodFlow flow = calls.isEmpty() ? null : Bytecode.flow(input.resolver, node.name, method, null);
            if (flow == null) {
                continue;
            }
            Candidate candidate = new Candidate(type, method);
            for (int i : calls) {
                MethodInsnNode call = (MethodInsnNode) method.instructions.get(i);
                Helper helper = helpers.get(key(call));
                if (flow.frames[i] == null) {
                    continue;
                }
                int arguments = Type.getArgumentTypes(call.desc).length;
                BasicValue value = flow.stack(i, arguments - 1 - helper.valueArgument);
                BasicValue name = helper.nameArgument >= 0 ? flow.stack(i, arguments - 1 - helper.nameArgument)
                        : new TypeValue(Type.getObjectType("java/lang/String"), true, helper.constant);
                if (value instanceof TypeInterpreter.ParameterValue) {
                    continue; // a helper of a helper: not followed
                }
                values.checkCall(candidate, call, name, value, helper.via);
            }
        }
    }

    private static String key(MethodInsnNode call) {
        return call.owner + "." + call.name + call.desc;
    }
}
