package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.ClassInfo.FieldInfo;
import io.github.clusterready.tomcat.session.ClassInfo.Origin;
import io.github.clusterready.tomcat.session.SessionRisk.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/** The part of the {@link FieldWalk} that judges a Serializable class's superclasses that are not Serializable. */
final class NonSerializableSuperclasses {
    private final SerializabilityResolver resolver;
    private final SessionAnalysis.Builder results;
    private final Set<String> reported;
    private final FieldStores stores;

    NonSerializableSuperclasses(AnalysisInput input, SessionAnalysis.Builder results, Set<String> reported,
            FieldStores stores) {
        this.resolver = input.resolver;
        this.results = results;
        this.reported = reported;
        this.stores = stores;
    }

    /**
     * What the receiving node does with a Serializable class's non-Serializable superclasses: it calls the
     * no-argument constructor of the first one (none it may call: {@code InvalidClassException}, "no valid
     * constructor", and the attribute is lost), and their fields are neither written nor read: the other nodes
     * get what that constructor sets. A field the WAR assigns anywhere but in that no-argument constructor (a
     * setter, another constructor, another class) is lost data, an error naming the field, the superclass, where
     * it is assigned and the fix; one only that constructor sets (or none of the WAR's code) a warning. JDK
     * superclasses' fields are left out.
     */
    void check(Reach reach, ClassInfo info) throws IOException {
        ClassInfo first = info;
        for (int depth = 0; first != null && depth < 256 && Boolean.TRUE.equals(resolver.isSerializable(first.name));
                depth++) {
            first = first.superName == null ? null : resolver.find(first.superName);
        }
        if (first == null || !Boolean.FALSE.equals(resolver.isSerializable(first.name))
                || Boolean.TRUE.equals(resolver.implementsType(info.name, "java/lang/Record"))) {
            return; // a superclass is missing (unknown), or a record, which is read through its constructor
        }
        int access = first.noArgConstructorAccess;
        boolean callable = access >= 0 && (access & Opcodes.ACC_PRIVATE) == 0
                && ((access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED))
                        != 0 || first.packageName().equals(info.packageName()));
        String stored = reach.storedAt;
        if (!callable) {
            results.risk(new SessionRisk(Severity.ERROR, info.sourcePath(), (reach.parent == null ? ""
                    : reach.path(null) + " : ") + info.simpleName() + " is Serializable, but its first "
                    + "superclass that is not, " + first.binaryName() + ", has no no-argument constructor "
                    + info.simpleName() + " may call (" + (access < 0 ? "none at all" : "it is "
                    + ((access & Opcodes.ACC_PRIVATE) != 0 ? "private" : "package-private "
                            + "in another package")) + "), so the other nodes cannot read back " + stored
                    + ": InvalidClassException (\"no valid constructor\"): give " + first.binaryName()
                    + " a public or protected no-argument constructor, or make it implement "
                    + "java.io.Serializable"));
        }
        for (ClassInfo at = first; at != null && !at.name.equals(SerializabilityResolver.OBJECT)
                && at.origin != Origin.JDK; at = at.superName == null ? null : resolver.find(at.superName)) {
            List<String> lost = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            for (FieldInfo field : at.fields) {
                if (field.isSerialized()) {
                    lost.add(at.simpleName() + "." + field.name);
                    String where = assignedAfterConstruction(at, field);
                    if (where != null) {
                        changed.add(at.simpleName() + "." + field.name + " (assigned at " + where + ")");
                    }
                }
            }
            if (lost.isEmpty() || !reported.add("superclass " + info.name + " " + at.name)) {
                continue;
            }
            if (!changed.isEmpty()) {
                results.risk(new SessionRisk(Severity.ERROR, info.sourcePath(), info.simpleName() + " is "
                        + "Serializable, but its superclass " + at.binaryName() + " is not, so "
                        + String.join(", ", changed) + (changed.size() == 1 ? " is" : " are") + " not replicated "
                        + "with " + stored + ": the other nodes get what the no-argument constructor of "
                        + first.binaryName() + " sets, and lose what the WAR assigned. Make " + at.binaryName()
                        + " implement java.io.Serializable, or keep that state in " + info.simpleName()));
            } else {
                results.risk(new SessionRisk(Severity.WARNING, info.sourcePath(), info.simpleName() + " is "
                        + "Serializable, but its superclass " + at.binaryName() + " is not, so "
                        + String.join(", ", lost) + (lost.size() == 1 ? " is" : " are") + " not replicated "
                        + "with " + stored + ": the other nodes get what the no-argument constructor of "
                        + first.binaryName() + " sets. Make " + at.binaryName() + " Serializable, or keep that "
                        + "state in " + info.simpleName()));
            }
        }
    }

    /**
     * Where the code of {@code WEB-INF/classes} first assigns {@code field} of {@code at} other than in the
     * no-argument constructor of {@code at} (which the receiving node runs too): {@code shop/Cart.java:12}; or null.
     */
    private String assignedAfterConstruction(ClassInfo at, FieldInfo field) throws IOException {
        if (!stores.available()) {
            return null;
        }
        List<FieldStores.Site> sites = stores.of(at.name, field.name);
        // A field initializer is compiled into every constructor, at its own line: those are the no-argument one's.
        Set<Integer> initializers = new HashSet<>();
        for (FieldStores.Site site : sites) {
            if (isConstructorOf(site, at) && site.descriptor.equals("()V")) {
                initializers.add(site.line);
            }
        }
        for (FieldStores.Site site : sites) {
            if (!(isConstructorOf(site, at) && (site.descriptor.equals("()V") || initializers.contains(site.line)))) {
                ClassInfo in = resolver.find(site.className);
                String source = in == null ? site.className.replace('/', '.') : in.sourcePath();
                return source + (site.line > 0 ? ":" + site.line : "");
            }
        }
        return null;
    }

    private static boolean isConstructorOf(FieldStores.Site site, ClassInfo at) {
        return site.className.equals(at.name) && site.method.equals("<init>");
    }
}
