package io.github.clusterready.tomcat.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * A frame interpreter that tracks the type of every reference on the stack and in local variables: the declared
 * type of a field, parameter or method result, the exact class of an object made with {@code new}, and the text
 * of a string constant. Where control flow joins two types, the value gets their nearest common superclass, found
 * through {@link SerializabilityResolver} (which reads class files; nothing is loaded).
 */
final class TypeInterpreter extends BasicInterpreter {
    private final SerializabilityResolver resolver;

    TypeInterpreter(SerializabilityResolver resolver) {
        super(Opcodes.ASM9);
        this.resolver = resolver;
    }

    /** A reference value: its type, whether that is the object's exact class, and its text if a string constant. */
    static final class TypeValue extends BasicValue {
        final boolean exact;
        final String constant;

        TypeValue(Type type, boolean exact, String constant) {
            super(type);
            this.exact = exact;
            this.constant = constant;
        }

        boolean isNull() {
            return getType().equals(NULL_TYPE);
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof TypeValue)) {
                return false;
            }
            TypeValue value = (TypeValue) other;
            return getType().equals(value.getType()) && exact == value.exact
                    && Objects.equals(constant, value.constant);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getType(), exact, constant);
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
        return super.newOperation(insn);
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
            return new TypeValue(tx, x.exact && y.exact, Objects.equals(x.constant, y.constant) ? x.constant : null);
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
