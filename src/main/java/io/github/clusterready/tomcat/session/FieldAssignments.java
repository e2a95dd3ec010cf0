package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.ClassInfo.FieldInfo;
import io.github.clusterready.tomcat.session.TypeInterpreter.TypeValue;
import io.github.clusterready.tomcat.session.Verdict.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * What the WAR assigns to a field whose type is an interface, abstract or {@code Object}: when every assignment
 * stores an object of a known class (a {@code new}, a lambda) and they agree on whether it is Serializable, that.
 */
final class FieldAssignments {
    private final AnalysisInput input;

    FieldAssignments(AnalysisInput input) {
        this.input = input;
    }

    /**
     * What the WAR assigns to the private field {@code field} of {@code declaring}, or null when that cannot be
     * told. Only classes of {@code WEB-INF/classes} that are no nest host or member (so no other class file may
     * assign the field) are read, a second time, for their code.
     */
    Result of(ClassInfo declaring, FieldInfo field) throws IOException {
        if ((field.access & Opcodes.ACC_PRIVATE) == 0 || !field.descriptor.startsWith("L") || input.archive == null) {
            return null;
        }
        ClassNode node = input.ownClass(declaring.name);
        if (node == null || node.nestHostClass != null || node.nestMembers != null && !node.nestMembers.isEmpty()) {
            return null;
        }
        Result result = new Result();
        return add(result, node, declaring.name, field.name) && result.kind != null ? result : null;
    }

    /** Adds what the methods of {@code node} assign to {@code owner.name}; false when one tells nothing. */
    private boolean add(Result result, ClassNode node, String owner, String name) throws IOException {
        for (MethodNode method : node.methods) {
            List<Integer> puts = new ArrayList<>();
            for (int i = 0; i < method.instructions.size(); i++) {
                AbstractInsnNode insn = method.instructions.get(i);
                if (insn.getOpcode() == Opcodes.PUTFIELD && ((FieldInsnNode) insn).owner.equals(owner)
                        && ((FieldInsnNode) insn).name.equals(name)) {
                    puts.add(i);
                }
            }
            if (puts.isEmpty()) {
                continue;
            }
            Bytecode.MethodFlow flow = Bytecode.flow(input.resolver, node.name, method, null);
            if (flow == null) {
                return false;
            }
            for (int i : puts) {
                if (flow.frames[i] != null && !result.add(input.resolver, flow.stack(i, 0))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** What the assignments of one field store, as far as they agree. */
    static final class Result {
        Kind kind;
        String what;
        final List<String> classes = new ArrayList<>();

        /** Adds one assigned value; false when it tells nothing, or disagrees with the others. */
        boolean add(SerializabilityResolver resolver, BasicValue value) throws IOException {
            if (!(value instanceof TypeValue)) {
                return false;
            }
            TypeValue typed = (TypeValue) value;
            if (typed.isNull()) {
                return true;
            }
            Kind found;
            String shown;
            if (typed.made != null && typed.made.kind != Kind.UNKNOWN) {
                found = typed.made.kind;
                shown = typed.made.what;
            } else if (typed.exact && typed.getType().getSort() == Type.OBJECT) {
                found = resolver.verdict(typed.getType().getInternalName(), true).kind;
                shown = "a new " + Bytecode.binary(typed.getType());
                if (found == Kind.SERIALIZABLE) {
                    classes.add(typed.getType().getInternalName());
                }
            } else {
                return false;
            }
            if (found == Kind.UNKNOWN || kind != null && kind != found) {
                return false;
            }
            kind = found;
            what = what == null || what.equals(shown) ? shown : what + " or " + shown;
            return true;
        }
    }
}
