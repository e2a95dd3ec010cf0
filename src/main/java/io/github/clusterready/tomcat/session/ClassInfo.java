package io.github.clusterready.tomcat.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;
import org.objectweb.asm.signature.SignatureWriter;

/**
 * What the analysis needs to know of one class, read from its class file: its place in the type hierarchy, its
 * instance fields and how it serializes itself. Never obtained by loading the class.
 */
final class ClassInfo {
    /** Where the class was found: the WAR (analysed), or the classpath or the JDK (only resolved). */
    enum Origin { WAR, CLASSPATH, JDK }

    final String name;
    final String superName;
    final List<String> interfaces;
    final int access;
    final String sourceFile;
    final List<FieldInfo> fields;
    /**
     * Declares {@code writeObject(ObjectOutputStream)} or {@code serialPersistentFields}: it may write other fields.
     */
    final boolean customSerialForm;
    /** Declares {@code writeReplace()}: another object is written in its place. */
    final boolean replacesItself;
    final Origin origin;
    /** The class's type parameters in order, {@code [K, V]} for {@code Map}; empty when it has none. */
    final List<String> typeParameters;
    /**
     * The instance methods that return one of the class's type parameters, by name and descriptor:
     * {@code get(Ljava/lang/Object;)Ljava/lang/Object;} to {@code V} for {@code Map}.
     */
    final Map<String, String> typeParameterResults;
    /**
     * The methods that return a generic class type, by name and descriptor, with that type's signature:
     * {@code carts()Ljava/util/Map;} to {@code Ljava/util/Map<Ljava/lang/String;Lshop/Cart;>;}.
     */
    final Map<String, String> genericResults;
    /**
     * The methods no subclass can override (static, private or final) whose every {@code return} gives a new object
     * of one class, by name and descriptor, with that class: {@code newPrices()Ljava/util/Map;} to
     * {@code java/util/HashMap}. Known only for classes whose code was read.
     */
    final Map<String, String> exactResults;
    /** The access flags of the class's no-argument constructor, or -1 when it has none. */
    final int noArgConstructorAccess;
    /** The descriptors of the class's annotations, {@code Ljakarta/enterprise/context/SessionScoped;}. */
    final List<String> annotations;
    /** The scope Spring's {@code @Scope} names ({@code session}), or null. */
    final String scope;

    static final String SPRING_SCOPE = "Lorg/springframework/context/annotation/Scope;";
    /** The annotations by which a container injects a field. */
    static final Set<String> INJECTIONS = new HashSet<>(Arrays.asList(
            "Ljavax/inject/Inject;", "Ljakarta/inject/Inject;",
            "Lorg/springframework/beans/factory/annotation/Autowired;", "Ljavax/annotation/Resource;",
            "Ljakarta/annotation/Resource;", "Ljavax/ejb/EJB;", "Ljakarta/ejb/EJB;",
            "Ljavax/persistence/PersistenceContext;", "Ljakarta/persistence/PersistenceContext;"));

    private ClassInfo(Collector c, Origin origin) {
        this.name = c.name;
        this.superName = c.superName;
        this.interfaces = c.interfaces;
        this.access = c.access;
        this.sourceFile = c.sourceFile;
        this.fields = Collections.unmodifiableList(c.fields);
        this.customSerialForm = c.customSerialForm;
        this.replacesItself = c.replacesItself;
        this.noArgConstructorAccess = c.noArgConstructorAccess;
        this.annotations = c.annotations.isEmpty() ? Collections.<String>emptyList()
                : Collections.unmodifiableList(c.annotations);
        this.scope = c.scope;
        this.origin = origin;
        this.typeParameters = c.typeParameters;
        this.typeParameterResults = c.typeParameterResults.isEmpty() ? Collections.<String, String>emptyMap()
                : Collections.unmodifiableMap(c.typeParameterResults);
        this.genericResults = c.genericResults.isEmpty() ? Collections.<String, String>emptyMap()
                : Collections.unmodifiableMap(c.genericResults);
        this.exactResults = c.exactResults.isEmpty() ? Collections.<String, String>emptyMap()
                : Collections.unmodifiableMap(c.exactResults);
    }

    boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    boolean isAbstract() {
        return (access & Opcodes.ACC_ABSTRACT) != 0;
    }

