package io.github.clusterready.tomcat.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;

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

    SessionAnalysis(List<SessionRisk> risks, SortedSet<String> valueClasses, List<String> unlistedValues,
            int classCount, int callCount, int pageCount, int libraryCount, int ownStores, int frameworkBeanCount) {
        this.risks = Collections.unmodifiableList(new ArrayList<>(risks));
        this.valueClasses = Collections.unmodifiableSortedSet(valueClasses);
        this.unlistedValues = Collections.unmodifiableList(new ArrayList<>(unlistedValues));
        this.classCount = classCount;
        this.callCount = callCount;
        this.pageCount = pageCount;
        this.libraryCount = libraryCount;
        this.ownStores = ownStores;
        this.frameworkBeanCount = frameworkBeanCount;
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
