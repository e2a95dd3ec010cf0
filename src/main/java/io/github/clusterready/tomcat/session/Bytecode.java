package io.github.clusterready.tomcat.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/** What the analysis's passes ask of class files and their code, the same way everywhere. */
final class Bytecode {
    private static final String SET_DESCRIPTOR = "(Ljava/lang/String;Ljava/lang/Object;)V";

    private Bytecode() {
    }

    /** A class file of the application: not module or package metadata, not a multi-release variant. */
    static boolean isClassFile(String path) {
        return path.endsWith(".class") && !path.startsWith("META-INF/")
                && !path.endsWith("module-info.class") && !path.endsWith("package-info.class");
    }

    /** A call that may be a session's {@code setAttribute} or {@code putValue}: the owner tells. */
    static boolean isSetter(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode)) {
            return false;
        }
        MethodInsnNode call = (MethodInsnNode) insn;
        return (call.name.equals("setAttribute") || call.name.equals("putValue"))
                && call.desc.equals(SET_DESCRIPTOR) && call.getOpcode() != Opcodes.INVOKESTATIC;
    }

    /** The source line of {@code insn}: the line-number entry before it in the method's code; 0 when none. */
    static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode at = insn; at != null; at = at.getPrevious()) {
            if (at instanceof LineNumberNode) {
                return ((LineNumberNode) at).line;
            }
        }
        return 0;
    }

    /** {@code shop/Cart.java:31}, or without the line when the class file has none. */
    static String location(ClassInfo type, AbstractInsnNode insn) {
        int line = lineOf(insn);
        return type.sourcePath() + (line > 0 ? ":" + line : "");
    }

    static String binary(Type type) {
        return type.getClassName();
    }

    /** Whether {@code bytes} contains {@code wanted}: a cheap test before reading a class's code. */
    static boolean contains(byte[] bytes, byte[] wanted) {
        byte first = wanted[0];
        int last = bytes.length - wanted.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The frames of {@code method} as {@link TypeInterpreter} types them, and each instruction's successors; null
     * when the method cannot be analysed (the reason in {@code failure[0]} when given). A look-up that fails to read
     * a class file is thrown as the {@link UncheckedIOException} it is.
     */
    static MethodFlow flow(SerializabilityResolver resolver, String owner, MethodNode method, String[] failure) {
        List<List<Integer>> successors = new ArrayList<>();
        for (int i = 0; i < method.instructions.size(); i++) {
            successors.add(new ArrayList<>(2));
        }
        try {
            Frame<BasicValue>[] frames = new Analyzer<BasicValue>(new TypeInterpreter(resolver, method)) {
                @Override
                protected void newControlFlowEdge(int insn, int successor) {
                    successors.get(insn).add(successor);
                }

                @Override
                protected boolean newControlFlowExceptionEdge(int insn, int successor) {
                    successors.get(insn).add(successor);
                    return true;
                }
            }.analyze(owner, method);
            return new MethodFlow(method, frames, successors);
        } catch (AnalyzerException | RuntimeException e) {
            if (e instanceof UncheckedIOException) {
                throw (UncheckedIOException) e;
            }
            if (failure != null) {
                failure[0] = e.getMessage();
            }
            return null;
        }
    }

    /** A method's frames and control flow. */
    static final class MethodFlow {
        final MethodNode method;
        /** By instruction index; null for code that never runs. */
        final Frame<BasicValue>[] frames;
        final List<List<Integer>> successors;

        MethodFlow(MethodNode method, Frame<BasicValue>[] frames, List<List<Integer>> successors) {
            this.method = method;
            this.frames = frames;
            this.successors = successors;
        }

        /** The value {@code fromTop} places below the top of the stack before instruction {@code i} (0: the top). */
        BasicValue stack(int i, int fromTop) {
            Frame<BasicValue> frame = frames[i];
            return frame.getStack(frame.getStackSize() - 1 - fromTop);
        }

        /**
         * Visits, each once, the instructions that can run after instruction {@code from}, along the control flow:
         * true as soon as {@code visit} finds what it looks for, false when nothing is left to visit.
         */
        boolean searchAfter(int from, Visit visit) throws IOException {
            Deque<Integer> pending = new ArrayDeque<>(successors.get(from));
            Set<Integer> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                int at = pending.poll();
                if (!seen.add(at)) {
                    continue;
                }
                Next next = visit.at(at);
                if (next == Next.FOUND) {
                    return true;
                }
                if (next == Next.FOLLOW) {
                    pending.addAll(successors.get(at));
                }
            }
            return false;
        }
    }

    /** What {@link MethodFlow#searchAfter} does after visiting an instruction. */
    enum Next {
        /** Stop: found. */
        FOUND,
        /** Go on to the instructions that can run after this one. */
        FOLLOW,
        /** Go on elsewhere, not past this instruction. */
        NOT_PAST
    }

    /** One step of {@link MethodFlow#searchAfter}: looks at the instruction of index {@code at}. */
    interface Visit {
        Next at(int at) throws IOException;
    }
}