    boolean isFinal() {
        return (access & Opcodes.ACC_FINAL) != 0;
    }

    /** The package part of the class's name, {@code com/example}; empty for the default package. */
    String packageName() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** The class's binary name, {@code com.example.Cart$Item}. */
    String binaryName() {
        return name.replace('/', '.');
    }

    /** The class's name without its package, {@code Cart$Item}. */
    String simpleName() {
        return simpleName(name);
    }

    static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    /** The source file as a path under the source root, {@code com/example/Cart.java}, or the class file's name. */
    String sourcePath() {
        int slash = name.lastIndexOf('/');
        String dir = slash < 0 ? "" : name.substring(0, slash + 1);
        return dir + (sourceFile != null ? sourceFile : name.substring(slash + 1) + ".class");
    }

    /** One field as its class file declares it. */
    static final class FieldInfo {
        final String name;
        final String descriptor;
        final String signature;
        final int access;
        /** Annotated for a container to inject ({@code @Inject}, {@code @Autowired}, {@code @Resource}, …). */
        boolean injected;

        FieldInfo(String name, String descriptor, String signature, int access) {
            this.name = name;
            this.descriptor = descriptor;
            this.signature = signature;
            this.access = access;
        }

        /** The hidden field of an inner class that holds its enclosing instance, {@code this$0}. */
        boolean isOuterInstance() {
            return (access & Opcodes.ACC_SYNTHETIC) != 0 && name.startsWith("this$");
        }

        /** Whether default serialization writes this field: neither static nor transient. */
        boolean isSerialized() {
            return (access & (Opcodes.ACC_STATIC | Opcodes.ACC_TRANSIENT)) == 0;
        }
    }

    /**
     * Collects a {@link ClassInfo} while a class file is read, and passes every event on to {@code next} (a
     * {@code ClassNode} when the methods are wanted too), so that a class file is read once.
     */
    static final class Collector extends ClassVisitor {
        private String name;
        private String superName;
        private List<String> interfaces = Collections.emptyList();
        private int access;
        private String sourceFile;
        private final List<FieldInfo> fields = new ArrayList<>();
        private boolean customSerialForm;
        private boolean replacesItself;
        private int noArgConstructorAccess = -1;
        private final List<String> annotations = new ArrayList<>();
        private String scope;
        private List<String> typeParameters = Collections.emptyList();
        private final Map<String, String> typeParameterResults = new HashMap<>();
        private final Map<String, String> genericResults = new HashMap<>();
        private final Map<String, String> exactResults = new HashMap<>();

        Collector(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.name = name;
            this.superName = superName;
            this.access = access;
            this.interfaces = interfaces == null ? Collections.<String>emptyList()
                    : Collections.unmodifiableList(Arrays.asList(interfaces));
            if (signature != null) {
                Signatures declared = Signatures.read(signature);
                if (declared != null) {
                    typeParameters = declared.typeParameters;
                }
            }
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            annotations.add(descriptor);
            AnnotationVisitor next = super.visitAnnotation(descriptor, visible);
            if (!descriptor.equals(SPRING_SCOPE)) {
                return next;
            }
            return new AnnotationVisitor(Opcodes.ASM9, next) {
                @Override
                public void visit(String name, Object value) {
                    if ((name.equals("value") || name.equals("scopeName")) && value instanceof String
                            && !((String) value).isEmpty()) {
                        scope = (String) value;
                    }
                    super.visit(name, value);
                }
            };
        }

