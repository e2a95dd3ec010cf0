package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.ClassInfo.FieldInfo;
import io.github.clusterready.tomcat.session.ClassInfo.Origin;
import io.github.clusterready.tomcat.session.SessionRisk.Severity;
import io.github.clusterready.tomcat.session.TypeInterpreter.TypeValue;
import io.github.clusterready.tomcat.session.Verdict.Kind;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Part of the {@link SetAttributeCalls} pass, on the same frames: a value stored with {@code setAttribute} from a
 * local variable and changed after that in the same method, through the same variable, so that its graph holds an
 * object known not to be Serializable: {@code session.setAttribute("cart", cart); cart.add(new GiftWrap())}. Tomcat
 * checks only the stored object itself at {@code setAttribute}; replication at the end of the request serializes
 * the whole graph and fails with {@code NotSerializableException}. The changes looked at: a collection's or map's
 * {@code add}/{@code put}/{@code set}… and a setter of a class of the WAR ({@code setX} with a serialized field
 * {@code x}); each finding names the line of the change.
 */
final class ChangesAfterStore extends FrameCheck {
    private static final Set<String> ADDERS = new HashSet<>(Arrays.asList("add", "addAll", "put", "putAll", "set",
            "putIfAbsent", "offer", "push", "addFirst", "addLast", "replace", "lazySet", "getAndSet"));

    ChangesAfterStore(AnalysisInput input, SessionAnalysis.Builder results) {
        super(input, results);
    }

    @Override
    void check(Candidate candidate, Bytecode.MethodFlow flow) throws IOException {
        MethodNode method = candidate.method;
        Frame<SourceValue>[] sources = null;
        for (int i = 0; i < method.instructions.size(); i++) {
            AbstractInsnNode insn = method.instructions.get(i);
            // Cheap tests first: a value pushed from a variable just before the call, and a later call that may add.
            if (!Bytecode.isSetter(insn) || insn.getPrevious() == null
                    || insn.getPrevious().getOpcode() != Opcodes.ALOAD
                    || !input.isSession(((MethodInsnNode) insn).owner) || flow.frames[i] == null
                    || !changesFollow(method, i)) {
                continue;
            }
            if (sources == null) {
                try {
                    sources = new Analyzer<>(new SourceInterpreter()).analyze(candidate.type.name, method);
                } catch (AnalyzerException | RuntimeException e) {
                    return; // the type frames were made: this cannot fail on the same code but for a bound
                }
            }
            int slot = localOf(sources[i].getStack(sources[i].getStackSize() - 1));
            BasicValue name = flow.stack(i, 1);
            String attribute = name instanceof TypeValue ? ((TypeValue) name).constant : null;
            if (slot >= 0 && !AnalysisInput.EXCLUDED_NAMES.contains(String.valueOf(attribute))) {
                checkAfter(candidate, flow, sources, i, slot, attribute);
            }
        }
    }

    /** A cheap test before the source frames: a call after {@code from} that may add to a stored value. */
    private boolean changesFollow(MethodNode method, int from) throws IOException {
        for (int i = from + 1; i < method.instructions.size(); i++) {
            AbstractInsnNode insn = method.instructions.get(i);
            if (insn instanceof MethodInsnNode && !Bytecode.isSetter(insn) && adds((MethodInsnNode) insn)) {
                return true;
            }
        }
        return false;
    }

    /** The local variable the value comes from, when only an {@code ALOAD} of one made it; else -1. */
    private static int localOf(SourceValue value) {
        int slot = -1;
        for (AbstractInsnNode producer : value.insns) {
            if (producer.getOpcode() != Opcodes.ALOAD || slot >= 0 && ((VarInsnNode) producer).var != slot) {
                return -1;
            }
            slot = ((VarInsnNode) producer).var;
        }
        return slot;
    }

