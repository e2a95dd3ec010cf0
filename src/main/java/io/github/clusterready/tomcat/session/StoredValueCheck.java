package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.ClassInfo.Origin;
import io.github.clusterready.tomcat.session.SessionRisk.Severity;
import io.github.clusterready.tomcat.session.TypeInterpreter.TypeValue;
import io.github.clusterready.tomcat.session.Verdict.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * Judges one stored value, wherever the passes find it stored ({@code setAttribute}, a helper that calls it): a
 * value known not to be Serializable is an error at the line that stores it; the classes a Serializable one can be
 * of are listed (what Tomcat's {@code sessionAttributeValueClassNameFilter} must let through), and the classes of
 * the WAR it holds are queued for the {@link FieldWalk}.
 */
final class StoredValueCheck {
    private final SerializabilityResolver resolver;
    private final SessionAnalysis.Builder results;
    private final FieldWalk walk;

    StoredValueCheck(AnalysisInput input, SessionAnalysis.Builder results, FieldWalk walk) {
        this.resolver = input.resolver;
        this.results = results;
        this.walk = walk;
    }

    /** Checks the value {@code call} (a session's setAttribute or putValue) stores under {@code nameValue}. */
    void checkCall(Candidate candidate, MethodInsnNode call, BasicValue nameValue, BasicValue value)
            throws IOException {
        checkCall(candidate, call, nameValue, value, " with HttpSession." + call.name);
    }

    /** Checks a value stored under {@code nameValue} through {@code api} (" with HttpSession.setAttribute"). */
    void checkCall(Candidate candidate, MethodInsnNode call, BasicValue nameValue, BasicValue value,
            String api) throws IOException {
        String attribute = nameValue instanceof TypeValue ? ((TypeValue) nameValue).constant : null;
        if (attribute != null && AnalysisInput.EXCLUDED_NAMES.contains(attribute)) {
            return;
        }
        if (!(value instanceof TypeValue) || ((TypeValue) value).isNull()) {
            return; // null removes the attribute
        }
        TypeValue typed = (TypeValue) value;
        String location = Bytecode.location(candidate.type, call);
        String storer = candidate.type.simpleName() + "." + candidate.method.name + " stores ";
        String as = attribute == null ? "" : " as \"" + attribute + "\"";
        String storedAt = (attribute == null ? "the session attribute" : "the session attribute \"" + attribute
                + "\"") + " (stored at " + location + ")";
        Type type = typed.getType();
        if (type.getSort() == Type.ARRAY) {
            checkArray(typed, location, storer, as, api, storedAt);
            return;
        }
        if (typed.made != null) {
            checkMade(typed.made, location, storer, as, api);
            return;
        }
        String name = type.getInternalName();
        String shown = ClassInfo.simpleName(name);
        Verdict verdict = resolver.verdict(name, typed.exact);
        if (verdict.is(Kind.NOT_SERIALIZABLE)) {
            results.risk(new SessionRisk(Severity.ERROR, location, storer + (typed.exact ? "a new " : "a ")
                    + Bytecode.binary(type) + as + api + "; " + shown + " " + verdict.reason + ", so Tomcat throws "
                    + "IllegalArgumentException (\"Non-serializable attribute\") there once the webapp is "
                    + "distributable: " + fix(verdict, name)));
        } else if (verdict.is(Kind.UNKNOWN)) {
            results.risk(new SessionRisk(Severity.UNKNOWN, location, storer + "a value of type " + Bytecode.binary(type)
                    + as + api + "; " + shown + " " + verdict.reason));
            results.unlistedValue(location + ": " + storer + "a value of type " + Bytecode.binary(type) + as);
        } else {
            listValueClasses(verdict, typed.exact, type, location + ": " + storer + "a value of type "
                    + Bytecode.binary(type) + as);
            walk.reachable(verdict, name, null, null, storedAt);
            if (typed.signature != null) {
                checkElements(TypeArguments.of(typed.signature), location, storer + (typed.exact ? "a new "
                        : "a ") + Bytecode.binary(type) + as, storedAt);
            }
        }
    }

    /** A stored array: its elements' class decides. */
    private void checkArray(TypeValue typed, String location, String storer, String as, String api,
            String storedAt) throws IOException {
        Type type = typed.getType();
        Type element = type.getElementType();
        if (element.getSort() != Type.OBJECT) {
            results.valueClass(type.getDescriptor()); // Serializable, and its own exact class: "[I"
            return;
        }
        Verdict verdict = resolver.verdict(element.getInternalName(), false);
        String shown = ClassInfo.simpleName(element.getInternalName());
        if (verdict.is(Kind.NOT_SERIALIZABLE)) {
            results.risk(new SessionRisk(Severity.ERROR, location, storer + "an array of " + Bytecode.binary(element)
                    + as + api + "; " + shown + " " + verdict.reason + ", so replicating the session fails "
                    + "with NotSerializableException as soon as the array holds one: "
                    + fix(verdict, element.getInternalName())));
        } else if (verdict.is(Kind.UNKNOWN)) {
            results.risk(new SessionRisk(Severity.UNKNOWN, location, storer + "an array of " + Bytecode.binary(element)
                    + as + api + "; " + shown + " " + verdict.reason));
            results.unlistedValue(location + ": " + storer + "an array of " + Bytecode.binary(element) + as);
        } else {
            listValueClasses(verdict, typed.exact, type, location + ": " + storer + "an array of "
                    + Bytecode.binary(element) + as);
            walk.reachable(verdict, element.getInternalName(), null, null, storedAt);
        }
        return;
    }

    /**
     * The elements of a stored collection or map, as the generic type of the variable, parameter, field or
     * method result it comes from declares them ({@code List<Bean> beans}): one that is known not to be
     * Serializable makes replication fail as soon as the collection holds one.
     */
    private void checkElements(TypeArguments declared, String location, String stored, String storedAt)
            throws IOException {
        if (declared == null || !isContainer(resolver, declared.rawName)) {
            return;
        }
        for (int i = 0; i < declared.arguments.size(); i++) {
            TypeArguments element = declared.argument(i);
            if (element == null) {
                continue;
            }
            Verdict verdict = resolver.verdict(element.rawName, false);
            String shown = ClassInfo.simpleName(element.rawName);
            if (verdict.is(Kind.NOT_SERIALIZABLE)) {
                results.risk(new SessionRisk(Severity.ERROR, location, stored + ", declared "
                        + ClassInfo.simpleName(declared.rawName) + " of " + element.rawName.replace('/', '.')
                        + "; " + shown + " " + verdict.reason + ", so replicating " + storedAt + " fails with "
                        + "NotSerializableException as soon as it holds one: "
                        + fix(verdict, element.rawName)));
            } else if (verdict.is(Kind.SERIALIZABLE)) {
                walk.reachable(verdict, element.rawName, null, null, storedAt);
            }
            checkElements(element, location, stored, storedAt);
        }
    }

    /** A stored value whose class the code that made it tells: a lambda, a JDK method's result. */
    private void checkMade(TypeInterpreter.Made made, String location, String storer, String as, String api) {
        if (made.kind == Kind.NOT_SERIALIZABLE) {
            boolean lambda = made.classes.isEmpty();
            results.risk(new SessionRisk(Severity.ERROR, location, storer + made.what + as + api + "; it "
                    + made.reason + ", so Tomcat throws IllegalArgumentException (\"Non-serializable "
                    + "attribute\") there once the webapp is distributable: " + (lambda
                            ? "store an object of a Serializable class of yours instead, or make the lambda "
                                    + "Serializable with a cast to an intersection type such as "
                                    + "(Runnable & java.io.Serializable) when all it captures is Serializable"
                            : "store a Serializable copy instead (new ArrayList<>(...), new HashMap<>(...)), or "
                                    + "an id")));
        } else if (made.kind == Kind.SERIALIZABLE && !made.classes.isEmpty()) {
            for (String name : made.classes) {
                results.valueClass(name);
            }
        } else {
            String what = location + ": " + storer + made.what + as;
            results.unlistedValue(made.kind == Kind.SERIALIZABLE ? what + ", whose class is generated at run time"
                    : what);
            if (made.kind == Kind.UNKNOWN) {
                results.risk(new SessionRisk(Severity.UNKNOWN, location, storer + made.what + as + api + "; it "
                        + made.reason));
            }
        }
    }

    /**
     * Adds the classes a stored Serializable value can be of at run time, as {@code Class.getName()} spells
     * them (Tomcat's {@code sessionAttributeValueClassNameFilter} matches that): its exact class; else its static
     * type when concrete, and every concrete Serializable subclass of it in the WAR. A value whose static type is
     * an interface or abstract may be of a class outside the WAR: it is listed as unlisted too.
     */
    private void listValueClasses(Verdict verdict, boolean exact, Type type, String what) throws IOException {
        StringBuilder dimensions = new StringBuilder();
        for (int i = 0; type.getSort() == Type.ARRAY && i < type.getDimensions(); i++) {
            dimensions.append('[');
        }
        ClassInfo info = verdict.type;
        List<String> classes = new ArrayList<>();
        if (exact || !info.isInterface() && !info.isAbstract()) {
            classes.add(info.name);
        }
        if (!exact) {
            classes.addAll(resolver.concreteSerializableSubclassesInWar(info.name));
            if (info.isInterface() || info.isAbstract()) {
                results.unlistedValue(what + ", whose class may be one outside the WAR");
            }
        }
        for (String name : classes) {
            String binary = name.replace('/', '.');
            results.valueClass(dimensions.length() == 0 ? binary : dimensions + "L" + binary + ";");
        }
    }

    /** A collection or map: its type arguments say what it holds, and is serialized with it. */
    static boolean isContainer(SerializabilityResolver resolver, String name) throws IOException {
        return Boolean.TRUE.equals(resolver.implementsType(name, "java/util/Collection"))
                || Boolean.TRUE.equals(resolver.implementsType(name, "java/util/Map"));
    }

    /** How to fix storing an object of {@code name}, which {@code verdict} finds not Serializable. */
    static String fix(Verdict verdict, String name) {
        String binary = name.replace('/', '.');
        if (verdict.type != null && verdict.type.origin == Origin.WAR) {
            return "make " + binary + " implement java.io.Serializable, or store an id instead of the object";
        }
        return "store an id or a Serializable copy of what you need instead of the " + binary
                + " (a class of the JDK or a library, which you cannot make Serializable)";
    }
}