        @Override
        public void visitSource(String source, String debug) {
            this.sourceFile = source;
            super.visitSource(source, debug);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if ((access & Opcodes.ACC_STATIC) != 0 && name.equals("serialPersistentFields")) {
                customSerialForm = true;
            }
            FieldInfo field = new FieldInfo(name, descriptor, signature, access);
            fields.add(field);
            FieldVisitor next = super.visitField(access, name, descriptor, signature, value);
            return new FieldVisitor(Opcodes.ASM9, next) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    if (INJECTIONS.contains(annotation)) {
                        field.injected = true;
                    }
                    return super.visitAnnotation(annotation, visible);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            if (name.equals("<init>") && descriptor.equals("()V")) {
                noArgConstructorAccess = access;
            }
            if ((access & Opcodes.ACC_STATIC) == 0) {
                if (name.equals("writeObject") && descriptor.equals("(Ljava/io/ObjectOutputStream;)V")) {
                    customSerialForm = true;
                } else if (name.equals("writeReplace") && descriptor.equals("()Ljava/lang/Object;")) {
                    replacesItself = true;
                }
            }
            if (signature != null) {
                Signatures method = Signatures.read(signature);
                if (method != null && method.resultVariable != null && (access & Opcodes.ACC_STATIC) == 0
                        && !method.typeParameters.contains(method.resultVariable)
                        && typeParameters.contains(method.resultVariable)) {
                    typeParameterResults.put(name + descriptor, method.resultVariable);
                } else if (method != null && method.resultClassType != null) {
                    genericResults.put(name + descriptor, method.resultClassType);
                }
            }
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            boolean direct = (access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL)) != 0
                    || (this.access & Opcodes.ACC_FINAL) != 0;
            if (!direct || name.startsWith("<") || !descriptor.endsWith(";")) {
                return next;
            }
            return new ExactResult(next, name + descriptor);
        }

        /**
         * Finds whether every {@code return} of a method directly follows the constructor call of one class
         * ({@code return new HashMap<>();}): javac's code for returning the object that {@code new} made.
         */
        private final class ExactResult extends MethodVisitor {
            private final String key;
            private String constructed;
            private String result;
            private boolean other;

            ExactResult(MethodVisitor next, String key) {
                super(Opcodes.ASM9, next);
                this.key = key;
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                    boolean isInterface) {
                constructed = opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") ? owner : null;
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.ARETURN) {
                    if (constructed == null || result != null && !result.equals(constructed)) {
                        other = true;
                    }
                    result = constructed;
                }
                constructed = null;
                super.visitInsn(opcode);
            }

            @Override
            public void visitVarInsn(int opcode, int var) {
                constructed = null;
                super.visitVarInsn(opcode, var);
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                constructed = null;
                super.visitFieldInsn(opcode, owner, name, descriptor);
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                constructed = null;
                super.visitTypeInsn(opcode, type);
            }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                constructed = null;
                super.visitJumpInsn(opcode, label);
            }

            @Override
            public void visitLdcInsn(Object value) {
                constructed = null;
                super.visitLdcInsn(value);
            }

            @Override
            public void visitIntInsn(int opcode, int operand) {
                constructed = null;
                super.visitIntInsn(opcode, operand);
            }

            @Override
            public void visitIincInsn(int var, int increment) {
                constructed = null;
                super.visitIincInsn(var, increment);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                constructed = null;
                super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
            }

            @Override
            public void visitEnd() {
                if (!other && result != null) {
                    exactResults.put(key, result);
                }
                super.visitEnd();
            }
        }

        ClassInfo result(Origin origin) {
            return new ClassInfo(this, origin);
        }
    }

    /** A class's or method's type parameters, and the type variable a method returns, from its signature. */
    private static final class Signatures extends SignatureVisitor {
        final List<String> typeParameters = new ArrayList<>();
        String resultVariable;
        /** The return type when it is a parameterized class type, {@code Ljava/util/List<Lshop/Cart;>;}. */
        String resultClassType;
        private SignatureWriter result;

        private Signatures() {
            super(Opcodes.ASM9);
        }

        /** Null when the signature cannot be read. */
        static Signatures read(String signature) {
            Signatures signatures = new Signatures();
            try {
                new SignatureReader(signature).accept(signatures);
            } catch (RuntimeException e) {
                return null;
            }
            String returned = signatures.result == null ? null : signatures.result.toString();
            if (returned != null && returned.startsWith("T") && returned.endsWith(";")) {
                signatures.resultVariable = returned.substring(1, returned.length() - 1);
            }
            if (returned != null && returned.startsWith("L") && returned.indexOf('<') > 0) {
                signatures.resultClassType = returned;
            }
            return signatures;
        }

        @Override
        public void visitFormalTypeParameter(String name) {
            typeParameters.add(name);
        }

        @Override
        public SignatureVisitor visitReturnType() {
            result = new SignatureWriter();
            return result;
        }
    }
}
