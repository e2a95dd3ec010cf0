package io.github.clusterready.tomcat.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * A field's type with its type arguments, {@code Map<String, List<CartItem>>}, read from the field's generic
 * signature (or its descriptor when it has none). Arrays are reduced to their element type; type variables and
 * lower-bounded wildcards are left out, since they name no class.
 */
final class GenericType {
    /** The class, {@code java/util/Map}. */
    String name;
    final List<GenericType> arguments = new ArrayList<>();

    private GenericType(String name) {
        this.name = name;
    }

    /** The type of a field, or null when it names no class (a primitive, a type variable). */
    static GenericType of(String descriptor, String signature) {
        if (signature != null) {
            Builder builder = new Builder();
            try {
                new SignatureReader(signature).acceptType(builder);
                if (builder.root != null) {
                    return builder.root;
                }
            } catch (RuntimeException e) {
                // A malformed signature: the descriptor below still tells the erased type.
            }
        }
        Type type = Type.getType(descriptor);
        if (type.getSort() == Type.ARRAY) {
            type = type.getElementType();
        }
        return type.getSort() == Type.OBJECT ? new GenericType(type.getInternalName()) : null;
    }

    private static final class Builder extends SignatureVisitor {
        private final Deque<GenericType> open = new ArrayDeque<>();
        private GenericType root;

        Builder() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visitClassType(String name) {
            GenericType type = new GenericType(name);
            if (open.isEmpty()) {
                if (root == null) {
                    root = type;
                }
            } else {
                open.peek().arguments.add(type);
            }
            open.push(type);
        }

        @Override
        public void visitInnerClassType(String name) {
            GenericType type = open.peek();
            type.name = type.name + "$" + name;
            type.arguments.clear(); // the outer class's arguments describe no element
        }

        @Override
        public SignatureVisitor visitTypeArgument(char wildcard) {
            // "? super X" says nothing about what the container holds.
            return wildcard == SUPER ? new SignatureVisitor(Opcodes.ASM9) { } : this;
        }

        @Override
        public void visitEnd() {
            open.pop();
        }
    }
}
