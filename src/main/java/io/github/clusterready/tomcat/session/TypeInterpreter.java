package io.github.clusterready.tomcat.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;
import org.objectweb.asm.signature.SignatureWriter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * A frame interpreter that tracks the type of every reference on the stack and in local variables: the declared
 * type of a field, parameter or method result, the exact class of an object made with {@code new}, and the text
 * of a string constant. Generic types are kept where the class files declare them, so that what a generic method
 * returns ({@code Map<String, Cart>.get}) is its type argument. Where control flow joins two types, the value gets
 * their nearest common superclass, found through {@link SerializabilityResolver} (which reads class files; nothing
 * is loaded).
 */
final class TypeInterpreter extends BasicInterpreter {
    private final SerializabilityResolver resolver;
    /** The generic class types of the method's parameters, by local variable slot: {@code Map<String, Cart>}. */
    private final Map<Integer, String> parameterSignatures;
    private final MethodNode method;
    /** The local variables the LocalVariableTypeTable gives a generic class type, by slot. */
    private final Map<Integer, List<LocalVariableNode>> genericLocals = new HashMap<>();

    /** For the frames of {@code method}, whose parameters' generic types it reads from the method's signature. */
    TypeInterpreter(SerializabilityResolver resolver, MethodNode method) {
        super(Opcodes.ASM9);
        this.resolver = resolver;
        this.parameterSignatures = parameterSignatures(method);
        this.method = method;
        if (method.localVariables != null) {
            for (LocalVariableNode local : method.localVariables) {
                if (local.signature != null && local.signature.startsWith("L") && local.signature.indexOf('<') > 0) {
                    genericLocals.computeIfAbsent(local.index, i -> new ArrayList<>()).add(local);
                }
            }
        }
    }

    private static Map<Integer, String> parameterSignatures(MethodNode method) {
        if (method.signature == null) {
            return Collections.emptyMap();
        }
        List<SignatureWriter> parameters = new ArrayList<>();
        try {
            new SignatureReader(method.signature).accept(new SignatureVisitor(Opcodes.ASM9) {
                @Override
                public SignatureVisitor visitParameterType() {
                    SignatureWriter parameter = new SignatureWriter();
                    parameters.add(parameter);
                    return parameter;
                }
            });
        } catch (RuntimeException e) {
            return Collections.emptyMap(); // a malformed signature: the descriptor's types still hold
        }
        Type[] types = Type.getArgumentTypes(method.desc);
        if (parameters.size() != types.length) {
            return Collections.emptyMap(); // synthetic parameters the signature leaves out: slots unknown
        }
        Map<Integer, String> bySlot = new HashMap<>();
        int slot = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        for (int i = 0; i < types.length; i++) {
            String signature = parameters.get(i).toString();
            if (signature.startsWith("L") && signature.indexOf('<') > 0) {
                bySlot.put(slot, signature);
            }
            slot += types[i].getSize();
        }
        return bySlot;
    }

    /**
     * A reference value: its type, whether that is the object's exact class, its text if a string constant, and
     * its generic type when the field, parameter or method result it comes from declares one
     * ({@code Ljava/util/Map<Ljava/lang/String;Lshop/Cart;>;}).
     */
    static class TypeValue extends BasicValue {
        final boolean exact;
        final String constant;
        final String signature;
        /** What made the value when that tells its class better than its type: a lambda, a JDK view; or null. */
        final Made made;
        /**
         * The {@code getAttribute} call that read the value, with a constant name (its owner may be a session's or
         * another type's: the analyzer tells); else null.
         */
        final MethodInsnNode read;
        /** The name {@link #read} was given. */
        final String attribute;

        TypeValue(Type type, boolean exact, String constant) {
            this(type, exact, constant, null);
        }

        TypeValue(Type type, boolean exact, String constant, String signature) {
            this(type, exact, constant, signature, null);
        }

        TypeValue(Type type, boolean exact, String constant, String signature, Made made) {
            this(type, exact, constant, signature, made, null, null);
        }

        TypeValue(Type type, boolean exact, String constant, String signature, Made made, MethodInsnNode read,
                String attribute) {
            super(type);
            this.exact = exact;
            this.constant = constant;
            this.signature = signature;
            this.made = made;
            this.read = read;
            this.attribute = attribute;
        }

        boolean isNull() {
            return getType().equals(NULL_TYPE);
        }

        @Override
        public boolean equals(Object other) {
            if (other == null || other.getClass() != getClass()) {
                return false;
            }
            TypeValue value = (TypeValue) other;
            return getType().equals(value.getType()) && exact == value.exact
                    && Objects.equals(constant, value.constant) && Objects.equals(signature, value.signature)
                    && Objects.equals(made, value.made) && read == value.read;
        }

        @Override
        public int hashCode() {
            return Objects.hash(getType(), exact, constant, signature, made, read);
        }
    }

