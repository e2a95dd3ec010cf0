package io.github.clusterready.tomcat.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** What {@link SessionAttributeAnalyzer} found in a WAR. */
public final class SessionAnalysis {
    private final List<SessionRisk> risks;
    private final SortedSet<String> valueClasses;
    private final List<String> unlistedValues;
    private final int classCount;
    private final int callCount;
    private final int pageCount;
    private final int libraryCount;
    private final int ownStores;
    private final int frameworkBeanCount;

    private SessionAnalysis(Builder builder) {
        this.risks = Collections.unmodifiableList(new ArrayList<>(builder.risks));
        this.valueClasses = Collections.unmodifiableSortedSet(new TreeSet<>(builder.valueClasses));
        this.unlistedValues = Collections.unmodifiableList(new ArrayList<>(builder.unlistedValues));
        this.classCount = builder.classCount;
        this.callCount = builder.callCount;
        this.pageCount = builder.pageCount;
        this.libraryCount = builder.libraryCount;
        this.ownStores = builder.ownStores;
        this.frameworkBeanCount = builder.frameworkBeanCount;
    }

    static Builder builder() {
        return new Builder();
    }

    /** What the analysis's passes find, gathered as they run; {@link #build()} makes the result. */
    static final class Builder {
        private final List<SessionRisk> risks = new ArrayList<>();
        private final SortedSet<String> valueClasses = new TreeSet<>();
        private final List<String> unlistedValues = new ArrayList<>();
        private int classCount;
        private int callCount;
        private int pageCount;
        private int libraryCount;
        private int ownStores;
        private int frameworkBeanCount;

        private Builder() {
        }

        Builder risk(SessionRisk risk) {
            risks.add(risk);
            return this;
        }

        /** A class a stored value can be of, as {@code Class.getName()} spells it. */
        Builder valueClass(String name) {
            valueClasses.add(name);
            return this;
        }

        Builder unlistedValue(String what) {
            unlistedValues.add(what);
            return this;
        }

        /** One class file analysed (or found unreadable). */
        Builder classFile() {
            classCount++;
            return this;
        }

        /** One JSP page. */
        Builder page() {
            pageCount++;
            return this;
        }

        /** One jar in {@code WEB-INF/lib}. */
        Builder library() {
            libraryCount++;
            return this;
        }

        /** One {@code setAttribute}/{@code putValue} call; {@code own} when in {@code WEB-INF/classes}. */
        Builder setAttributeCall(boolean own) {
            callCount++;
            return ownStore(own);
        }

        /** One session-scoped framework bean; {@code own} when in {@code WEB-INF/classes}. */
        Builder frameworkBean(boolean own) {
            frameworkBeanCount++;
            return ownStore(own);
        }

        private Builder ownStore(boolean own) {
            if (own) {
                ownStores++;
            }
            return this;
        }

        SessionAnalysis build() {
            return new SessionAnalysis(this);
        }
    }

    /**
     * How many classes a framework keeps in sessions for the application (CDI, JSF, Spring, Stripes scopes, Wicket
     * sessions).
     */
    public int frameworkBeanCount() {
        return frameworkBeanCount;
    }

    /**
     * Whether only libraries put anything in sessions: the classes of {@code WEB-INF/classes} call no
     * {@code setAttribute} and declare no session-scoped class, but the WAR has jars in {@code WEB-INF/lib}, which
     * may (a framework's session state). What they store only the run-time check can tell.
     */
    public boolean onlyLibrariesStore() {
        return ownStores == 0 && libraryCount > 0;
    }

    /** Every risk, errors and unknowns, in the order found. */
    public List<SessionRisk> risks() {
        return risks;
    }

    /** The risks known to break replication. */
    public List<SessionRisk> errors() {
        return only(SessionRisk.Severity.ERROR);
    }

    /** The values and fields whose serializability only the object at run time can tell. */
    public List<SessionRisk> unknowns() {
        return only(SessionRisk.Severity.UNKNOWN);
    }

    /**
     * The warnings: class files that could not be read (see {@link #unreadableClasses()}), and state replication
     * leaves out without an error.
     */
    public List<SessionRisk> warnings() {
        return only(SessionRisk.Severity.WARNING);
    }

    /**
     * The class files of the WAR (or of the classes it uses) that could not be read: a class-file version newer
     * than the analysis knows, a damaged file, one larger than the analysis reads. What they store is not known.
     */
    public List<SessionRisk> unreadableClasses() {
        List<SessionRisk> result = new ArrayList<>();
        for (SessionRisk risk : risks) {
            if (risk.isUnreadableClass()) {
                result.add(risk);
            }
        }
        return result;
    }

    private List<SessionRisk> only(SessionRisk.Severity severity) {
        List<SessionRisk> result = new ArrayList<>();
        for (SessionRisk risk : risks) {
            if (risk.severity() == severity) {
                result.add(risk);
            }
        }
        return result;
    }

    /**
     * The classes the Serializable values the application stores as session attributes can be of at run time, as
     * {@code Class.getName()} spells them ({@code com.example.Cart$Item}, {@code [Ljava.lang.String;}), sorted:
     * what Tomcat's {@code sessionAttributeValueClassNameFilter} must let through. A value's exact class when the
     * code creates it; else its static type when that is a concrete class, and that type's concrete Serializable
     * subclasses in the WAR. Subclasses outside the WAR are not included, nor are the values of
     * {@link #unlistedValues()}.
     */
    public SortedSet<String> valueClasses() {
        return valueClasses;
    }

    /**
     * The stored values whose classes {@link #valueClasses()} may miss, each as "where: what", e.g.
     * {@code shop/CartServlet.java:31: CartServlet.doGet stores a value of type java.util.List as "items"}: their
     * static type is {@code Object}, an interface or an abstract class, or cannot be resolved.
     */
    public List<String> unlistedValues() {
        return unlistedValues;
    }

    /** How many jars {@code WEB-INF/lib} has, analysed or not. */
    public int libraryCount() {
        return libraryCount;
    }

    /** How many JSP pages ({@code .jsp}, {@code .jspx}) the WAR has: their code is compiled by Tomcat, not read. */
    public int pageCount() {
        return pageCount;
    }

    /** How many class files were analysed. */
    public int classCount() {
        return classCount;
    }

    /** How many {@code HttpSession.setAttribute}/{@code putValue} calls were found. */
    public int callCount() {
        return callCount;
    }
}