    /** Follows the code after the store at {@code from} until the variable is assigned again. */
    private void checkAfter(Candidate candidate, Bytecode.MethodFlow flow, Frame<SourceValue>[] sources, int from,
            int slot, String attribute) throws IOException {
        flow.searchAfter(from, at -> {
            AbstractInsnNode insn = flow.method.instructions.get(at);
            if (insn.getOpcode() == Opcodes.ASTORE && ((VarInsnNode) insn).var == slot) {
                return Bytecode.Next.NOT_PAST; // another object from here on
            }
            // one finding per store
            return insn instanceof MethodInsnNode && flow.frames[at] != null && sources[at] != null
                    && report(candidate, flow, sources, at, slot, attribute, from)
                    ? Bytecode.Next.FOUND : Bytecode.Next.FOLLOW;
        });
    }

    private boolean report(Candidate candidate, Bytecode.MethodFlow flow, Frame<SourceValue>[] sources, int at,
            int slot, String attribute, int from) throws IOException {
        MethodInsnNode call = (MethodInsnNode) flow.method.instructions.get(at);
        int arguments = Type.getArgumentTypes(call.desc).length;
        Frame<SourceValue> frame = sources[at];
        if (call.getOpcode() == Opcodes.INVOKESTATIC || arguments == 0
                || localOf(frame.getStack(frame.getStackSize() - arguments - 1)) != slot || !adds(call)) {
            return false;
        }
        for (int a = 0; a < arguments; a++) {
            BasicValue argument = flow.stack(at, a);
            if (!(argument instanceof TypeValue) || ((TypeValue) argument).isNull()) {
                continue;
            }
            TypeValue typed = (TypeValue) argument;
            String what;
            String reason;
            String fix;
            if (typed.made != null) {
                if (typed.made.kind != Kind.NOT_SERIALIZABLE) {
                    continue;
                }
                what = typed.made.what;
                reason = "it " + typed.made.reason;
                fix = "add a Serializable object instead";
            } else if (typed.getType().getSort() == Type.OBJECT) {
                String type = typed.getType().getInternalName();
                Verdict verdict = input.resolver.verdict(type, typed.exact);
                if (!verdict.is(Kind.NOT_SERIALIZABLE)) {
                    continue;
                }
                what = (typed.exact ? "a new " : "a ") + Bytecode.binary(typed.getType());
                reason = ClassInfo.simpleName(type) + " " + verdict.reason;
                fix = StoredValueCheck.fix(verdict, type);
            } else {
                continue;
            }
            String shown = attribute == null ? "the session attribute" : "the session attribute \"" + attribute + "\"";
            results.risk(new SessionRisk(Severity.ERROR, Bytecode.location(candidate.type, call),
                    candidate.type.simpleName() + "." + flow.method.name + " puts " + what + " into " + shown
                            + " after storing it (at " + Bytecode.location(candidate.type,
                                    flow.method.instructions.get(from)) + "), with " + ClassInfo.simpleName(call.owner)
                            + "." + call.name + "; " + reason + ", so replicating the session fails with "
                            + "NotSerializableException at the end of the request: " + fix));
            return true;
        }
        return false;
    }

    /** A call that puts its arguments into its receiver: a collection's, map's or atomic's, or a WAR setter. */
    private boolean adds(MethodInsnNode call) throws IOException {
        if (ADDERS.contains(call.name)) {
            return holdsValues(call.owner);
        }
        if (call.name.length() < 4 || !call.name.startsWith("set") || !Character.isUpperCase(call.name.charAt(3))
                || Type.getArgumentTypes(call.desc).length != 1) {
            return false;
        }
        String field = Character.toLowerCase(call.name.charAt(3)) + call.name.substring(4);
        SerializabilityResolver resolver = input.resolver;
        for (ClassInfo at = resolver.find(call.owner); at != null && at.origin == Origin.WAR;
                at = at.superName == null ? null : resolver.find(at.superName)) {
            for (FieldInfo each : at.fields) {
                if (each.name.equals(field)) {
                    return each.isSerialized();
                }
            }
        }
        return false;
    }
}
