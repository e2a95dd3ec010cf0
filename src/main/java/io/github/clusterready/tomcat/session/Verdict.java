package io.github.clusterready.tomcat.session;

/** Whether objects of a type can be serialized, as far as the class files tell, and why. */
final class Verdict {
    enum Kind { SERIALIZABLE, NOT_SERIALIZABLE, UNKNOWN }

    final Kind kind;
    /** Why, as the end of a sentence about the type: "is an interface; the object's class decides". */
    final String reason;
    /** The class, when it was found. */
    final ClassInfo type;

    Verdict(Kind kind, String reason, ClassInfo type) {
        this.kind = kind;
        this.reason = reason;
        this.type = type;
    }

    boolean is(Kind k) {
        return kind == k;
    }
}
