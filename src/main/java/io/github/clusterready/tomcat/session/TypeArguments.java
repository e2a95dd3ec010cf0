package io.github.clusterready.tomcat.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;
import org.objectweb.asm.signature.SignatureWriter;

/**
 * A generic class type read from its signature: the class, and its type arguments by position, each as a type
 * signature. For {@code Map<String, ? extends List<Cart>>}: {@code java/util/Map}, and
 * {@code [Ljava/lang/String;, Ljava/util/List<Lshop/Cart;>;]}; null for an argument that names no one class
 * ({@code ?}, {@code ? super X}, a type variable, an array).
 */
final class TypeArguments {
    final String rawName;
    final List<String> arguments;

    private TypeArguments(String rawName, List<String> arguments) {
        this.rawName = rawName;
        this.arguments = Collections.unmodifiableList(arguments);
    }

    /** The class type {@code signature} names, or null when it is no class type or cannot be read. */
    static TypeArguments of(String signature) {
        if (signature == null || !signature.startsWith("L")) {
            return null;
        }
        Reader reader = new Reader();
        try {
            new SignatureReader(signature).acceptType(reader);
        } catch (RuntimeException e) {
            return null; // a malformed signature tells nothing
        }
        List<String> arguments = new ArrayList<>();
        for (SignatureWriter writer : reader.arguments) {
            String argument = writer == null ? null : writer.toString();
            arguments.add(argument != null && argument.startsWith("L") ? argument : null);
        }
        return reader.rawName == null ? null : new TypeArguments(reader.rawName, arguments);
    }

    /** The argument at {@code index} as a class type, or null when it names none or there is no such argument. */
    TypeArguments argument(int index) {
        return index < arguments.size() ? of(arguments.get(index)) : null;
    }

    private static final class Reader extends SignatureVisitor {
        String rawName;
        final List<SignatureWriter> arguments = new ArrayList<>();

        Reader() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visitClassType(String name) {
            rawName = name;
        }

        @Override
        public void visitInnerClassType(String name) {
            rawName = rawName + "$" + name;
            arguments.clear(); // those were the outer class's
        }

        @Override
        public void visitTypeArgument() {
            arguments.add(null);
        }

        @Override
        public SignatureVisitor visitTypeArgument(char wildcard) {
            if (wildcard == SUPER) {
                arguments.add(null);
                return new SignatureVisitor(Opcodes.ASM9) { };
            }
            SignatureWriter writer = new SignatureWriter();
            arguments.add(writer);
            return writer;
        }
    }
}
