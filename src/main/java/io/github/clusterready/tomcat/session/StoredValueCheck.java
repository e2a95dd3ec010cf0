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
        Store store = new Store(candidate, call, attribute, api);
        Type type = typed.getType();
        if (type.getSort() == Type.ARRAY) {
            checkArray(typed, store);
            return;
        }
        if (typed.made != null) {
            checkMade(typed.made, store);
            return;
        }
        String name = type.getInternalName();
        String stored = (typed.exact ? "a new " : "a ") + Bytecode.binary(type);
        boolean serializable = judge(resolver.verdict(name, typed.exact), name, typed.exact, type, store, stored,
                "a value of type " + Bytecode.binary(type), "Tomcat throws IllegalArgumentException "
                        + "(\"Non-serializable attribute\") there once the webapp is distributable");
        if (serializable && typed.signature != null) {
            checkElements(TypeArguments.of(typed.signature), store.location, store.stores(stored), store.storedAt);
        }
    }

    /** A stored array: its elements' class decides. */
    private void checkArray(TypeValue typed, Store store) throws IOException {
        Type type = typed.getType();
        Type element = type.getElementType();
        if (element.getSort() != Type.OBJECT) {
            results.valueClass(type.getDescriptor()); // Serializable, and its own exact class: "[I"
            return;
        }
        String name = element.getInternalName();
        String stored = "an array of " + Bytecode.binary(element);
        judge(resolver.verdict(name, false), name, typed.exact, type, store, stored, stored,
                "replicating the session fails with NotSerializableException as soon as the array holds one");
    }

    /**
     * Reports a stored value of class {@code name}, as {@code verdict} judges it: an error when it is not
     * Serializable, an unknown when that is not known, else the classes it can be of listed and walked.
     *
     * @param type the value's static type: {@code name}, or an array of it
     * @param stored the value as the error names it: "a new java.lang.Thread", "an array of shop.Worker"
     * @param described the value as an unknown and the list name it: "a value of type java.lang.Object"
     * @param failure what fails at run time when it is not Serializable
     * @return whether it is Serializable
     */
    private boolean judge(Verdict verdict, String name, boolean exact, Type type, Store store, String stored,
            String described, String failure) throws IOException {
        String shown = ClassInfo.simpleName(name);
        if (verdict.is(Kind.NOT_SERIALIZABLE)) {
            results.risk(new SessionRisk(Severity.ERROR, store.location, store.storesWith(stored) + "; " + shown
                    + " " + verdict.reason + ", so " + failure + ": " + fix(verdict, name)));
            return false;
        }
        if (verdict.is(Kind.UNKNOWN)) {
            results.risk(new SessionRisk(Severity.UNKNOWN, store.location, store.storesWith(described) + "; " + shown
                    + " " + verdict.reason));
            results.unlistedValue(store.listed(described));
            return false;
        }
        listValueClasses(verdict, exact, type, store.listed(described));
        walk.reachable(verdict, name, null, null, store.storedAt);
        return true;
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
    private void checkMade(TypeInterpreter.Made made, Store store) {
        if (made.kind == Kind.NOT_SERIALIZABLE) {
            boolean lambda = made.classes.isEmpty();
            results.risk(new SessionRisk(Severity.ERROR, store.location, store.storesWith(made.what) + "; it "
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
            String what = store.listed(made.what);
            results.unlistedValue(made.kind == Kind.SERIALIZABLE ? what + ", whose class is generated at run time"
                    : what);
            if (made.kind == Kind.UNKNOWN) {
                results.risk(new SessionRisk(Severity.UNKNOWN, store.location, store.storesWith(made.what) + "; it "
                        + made.reason));
            }
        }
    }

    /** One store of a value: where it is, and the words every finding about it begins with. */
    private static final class Store {
        /** {@code shop/CartServlet.java:31}. */
        final String location;
        /** {@code the session attribute "cart" (stored at shop/CartServlet.java:31)}. */
        final String storedAt;
        private final String storer;
        private final String as;
        private final String api;

        Store(Candidate candidate, MethodInsnNode call, String attribute, String api) {
            this.location = Bytecode.location(candidate.type, call);
            this.storedAt = (attribute == null ? "the session attribute" : "the session attribute \"" + attribute
                    + "\"") + " (stored at " + location + ")";
            this.storer = candidate.type.simpleName() + "." + candidate.method.name + " stores ";
            this.as = attribute == null ? "" : " as \"" + attribute + "\"";
            this.api = api;
        }

        /** {@code CartServlet.doGet stores a new shop.Cart as "cart"}. */
        String stores(String value) {
            return storer + value + as;
        }

        /** {@link #stores} and how: {@code … as "cart" with HttpSession.setAttribute}. */
        String storesWith(String value) {
            return stores(value) + api;
        }

        /** {@link #stores} where: {@code shop/CartServlet.java:31: CartServlet.doGet stores …}. */
        String listed(String value) {
            return location + ": " + stores(value);
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
