package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.session.SessionRisk.Severity;
import io.github.clusterready.tomcat.session.Verdict.Kind;
import java.io.IOException;
import java.util.ArrayList;

/** A pass: the classes a framework keeps in sessions for the application, judged as stored values. */
final class FrameworkBeans {
    private final AnalysisInput input;
    private final SerializabilityResolver resolver;
    private final SessionAnalysis.Builder results;
    private final FieldWalk walk;

    FrameworkBeans(AnalysisInput input, SessionAnalysis.Builder results, FieldWalk walk) {
        this.input = input;
        this.resolver = input.resolver;
        this.results = results;
        this.walk = walk;
    }

    /**
     * The classes whose instances a framework keeps in the HTTP session for the application: CDI and JSF
     * {@code @SessionScoped}, Spring {@code @SessionScope} and {@code @Scope("session")}, Stripes
     * {@code @SessionScope} action beans, Wicket {@code Session} subclasses. Each is checked as a value stored
     * with its exact class (a framework's proxy or subclass of it is not looked for), and its fields are walked.
     */
    void run() throws IOException {
        for (ClassInfo info : new ArrayList<>(resolver.warClasses())) {
            if (info.isInterface() || info.isAbstract()) {
                continue;
            }
            String scope = frameworkScope(info);
            if (scope == null) {
                continue;
            }
            results.frameworkBean(!input.isLibraryClass(info.name));
            String storedAt = "the session-scoped " + info.binaryName() + " (" + scope + ")";
            Verdict verdict = resolver.verdict(info.name, true);
            if (verdict.is(Kind.NOT_SERIALIZABLE)) {
                results.risk(new SessionRisk(Severity.ERROR, info.sourcePath(), info.simpleName() + " is " + scope
                        + ", so the framework keeps its instances in the HTTP session, and " + info.simpleName()
                        + " " + verdict.reason + ": Tomcat refuses it there once the webapp is distributable "
                        + "(IllegalArgumentException, \"Non-serializable attribute\"), or the container "
                        + "refuses the bean: " + StoredValueCheck.fix(verdict, info.name)));
            } else if (verdict.is(Kind.SERIALIZABLE)) {
                results.valueClass(info.binaryName());
                results.unlistedValue(info.sourcePath() + ": " + storedAt + ", which the framework may store as "
                        + "a proxy or subclass, or wrapped in its own class");
                walk.reachable(verdict, info.name, null, null, storedAt);
            }
        }
    }

    /** The framework scope that keeps {@code info}'s instances in the session, as the user wrote it; or null. */
    private String frameworkScope(ClassInfo info) throws IOException {
        for (String annotation : info.annotations) {
            switch (annotation) {
                case "Ljakarta/enterprise/context/SessionScoped;":
                case "Ljavax/enterprise/context/SessionScoped;":
                    return "CDI @SessionScoped";
                case "Ljavax/faces/bean/SessionScoped;":
                    return "JSF @SessionScoped";
                case "Lorg/springframework/web/context/annotation/SessionScope;":
                    return "Spring @SessionScope";
                case "Lnet/sourceforge/stripes/action/SessionScope;":
                    return "Stripes @SessionScope";
                default:
                    if (annotation.equals(ClassInfo.SPRING_SCOPE) && "session".equals(info.scope)) {
                        return "Spring @Scope(\"session\")";
                    }
            }
        }
        if (!info.name.startsWith("org/apache/wicket/")
                && Boolean.TRUE.equals(resolver.implementsType(info.name, "org/apache/wicket/Session"))) {
            return "a Wicket Session";
        }
        return null;
    }
}
