package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.ClassInfo.FieldInfo;
import io.github.clusterready.tomcat.session.TypeInterpreter.TypeValue;
import io.github.clusterready.tomcat.session.Verdict.Kind;
import io.github.clusterready.tomcat.war.WarEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * What the WAR assigns to a field whose type is an interface, abstract or {@code Object}: when every assignment
 * stores an object of a known class (a {@code new}, a lambda) and they agree on whether it is Serializable, that.
 * Fields set by reflection (a persistence or binding framework) are not seen.
 */
final class FieldAssignments {
    private final AnalysisInput input;
    private final FieldStores stores;

    FieldAssignments(AnalysisInput input, FieldStores stores) {
        this.input = input;
        this.stores = stores;
    }

    /**
     * What the WAR assigns to {@code field} of {@code declaring}, a class of {@code WEB-INF/classes}, in any of its
     * classes ({@link FieldStores}), or null when that cannot be told: a class of a library (whose own code may
     * assign it), an assignment whose value the frames do not know.
     */
    Result of(ClassInfo declaring, FieldInfo field) throws IOException {
        if (!field.descriptor.startsWith("L") || !stores.available() || input.isLibraryClass(declaring.name)
                || (field.access & Opcodes.ACC_STATIC) != 0) {
            return null;
        }
        if ((field.access & Opcodes.ACC_PRIVATE) != 0) {
            // Only its class, and its nest mates, may assign a private field: without nest mates, one class to read.
            ClassNode node = input.ownClass(declaring.name);
            if (node == null) {
                return null;
            }
            if (node.nestHostClass == null && (node.nestMembers == null || node.nestMembers.isEmpty())) {
                Result result = new Result();
                return add(result, node, null, field.name) && result.kind != null ? result : null;
            }
        }
        Map<WarEntry, List<FieldStores.Site>> byClass = new LinkedHashMap<>();
        for (FieldStores.Site site : stores.of(declaring.name, field.name)) {
            byClass.computeIfAbsent(site.entry, e -> new ArrayList<>()).add(site);
        }
        Result result = new Result();
        for (Map.Entry<WarEntry, List<FieldStores.Site>> each : byClass.entrySet()) {
            ClassNode node = input.read(each.getKey());
            if (node == null || !add(result, node, each.getValue(), field.name)) {
                return null;
            }
        }
        return result.kind != null ? result : null;
    }

    /**
     * Adds what the methods of {@code node} with {@code sites} (null: the assignments of {@code node}'s own field)
     * assign to the field; false when one tells nothing.
     */
    private boolean add(Result result, ClassNode node, List<FieldStores.Site> sites, String name) throws IOException {
        for (MethodNode method : node.methods) {
            List<Integer> puts = new ArrayList<>();
            for (int i = 0; i < method.instructions.size(); i++) {
                AbstractInsnNode insn = method.instructions.get(i);
                if (insn.getOpcode() == Opcodes.PUTFIELD && ((FieldInsnNode) insn).name.equals(name)
                        && (sites == null ? ((FieldInsnNode) insn).owner.equals(node.name)
                                : isSite(sites, method, ((FieldInsnNode) insn).owner))) {
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
                if (flow.frames[i] == null) {
                    continue;
                }
                BasicValue value = flow.stack(i, 0);
                boolean setter = value instanceof TypeInterpreter.ParameterValue
                        && ((TypeInterpreter.ParameterValue) value).slot == 1;
                if (setter ? !addSetterArguments(result, node, method) : !result.add(input.resolver, value)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Adds what the WAR passes to {@code method} when it is a setter ({@code void setTask(Runnable task)}, an instance
     * method of one object argument) that assigns its argument: the argument at each call in {@code WEB-INF/classes}.
     * False when it is no such setter, nothing calls it, or a call passes on a parameter of its own (not followed).
     */
    private boolean addSetterArguments(Result result, ClassNode node, MethodNode method) throws IOException {
        if ((method.access & Opcodes.ACC_STATIC) != 0 || !method.name.startsWith("set")) {
            return false;
        }
        List<FieldStores.Site> calls = stores.setterCalls(node.name, method.name, method.desc);
        if (calls.isEmpty()) {
            return false;
        }
        Map<WarEntry, List<FieldStores.Site>> byClass = new LinkedHashMap<>();
        for (FieldStores.Site call : calls) {
            byClass.computeIfAbsent(call.entry, e -> new ArrayList<>()).add(call);
        }
        for (Map.Entry<WarEntry, List<FieldStores.Site>> each : byClass.entrySet()) {
            ClassNode caller = input.read(each.getKey());
            if (caller == null) {
                return false;
            }
            for (MethodNode calling : caller.methods) {
                if (calls(each.getValue(), calling) && !addArguments(result, caller, calling, node.name, method)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean calls(List<FieldStores.Site> sites, MethodNode method) {
        for (FieldStores.Site site : sites) {
            if (site.method.equals(method.name) && site.descriptor.equals(method.desc)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the argument of each call of {@code setter} in {@code calling}; false when one tells nothing. */
    private boolean addArguments(Result result, ClassNode caller, MethodNode calling, String owner, MethodNode setter)
            throws IOException {
        Bytecode.MethodFlow flow = Bytecode.flow(input.resolver, caller.name, calling, null);
        if (flow == null) {
            return false;
        }
        for (int i = 0; i < calling.instructions.size(); i++) {
            AbstractInsnNode insn = calling.instructions.get(i);
            if (insn instanceof MethodInsnNode && ((MethodInsnNode) insn).owner.equals(owner)
                    && ((MethodInsnNode) insn).name.equals(setter.name)
                    && ((MethodInsnNode) insn).desc.equals(setter.desc) && flow.frames[i] != null) {
                BasicValue argument = flow.stack(i, 0);
                if (argument instanceof TypeInterpreter.ParameterValue || !result.add(input.resolver, argument)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isSite(List<FieldStores.Site> sites, MethodNode method, String owner) {
        for (FieldStores.Site site : sites) {
            if (site.method.equals(method.name) && site.descriptor.equals(method.desc) && site.owner.equals(owner)) {
                return true;
            }
        }
        return false;
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
