package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.TypeInterpreter.TypeValue;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * A method of the WAR that stores one of its parameters as a session attribute ({@code put(session, "k", v)}),
 * under another parameter or a constant name: a call of it stores its argument as {@code setAttribute} would.
 */
final class Helper {
    final String owner;
    final String name;
    final String descriptor;
    /** The index among the call's arguments of the value, and of the name (-1 when {@link #constant}). */
    final int valueArgument;
    final int nameArgument;
    final String constant;
    final String via;

    private Helper(String owner, String name, String descriptor, int valueArgument, int nameArgument,
            String constant, String via) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.valueArgument = valueArgument;
        this.nameArgument = nameArgument;
        this.constant = constant;
        this.via = via;
    }

    /** The helper {@code call} in {@code candidate} makes of its method, or null when it is none. */
    static Helper of(Candidate candidate, MethodInsnNode call, BasicValue nameValue, BasicValue value) {
        MethodNode method = candidate.method;
        if (!(value instanceof TypeInterpreter.ParameterValue)) {
            return null;
        }
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        int valueArgument = argument(method, isStatic, ((TypeInterpreter.ParameterValue) value).slot);
        int nameArgument = nameValue instanceof TypeInterpreter.ParameterValue
                ? argument(method, isStatic, ((TypeInterpreter.ParameterValue) nameValue).slot) : -1;
        String constant = nameValue instanceof TypeValue ? ((TypeValue) nameValue).constant : null;
        if (valueArgument < 0 || nameArgument < 0 && constant == null) {
            return null;
        }
        return new Helper(candidate.type.name, method.name, method.desc, valueArgument, nameArgument, constant,
                " through " + candidate.type.simpleName() + "." + method.name + ", which calls HttpSession."
                        + call.name);
    }

    /** The index among the method's arguments of the parameter in local variable {@code slot}; -1 for this. */
    private static int argument(MethodNode method, boolean isStatic, int slot) {
        int at = isStatic ? 0 : 1;
        Type[] types = Type.getArgumentTypes(method.desc);
        for (int i = 0; i < types.length; i++) {
            if (at == slot) {
                return i;
            }
            at += types[i].getSize();
        }
        return -1;
    }

    String key() {
        return owner + "." + name + descriptor;
    }
}
