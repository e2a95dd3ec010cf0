package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.war.AtomicFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the session analysis hands to {@code tomcat-cluster:cluster-config}: the classes of the values a WAR stores
 * as session attributes, the stored values whose classes it could not list, and what it did not read. Kept in a
 * text file, one class name a line, the rest in {@code #} lines:
 * <pre>
 * # war: target/shop.war
 * # libraries: not analysed
 * # pages: 2
 * # unlisted: shop/CartServlet.java:31: CartServlet.doGet stores a value of type java.util.List as "items"
 * shop.Cart
 * </pre>
 */
public final class SessionClassList {
    private static final String WAR = "# war: ";
    private static final String LIBRARIES = "# libraries: ";
    private static final String PAGES = "# pages: ";
    private static final String UNLISTED = "# unlisted: ";
    private static final String NOT_ANALYSED = "not analysed";

    private final String war;
    private final SortedSet<String> classes;
    private final List<String> unlistedValues;
    private final boolean librariesSkipped;
    private final int pageCount;

    private SessionClassList(String war, SortedSet<String> classes, List<String> unlistedValues,
            boolean librariesSkipped, int pageCount) {
        this.war = war;
        this.classes = Collections.unmodifiableSortedSet(classes);
        this.unlistedValues = Collections.unmodifiableList(unlistedValues);
        this.librariesSkipped = librariesSkipped;
        this.pageCount = pageCount;
    }

    /**
     * @param war the analysed WAR as the user knows it ({@code target/shop.war})
     * @param librariesAnalysed whether the classes of {@code WEB-INF/lib} were analysed too
     */
    public static SessionClassList of(String war, SessionAnalysis analysis, boolean librariesAnalysed) {
        return new SessionClassList(war, new TreeSet<>(analysis.valueClasses()),
                new ArrayList<>(analysis.unlistedValues()), analysis.libraryCount() > 0 && !librariesAnalysed,
                analysis.pageCount());
    }

    /** The analysed WAR as the user knows it; null when the file does not say. */
    public String war() {
        return war;
    }

    /** The classes of the stored values, as {@link SessionAnalysis#valueClasses()}. */
    public SortedSet<String> classes() {
        return classes;
    }

    /**
     * The stored values whose classes may be missing from {@link #classes()}, as
     * {@link SessionAnalysis#unlistedValues()}.
     */
    public List<String> unlistedValues() {
        return unlistedValues;
    }

    /** Whether the WAR has jars in {@code WEB-INF/lib} whose classes were not analysed. */
    public boolean librariesSkipped() {
        return librariesSkipped;
    }

    /** How many JSP pages the WAR has, whose code the analysis does not read. */
    public int pageCount() {
        return pageCount;
    }

    /** Writes the list to {@code file} in one step: a reader finds the old file or the new one, never a part. */
    public void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# The classes of the values a WAR stores in HTTP sessions, found by tomcat-cluster:verify or\n")
                .append("# tomcat-cluster:session-check; tomcat-cluster:cluster-config reads them when\n")
                .append("# restrictSessionClasses is true.\n");
        if (war != null) {
            text.append(WAR).append(war).append('\n');
        }
        if (librariesSkipped) {
            text.append(LIBRARIES).append(NOT_ANALYSED).append('\n');
        }
        text.append(PAGES).append(pageCount).append('\n');
        for (String value : unlistedValues) {
            text.append(UNLISTED).append(value.replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        for (String name : classes) {
            text.append(name).append('\n');
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a list {@link #write} wrote.
     *
     * @param shown the file as the user knows it, for messages
     * @throws SessionClassesException when a line is neither a class name nor one of the list's comments, or the
     *         file is not UTF-8
     */
    public static SessionClassList read(Path file, String shown) throws IOException, SessionClassesException {
        String war = null;
        SortedSet<String> classes = new TreeSet<>();
        List<String> unlisted = new ArrayList<>();
        boolean librariesSkipped = false;
        int pages = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                String trimmed = line.trim();
                if (trimmed.startsWith(WAR)) {
                    war = trimmed.substring(WAR.length());
                } else if (trimmed.startsWith(LIBRARIES)) {
                    librariesSkipped = trimmed.substring(LIBRARIES.length()).equals(NOT_ANALYSED);
                } else if (trimmed.startsWith(PAGES) && trimmed.substring(PAGES.length()).matches("\\d{1,9}")) {
                    pages = Integer.parseInt(trimmed.substring(PAGES.length()));
                } else if (trimmed.startsWith(UNLISTED)) {
                    unlisted.add(trimmed.substring(UNLISTED.length()));
                } else if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    if (!SessionClassFilter.isClassName(trimmed)) {
                        throw new SessionClassesException(shown + ":" + number + ": \"" + trimmed + "\" is not a "
                                + "class name (com.example.Cart$Item); fix or delete the line, or run "
                                + "tomcat-cluster:session-check again to write the file anew");
                    }
                    classes.add(trimmed);
                }
            }
        } catch (CharacterCodingException e) {
            throw new SessionClassesException(shown + " is not UTF-8 text; run tomcat-cluster:session-check again to "
                    + "write it anew");
        }
        return new SessionClassList(war, classes, unlisted, librariesSkipped, pages);
    }
}