    /** A parameter's value as the method received it, with the parameter's local variable slot. */
    static final class ParameterValue extends TypeValue {
        final int slot;

        ParameterValue(Type type, String signature, int slot) {
            super(type, false, null, signature);
            this.slot = slot;
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other) && ((ParameterValue) other).slot == slot;
        }

        @Override
        public int hashCode() {
            return super.hashCode() * 31 + slot;
        }
    }

    /**
     * A value whose class the code that made it tells, when its static type does not: a lambda made by
     * {@code LambdaMetafactory}, the result of a JDK method listed in {@link JdkResults}.
     */
    static final class Made {
        /** What made it, for messages: "a lambda or method reference", "HashMap.keySet()". */
        final String what;
        final Verdict.Kind kind;
        /** Why, as the end of a sentence about {@link #what}. */
        final String reason;
        /** The classes it can be of, as {@code Class.getName()} spells them; empty when generated at run time. */
        final List<String> classes;

        Made(String what, Verdict.Kind kind, String reason, List<String> classes) {
            this.what = what;
            this.kind = kind;
            this.reason = reason;
            this.classes = classes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Made && what.equals(((Made) other).what);
        }

        @Override
        public int hashCode() {
            return what.hashCode();
        }
    }

    @Override
    public BasicValue newValue(Type type) {
        if (type != null && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)) {
            return new TypeValue(type, false, null);
        }
        return super.newValue(type);
    }

    @Override
    public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.NEW) {
            return new TypeValue(Type.getObjectType(((TypeInsnNode) insn).desc), true, null);
        }
        if (insn.getOpcode() == Opcodes.LDC && ((LdcInsnNode) insn).cst instanceof String) {
            return new TypeValue(Type.getObjectType("java/lang/String"), true, (String) ((LdcInsnNode) insn).cst);
        }
        if (insn.getOpcode() == Opcodes.GETSTATIC) {
            BasicValue field = genericField((FieldInsnNode) insn);
            if (field != null) {
                return field;
            }
        }
        return super.newOperation(insn);
    }

    /**
     * A local variable's value, with the generic type the LocalVariableTypeTable declares for it there
     * ({@code List<Bean> beans = new ArrayList<>()}) when the value has none of its own.
     */
    @Override
    public BasicValue copyOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.ALOAD && value instanceof TypeValue && ((TypeValue) value).signature == null
                && !(value instanceof ParameterValue) && !genericLocals.isEmpty()) {
            List<LocalVariableNode> locals = genericLocals.get(((VarInsnNode) insn).var);
            if (locals != null) {
                int at = method.instructions.indexOf(insn);
                for (LocalVariableNode local : locals) {
                    if (method.instructions.indexOf(local.start) <= at && at < method.instructions.indexOf(local.end)) {
                        TypeValue typed = (TypeValue) value;
                        return new TypeValue(typed.getType(), typed.exact, typed.constant, local.signature, typed.made,
                                typed.read, typed.attribute);
                    }
                }
            }
        }
        return super.copyOperation(insn, value);
    }

    @Override
    public BasicValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
        String signature = parameterSignatures.get(local);
        if (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY) {
            return new ParameterValue(type, type.getSort() == Type.OBJECT ? signature : null, local);
        }
        return super.newParameterValue(isInstanceMethod, local, type);
    }

    @Override
    public BasicValue unaryOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.CHECKCAST && value instanceof TypeValue
                && (((TypeValue) value).exact || ((TypeValue) value).made != null)) {
            return value; // a cast changes no object's class
        }
        if (insn.getOpcode() == Opcodes.CHECKCAST && value instanceof TypeValue && ((TypeValue) value).read != null) {
            TypeValue read = (TypeValue) value;
            return new TypeValue(Type.getObjectType(((TypeInsnNode) insn).desc), false, null, null, null, read.read,
                    read.attribute);
        }
        if (insn.getOpcode() == Opcodes.GETFIELD) {
            BasicValue field = genericField((FieldInsnNode) insn);
            if (field != null) {
                return field;
            }
        }
        return super.unaryOperation(insn, value);
    }

    /**
     * What a call returns: for a method that returns one of its class's type parameters ({@code Map.get},
     * {@code List.get}), called on a value whose generic type is known, the type argument in its place
     * ({@code Cart} for a {@code Map<String, Cart>}); else its declared type, generic when the method's
     * signature says so ({@code Map<String, Cart> carts()}).
     */
    @Override
    public BasicValue naryOperation(AbstractInsnNode insn, List<? extends BasicValue> values)
            throws AnalyzerException {
        int opcode = insn.getOpcode();
        if (insn instanceof InvokeDynamicInsnNode) {
            BasicValue lambda = lambda((InvokeDynamicInsnNode) insn);
            if (lambda != null) {
                return lambda;
            }
        }
        if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE) && !values.isEmpty()
                && values.get(0) instanceof TypeValue && ((TypeValue) values.get(0)).signature != null) {
            BasicValue argument = typeArgumentResult((MethodInsnNode) insn, (TypeValue) values.get(0));
            if (argument != null) {
                return argument;
            }
        }
        if (insn instanceof MethodInsnNode && isAttributeRead((MethodInsnNode) insn) && values.size() == 2
                && values.get(1) instanceof TypeValue && ((TypeValue) values.get(1)).constant != null) {
            return new TypeValue(Type.getObjectType(SerializabilityResolver.OBJECT), false, null, null, null,
                    (MethodInsnNode) insn, ((TypeValue) values.get(1)).constant);
        }
        if (insn instanceof MethodInsnNode) {
            MethodInsnNode call = (MethodInsnNode) insn;
            BasicValue known = jdkResult(call, exactReceiver(call, values));
            if (known != null) {
                return known;
            }
            BasicValue made = helperResult(call);
            if (made != null) {
                return made;
            }
            Type result = Type.getReturnType(call.desc);
            ClassInfo owner = result.getSort() == Type.OBJECT ? find(call.owner) : null;
            String signature = owner == null ? null : owner.genericResults.get(call.name + call.desc);
            if (signature != null) {
                return new TypeValue(result, false, null, signature);
            }
        }
        return super.naryOperation(insn, values);
    }

    /**
     * What a simple helper of the WAR returns, when every {@code return} of it gives a {@code new} object of one class
     * and no subclass can override it ({@link ClassInfo#exactResults}): that class, exactly.
     */
    private BasicValue helperResult(MethodInsnNode call) {
        if (call.getOpcode() == Opcodes.INVOKEINTERFACE || Type.getReturnType(call.desc).getSort() != Type.OBJECT) {
            return null;
        }
        ClassInfo owner = find(call.owner);
        String made = owner == null ? null : owner.exactResults.get(call.name + call.desc);
        return made == null ? null : new TypeValue(Type.getObjectType(made), true, null);
    }

    /** A call that may be {@code HttpSession.getAttribute(String)} (or {@code getValue}): the analyzer tells. */
    static boolean isAttributeRead(MethodInsnNode call) {
        return (call.name.equals("getAttribute") || call.name.equals("getValue"))
                && call.desc.equals("(Ljava/lang/String;)Ljava/lang/Object;")
                && call.getOpcode() != Opcodes.INVOKESTATIC;
    }

    /**
     * The exact class of the receiver of an instance call, when the method made it with {@code new} (through local
     * variables and casts, as the frames carry it) and it is not the call's owner: {@code java/util/HashMap} for
     * {@code Map prices = new HashMap<>(); prices.keySet()}; else null.
     */
    private static String exactReceiver(MethodInsnNode call, List<? extends BasicValue> values) {
        if (call.getOpcode() == Opcodes.INVOKESTATIC || values.isEmpty() || !(values.get(0) instanceof TypeValue)) {
            return null;
        }
        TypeValue receiver = (TypeValue) values.get(0);
        if (!receiver.exact || receiver.getType().getSort() != Type.OBJECT) {
            return null;
        }
        String name = receiver.getType().getInternalName();
        return name.equals(call.owner) ? null : name;
    }

    /**
     * What a JDK method listed in {@link JdkResults} returns, with its classes: the entry of the receiver's exact
     * class when known ({@code exactReceiver}), else of the call's owner; null for any other call.
     */
    private BasicValue jdkResult(MethodInsnNode call, String exactReceiver) {
        JdkResults.Entry entry = exactReceiver == null ? null
                : JdkResults.find(exactReceiver, call.name, call.desc);
        if (entry == null || entry.descriptor == null) {
            entry = JdkResults.find(call.owner, call.name, call.desc);
        }
        Type result = Type.getReturnType(call.desc);
        if (entry == null || result.getSort() != Type.OBJECT) {
            return null;
        }
        Verdict.Kind kind = null;
        try {
            for (String name : entry.classes) {
                Verdict verdict = resolver.verdict(name.replace('.', '/'), true);
                if (verdict.type == null || verdict.is(Verdict.Kind.UNKNOWN) || kind != null && kind != verdict.kind) {
                    return null; // not in this JDK, or the classes disagree: the declared type decides
                }
                kind = verdict.kind;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classes = String.join(" or ", entry.classes);
        Made made = new Made("the result of " + entry.shown() + " (a " + classes + ")", kind, kind
                == Verdict.Kind.SERIALIZABLE ? "is Serializable" : "is not Serializable (" + entry.source + ")",
                entry.classes);
        return new TypeValue(result, false, null, null, made);
    }

    /**
     * A lambda or method reference: {@code LambdaMetafactory.metafactory} makes an object whose class is not
     * Serializable (unless its interface is); {@code altMetafactory} with {@code FLAG_SERIALIZABLE} one that is.
     */
    private BasicValue lambda(InvokeDynamicInsnNode insn) {
        Handle bootstrap = insn.bsm;
        Type type = Type.getReturnType(insn.desc);
        if (!bootstrap.getOwner().equals("java/lang/invoke/LambdaMetafactory") || type.getSort() != Type.OBJECT) {
            return null;
        }
        String what = "a lambda or method reference (" + ClassInfo.simpleName(type.getInternalName()) + ")";
        boolean serializable;
        if (bootstrap.getName().equals("altMetafactory") && insn.bsmArgs.length > 3
                && insn.bsmArgs[3] instanceof Integer) {
            serializable = (((Integer) insn.bsmArgs[3]) & 1) != 0; // LambdaMetafactory.FLAG_SERIALIZABLE
        } else if (bootstrap.getName().equals("metafactory")) {
            serializable = false;
        } else {
            return null;
        }
        try {
            if (!serializable && !Boolean.FALSE.equals(resolver.isSerializable(type.getInternalName()))) {
                return null; // its interface may be Serializable: its type tells as much as the analysis knows
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Made made = serializable
                ? new Made(what, Verdict.Kind.SERIALIZABLE, "is Serializable (LambdaMetafactory.altMetafactory with "
                        + "FLAG_SERIALIZABLE), its class generated at run time", Collections.<String>emptyList())
                : new Made(what, Verdict.Kind.NOT_SERIALIZABLE, "is of a class LambdaMetafactory generates, which is "
                        + "not Serializable", Collections.<String>emptyList());
        return new TypeValue(type, false, null, null, made);
    }

    private BasicValue typeArgumentResult(MethodInsnNode call, TypeValue receiver) {
        TypeArguments type = TypeArguments.of(receiver.signature);
        if (type == null || !type.rawName.equals(call.owner)) {
            return null;
        }
        ClassInfo owner = find(call.owner);
        String variable = owner == null ? null : owner.typeParameterResults.get(call.name + call.desc);
        if (variable == null) {
            return null;
        }
        int index = owner.typeParameters.indexOf(variable);
        TypeArguments argument = type.argument(index);
        return argument == null ? null
                : new TypeValue(Type.getObjectType(argument.rawName), false, null, type.arguments.get(index));
    }

    /** The value a field holds, with its generic type; null when the field declares none. */
    private BasicValue genericField(FieldInsnNode insn) {
        if (!insn.desc.startsWith("L")) {
            return null;
        }
        ClassInfo at = find(insn.owner);
        for (int depth = 0; at != null && depth < 64; depth++) {
            for (ClassInfo.FieldInfo field : at.fields) {
                if (field.name.equals(insn.name) && field.descriptor.equals(insn.desc)) {
                    return field.signature != null && field.signature.startsWith("L")
                            ? new TypeValue(Type.getType(insn.desc), false, null, field.signature) : null;
                }
            }
            at = at.superName == null ? null : find(at.superName);
        }
        return null;
    }

    private ClassInfo find(String internalName) {
        try {
            return resolver.find(internalName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue array, BasicValue index)
            throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.AALOAD && array.getType() != null
                && array.getType().getSort() == Type.ARRAY) {
            Type arrayType = array.getType();
            return newValue(Type.getType(arrayType.getDescriptor().substring(1)));
        }
        return super.binaryOperation(insn, array, index);
    }

    @Override
    public BasicValue merge(BasicValue a, BasicValue b) {
        if (a.equals(b)) {
            return a;
        }
        if (!a.isReference() || !b.isReference()) {
            return super.merge(a, b);
        }
        TypeValue x = typed(a);
        TypeValue y = typed(b);
        if (x.isNull()) {
            return y;
        }
        if (y.isNull()) {
            return x;
        }
        Type tx = x.getType();
        Type ty = y.getType();
        if (tx.equals(ty)) {
            return new TypeValue(tx, x.exact && y.exact, Objects.equals(x.constant, y.constant) ? x.constant : null,
                    Objects.equals(x.signature, y.signature) ? x.signature : null,
                    Objects.equals(x.made, y.made) ? x.made : null, x.read == y.read ? x.read : null,
                    x.read == y.read ? x.attribute : null);
        }
        if (tx.getSort() == Type.OBJECT && ty.getSort() == Type.OBJECT) {
            try {
                return new TypeValue(Type.getObjectType(resolver.commonSuperClass(tx.getInternalName(),
                        ty.getInternalName())), false, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TypeValue(Type.getObjectType(SerializabilityResolver.OBJECT), false, null);
    }

    private static TypeValue typed(BasicValue value) {
        return value instanceof TypeValue ? (TypeValue) value
                : new TypeValue(Type.getObjectType(SerializabilityResolver.OBJECT), false, null);
    }
}
