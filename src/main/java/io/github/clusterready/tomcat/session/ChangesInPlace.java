package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.ClassInfo.Origin;
import io.github.clusterready.tomcat.session.SessionRisk.Severity;
import io.github.clusterready.tomcat.session.TypeInterpreter.TypeValue;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/** Part of the {@link SetAttributeCalls} pass, on the same frames: session attributes changed in place. */
final class ChangesInPlace extends FrameCheck {
    /** What changes a collection, a map or an atomic value in place. */
    private static final Set<String> MUTATORS = new HashSet<>(Arrays.asList("add", "addAll", "put", "putAll",
            "remove", "removeAll", "retainAll", "clear", "set", "replaceAll", "putIfAbsent", "compute",
            "computeIfAbsent", "computeIfPresent", "merge", "replace", "offer", "push", "pop", "poll", "addFirst",
            "addLast", "removeIf", "sort", "lazySet", "incrementAndGet", "decrementAndGet", "getAndIncrement",
            "getAndDecrement", "addAndGet", "getAndAdd", "getAndSet", "updateAndGet", "getAndUpdate",
            "accumulateAndGet", "getAndAccumulate"));

    ChangesInPlace(AnalysisInput input, SessionAnalysis.Builder results) {
        super(input, results);
    }

    /**
     * A value read with {@code getAttribute("name")} and changed in the method (a collection's or map's
     * {@code add}/{@code put}/{@code remove}…, a setter or {@code add*}/{@code remove*} method of a class of the
     * WAR, a field written), where no {@code setAttribute} for that name (nor one with a name the analysis
     * cannot tell) can run after the change: DeltaManager and BackupManager replicate an attribute only when
     * {@code setAttribute} is called for it. A value passed to a method of the WAR or a library (not the JDK)
     * may be stored there again: it is left alone. One finding per attribute and method, at the first change.
     */
    @Override
    void check(Candidate candidate, Bytecode.MethodFlow flow) throws IOException {
        MethodNode method = candidate.method;
        Frame<BasicValue>[] frames = flow.frames;
        Map<String, Integer> changes = new LinkedHashMap<>();
        Map<String, String> how = new HashMap<>();
        Set<String> passedOn = new HashSet<>();
        for (int i = 0; i < method.instructions.size(); i++) {
            AbstractInsnNode insn = method.instructions.get(i);
            Frame<BasicValue> frame = frames[i];
            if (frame == null) {
                continue;
            }
            int size = frame.getStackSize();
            if (insn instanceof MethodInsnNode) {
                MethodInsnNode call = (MethodInsnNode) insn;
                int arguments = Type.getArgumentTypes(call.desc).length;
                ClassInfo callee = input.resolver.find(call.owner);
                boolean jdk = callee != null && callee.origin == Origin.JDK;
                for (int a = size - arguments; a < size && !jdk; a++) {
                    String read = readAttribute(frame.getStack(a));
                    if (read != null) {
                        passedOn.add(read);
                    }
                }
                if (call.getOpcode() != Opcodes.INVOKESTATIC && size - arguments - 1 >= 0) {
                    String read = readAttribute(frame.getStack(size - arguments - 1));
                    if (read != null && !changes.containsKey(read) && isMutator(call)) {
                        changes.put(read, i);
                        how.put(read, ClassInfo.simpleName(call.owner) + "." + call.name);
                    }
                }
            } else if (insn.getOpcode() == Opcodes.PUTFIELD && size >= 2) {
                String read = readAttribute(frame.getStack(size - 2));
                if (read != null && !changes.containsKey(read)) {
                    changes.put(read, i);
                    how.put(read, "the field " + ((FieldInsnNode) insn).name + " set");
                }
            }
        }
        for (Map.Entry<String, Integer> change : changes.entrySet()) {
            String name = change.getKey();
            if (passedOn.contains(name) || storedAfter(flow, change.getValue(), name)) {
                continue;
            }
            int line = Bytecode.lineOf(method.instructions.get(change.getValue()));
            String location = candidate.type.sourcePath() + (line > 0 ? ":" + line : "");
            results.risk(new SessionRisk(Severity.ERROR, location, candidate.type.simpleName() + "." + method.name
                    + " changes the session attribute \"" + name + "\" in place (" + how.get(name) + ") and "
                    + "does not call setAttribute(\"" + name + "\", …) after that, so DeltaManager and "
                    + "BackupManager do not replicate the change: the other nodes keep the value as it was last "
                    + "stored. Call session.setAttribute(\"" + name + "\", …) with the changed object after "
                    + "changing it"));
        }
    }

    /** The attribute name a value was read under with a session's {@code getAttribute}, or null. */
    private String readAttribute(BasicValue value) {
        if (!(value instanceof TypeValue) || ((TypeValue) value).read == null) {
            return null;
        }
        TypeValue typed = (TypeValue) value;
        return input.isSession(typed.read.owner) && !AnalysisInput.EXCLUDED_NAMES.contains(typed.attribute)
                ? typed.attribute : null;
    }

    private boolean isMutator(MethodInsnNode call) throws IOException {
        if (MUTATORS.contains(call.name) && holdsValues(call.owner)) {
            return true;
        }
        ClassInfo owner = input.resolver.find(call.owner);
        if (owner == null || owner.origin != Origin.WAR || !Type.getReturnType(call.desc).equals(Type.VOID_TYPE)
                || Type.getArgumentTypes(call.desc).length == 0) {
            return false;
        }
        for (String prefix : new String[] {"set", "add", "remove", "put"}) {
            if (call.name.length() > prefix.length() && call.name.startsWith(prefix)
                    && Character.isUpperCase(call.name.charAt(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@code setAttribute} for {@code name}, or for a name not known, may run after {@code from}. */
    private boolean storedAfter(Bytecode.MethodFlow flow, int from, String name) throws IOException {
        Frame<BasicValue>[] frames = flow.frames;
        return flow.searchAfter(from, at -> {
            AbstractInsnNode insn = flow.method.instructions.get(at);
            if (Bytecode.isSetter(insn) && input.isSession(((MethodInsnNode) insn).owner) && frames[at] != null) {
                BasicValue stored = frames[at].getStack(frames[at].getStackSize() - 2);
                String constant = stored instanceof TypeValue ? ((TypeValue) stored).constant : null;
                if (constant == null || constant.equals(name)) {
                    return Bytecode.Next.FOUND;
                }
            }
            return Bytecode.Next.FOLLOW;
        });
    }
}
