package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.ClassInfo.FieldInfo;
import io.github.clusterready.tomcat.session.ClassInfo.Origin;
import io.github.clusterready.tomcat.session.SessionRisk.Severity;
import io.github.clusterready.tomcat.session.Verdict.Kind;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The last pass: for every Serializable class of the WAR stored in a session (queued by the other passes with
 * {@link #reachable}), and every class of the WAR reachable from it through fields that default serialization
 * writes (neither static nor transient, including the elements of collections and maps as their generic types
 * declare them), each field whose type is known not to be Serializable: replication fails there with
 * {@code NotSerializableException}. Each class is walked once, through the first path that reaches it.
 */
final class FieldWalk {
    private final SerializabilityResolver resolver;
    private final SessionAnalysis.Builder results;
    private final FieldAssignments assignments;
    private final NonSerializableSuperclasses superclasses;
    private final Deque<Reach> reaches = new ArrayDeque<>();
    private final Set<String> walked = new HashSet<>();
    /** The fields (and superclasses) already reported, so that each is reported once. */
    private final Set<String> reportedFields = new HashSet<>();

    FieldWalk(AnalysisInput input, SessionAnalysis.Builder results) {
        this.resolver = input.resolver;
        this.results = results;
        FieldStores stores = new FieldStores(input);
        this.assignments = new FieldAssignments(input, stores);
        this.superclasses = new NonSerializableSuperclasses(input, results, reportedFields, stores);
    }

    /** Queues a Serializable class of the WAR for the walk over its fields. */
    void reachable(Verdict verdict, String name, Reach parent, String field, String storedAt) {
        ClassInfo info = verdict.type;
        if (info != null && info.origin == Origin.WAR && walked.add(name)) {
            reaches.add(new Reach(name, parent, field, storedAt));
        }
    }

    /** Walks the fields of every class queued, and of those they reach, once each. */
    void run() throws IOException {
        while (!reaches.isEmpty()) {
            Reach reach = reaches.poll();
            ClassInfo info = resolver.find(reach.type);
            if (info.replacesItself
                    || Boolean.TRUE.equals(resolver.implementsType(info.name,
                            SerializabilityResolver.EXTERNALIZABLE))
                    || Boolean.TRUE.equals(resolver.implementsType(info.name, "java/lang/Enum"))) {
                continue; // it writes something else, itself by hand, or (an enum constant) only its name
            }
            if (!info.isInterface()) {
                superclasses.check(reach, info);
            }
            // Default serialization writes the fields of every Serializable class in the hierarchy.
            for (ClassInfo at = info; at != null && at.origin == Origin.WAR
                    && Boolean.TRUE.equals(resolver.isSerializable(at.name));
                    at = at.superName == null ? null : resolver.find(at.superName)) {
                for (FieldInfo field : at.fields) {
                    if (field.isSerialized()) {
                        GenericType type = GenericType.of(field.descriptor, field.signature);
                        if (type != null) {
                            checkField(reach, at, field, type);
                        }
                    }
                }
            }
        }
    }

    private void checkField(Reach reach, ClassInfo declaring, FieldInfo field, GenericType type)
            throws IOException {
        String fieldName = declaring.simpleName() + "." + field.name;
        Verdict verdict = resolver.verdict(type.name, false);
        if (field.injected && !verdict.is(Kind.SERIALIZABLE)) {
            // A container injects it: a CDI client proxy or a Spring scoped proxy may be Serializable.
            verdict = new Verdict(Kind.UNKNOWN, "is injected by a container, whose object (often a "
                    + "Serializable proxy) decides", verdict.type);
        }
        String shown = ClassInfo.simpleName(type.name);
        String key = declaring.name + "." + field.name + " " + type.name;
        boolean reported = !verdict.is(Kind.SERIALIZABLE) && reportedFields.add(key);
        String path = reported ? reach.path(fieldName) : null;
        if (verdict.is(Kind.NOT_SERIALIZABLE) && reported) {
            if (declaring.customSerialForm) {
                results.risk(new SessionRisk(Severity.UNKNOWN, declaring.sourcePath(), path + " : " + shown + " "
                        + verdict.reason + ", but " + declaring.simpleName() + " declares writeObject or "
                        + "serialPersistentFields, which may leave the field out"));
            } else {
                String fix = field.isOuterInstance()
                        ? "make " + declaring.binaryName() + " a static nested class, which holds no "
                                + shown + ", or " + StoredValueCheck.fix(verdict, type.name)
                        : "mark " + fieldName + " transient, " + StoredValueCheck.fix(verdict, type.name);
                results.risk(new SessionRisk(Severity.ERROR, declaring.sourcePath(), path + " : " + shown + " "
                        + verdict.reason + ", so replicating " + reach.storedAt + " fails with "
                        + "NotSerializableException: " + fix));
            }
        } else if (verdict.is(Kind.UNKNOWN) && reported) {
            FieldAssignments.Result assigned = assignments.of(declaring, field);
            if (assigned != null && assigned.kind == Kind.NOT_SERIALIZABLE) {
                results.risk(new SessionRisk(Severity.ERROR, declaring.sourcePath(), path + " : " + shown + " "
                        + verdict.reason + ", and every value the WAR assigns to " + fieldName + " is "
                        + assigned.what + ", which is not Serializable, so replicating " + reach.storedAt
                        + " fails with NotSerializableException: mark " + fieldName + " transient, or assign "
                        + "a Serializable object"));
            } else if (assigned != null && assigned.kind == Kind.SERIALIZABLE) {
                for (String exact : assigned.classes) {
                    reachable(resolver.verdict(exact, true), exact, reach, fieldName, reach.storedAt);
                }
            } else {
                results.risk(new SessionRisk(Severity.UNKNOWN, declaring.sourcePath(), path + " : " + shown + " "
                        + verdict.reason));
            }
        } else if (verdict.is(Kind.SERIALIZABLE)) {
            reachable(verdict, type.name, reach, fieldName, reach.storedAt);
        }
        if (!type.arguments.isEmpty() && StoredValueCheck.isContainer(resolver, type.name)) {
            for (GenericType element : type.arguments) {
                checkField(reach, declaring, field, element);
            }
        }
    }
}
