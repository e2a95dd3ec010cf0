package io.github.clusterready.tomcat.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code restrictSessionClasses} writes into the cluster's Manager: the classes the session analysis listed
 * for a WAR ({@link SessionClassList}) and those the user allows besides ({@code <allowedSessionClasses>}), as
 * Tomcat's {@code sessionAttributeValueClassNameFilter}; and what the user must know about what it may miss.
 */
public final class SessionClassAllowList {
    private final String regex;
    private final List<String> warnings;
    private final String summary;

    private SessionClassAllowList(String regex, List<String> warnings, String summary) {
        this.regex = regex;
        this.warnings = Collections.unmodifiableList(warnings);
        this.summary = summary;
    }

    /**
     * Reads the list the session analysis wrote and adds {@code allowed}.
     *
     * @param list the list's file; {@code shown}: as the user knows it, for messages
     * @param basedir the project's directory, which the WAR named in the list is relative to
     * @param allowed class names and packages ({@code com.example.model.*}) to let through besides
     * @throws SessionClassesException when the list is missing, malformed or older than its WAR (so it describes an
     *         earlier build), when an allowed entry is neither a class nor a package, or when the analysis found
     *         stored values whose classes it cannot list and nothing is allowed besides
     */
    public static SessionClassAllowList read(Path list, String shown, Path basedir, List<String> allowed)
            throws IOException, SessionClassesException {
        if (!Files.isRegularFile(list)) {
            throw new SessionClassesException("tomcat-cluster.restrictSessionClasses needs " + shown + ", the "
                    + "classes the webapp stores in sessions, which tomcat-cluster:verify and tomcat-cluster:"
                    + "session-check write: run one of them before cluster-config, e.g. mvn package tomcat-cluster:"
                    + "session-check tomcat-cluster:cluster-config -Dtomcat-cluster.restrictSessionClasses=true");
        }
        SessionClassList classes = SessionClassList.read(list, shown);
        String war = classes.war() == null ? "the WAR" : classes.war();
        if (classes.war() != null) {
            Path warFile = basedir.resolve(classes.war());
            if (Files.isRegularFile(warFile)
                    && Files.getLastModifiedTime(warFile).compareTo(Files.getLastModifiedTime(list)) > 0) {
                throw new SessionClassesException(shown + " lists the classes " + war + " stored in sessions before "
                        + war + " was built again: run tomcat-cluster:session-check or tomcat-cluster:verify after "
                        + "the WAR is built and before cluster-config, e.g. all three goals in one <execution> in "
                        + "the package phase (distributable, session-check, cluster-config)");
            }
        }
        String regex;
        try { // the list's own lines were checked as it was read: a failure here is an allowed entry's
            List<String> entries = new ArrayList<>(classes.classes());
            entries.addAll(allowed);
            regex = SessionClassFilter.regex(entries);
        } catch (IllegalArgumentException e) {
            throw new SessionClassesException("<allowedSessionClasses> " + e.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        if (!classes.unlistedValues().isEmpty()) {
            StringBuilder values = new StringBuilder();
            for (String value : classes.unlistedValues()) {
                values.append(System.lineSeparator()).append("  - ").append(value);
            }
            if (allowed.isEmpty()) {
                throw new SessionClassesException("tomcat-cluster.restrictSessionClasses: the session analysis of "
                        + war + " cannot list the classes of these stored values, so Tomcat would not replicate "
                        + "them:" + values + System.lineSeparator() + "Add the classes they can have to "
                        + "<allowedSessionClasses> (com.example.Cart, or a package: com.example.model.*), or set "
                        + "restrictSessionClasses to false");
            }
            warnings.add("The session analysis of " + war + " cannot list the classes of these stored values; "
                    + "<allowedSessionClasses> must cover them, or Tomcat does not replicate them:" + values);
        }
        if (classes.librariesSkipped()) {
            warnings.add("The session analysis of " + war + " did not read the jars in WEB-INF/lib: values that "
                    + "their code stores in sessions are not replicated unless <allowedSessionClasses> lists their "
                    + "classes; set tomcat-cluster.includeLibraries to true for the analysis to read them");
        }
        if (classes.pageCount() > 0) {
            warnings.add(war + " has " + classes.pageCount() + (classes.pageCount() == 1 ? " JSP page" : " JSP pages")
                    + ", which the session analysis does not read: values they store in sessions are not "
                    + "replicated unless <allowedSessionClasses> lists their classes");
        }
        int count = classes.classes().size();
        String summary = count + (count == 1 ? " class" : " classes") + " from " + shown
                + (allowed.isEmpty() ? "" : " and " + allowed.size() + " <allowedSessionClasses>");
        return new SessionClassAllowList(regex, warnings, summary);
    }

    /** The {@code sessionAttributeValueClassNameFilter}. */
    public String regex() {
        return regex;
    }

    /** What the allow-list may keep back that the application stores, one warning each. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Where the allowed classes come from, e.g.
     * {@code 3 classes from target/…/session-classes.txt and 1 <allowedSessionClasses>}.
     */
    public String summary() {
        return summary;
    }
}
