package io.github.clusterready.tomcat.session;

import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds, by reading the WAR's class files with ASM, what the application stores in HTTP sessions that Tomcat cannot
 * replicate once the webapp is distributable:
 * <ol>
 *   <li>every call of {@code HttpSession.setAttribute} or {@code putValue} (javax and jakarta, and any subtype of
 *       {@code HttpSession}) whose value is of a type known not to be {@code Serializable}: Tomcat throws
 *       {@code IllegalArgumentException} there. The value's type is the one a frame analysis of the method proves at
 *       the call: the declared type of the field, parameter or method result it comes from, or its exact class when
 *       the method created it with {@code new};</li>
 *   <li>for every Serializable class stored so, and every class of the WAR reachable from it through fields that
 *       default serialization writes (neither static nor transient, including the elements of collections and maps
 *       as their generic types declare them), each field whose type is known not to be Serializable: replication
 *       fails there with {@code NotSerializableException}.</li>
 * </ol>
 * The WAR is read as it is, nested jars through the plugin's bounded reader; no class is loaded, so none of the
 * application's code runs.
 *
 * <p>The analysis is a sequence of passes, each a small class, over one {@link AnalysisInput} that
 * {@link WarClassReader} makes and none changes; they add what they find to one {@link SessionAnalysis.Builder}:
 * {@link SetAttributeCalls} (with {@link ChangesInPlace}), {@link HelperCalls}, {@link FrameworkBeans}, and last
 * the {@link FieldWalk} over the classes the others found stored.
 */
public final class SessionAttributeAnalyzer {
    private final List<Path> classpath;
    private final boolean includeLibraries;

    /**
     * @param classpath the project's compile classpath (jars and class directories), where types that are not in
     *        the WAR are looked up; the JDK's classes are always known
     * @param includeLibraries also analyse the classes of the jars in {@code WEB-INF/lib}
     */
    public SessionAttributeAnalyzer(List<Path> classpath, boolean includeLibraries) {
        this.classpath = new ArrayList<>(classpath);
        this.includeLibraries = includeLibraries;
    }

    /**
     * Analyses {@code war}.
     *
     * @param warName the WAR as the user knows it, e.g. {@code target/app.war}, for messages
     */
    public SessionAnalysis analyze(WarArchive war, String warName) throws IOException, WarException {
        try (SerializabilityResolver resolver = new SerializabilityResolver(classpath)) {
            SessionAnalysis.Builder results = SessionAnalysis.builder();
            AnalysisInput input = new WarClassReader(resolver, includeLibraries, results).read(war, warName);
            try {
                FieldWalk walk = new FieldWalk(input, results);
                StoredValueCheck values = new StoredValueCheck(input, results, walk);
                SetAttributeCalls calls = new SetAttributeCalls(input, results, values);
                calls.run();
                new HelperCalls(input, values, calls.helpers()).run();
                new FrameworkBeans(input, results, walk).run();
                walk.run();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (Map.Entry<String, String> entry : resolver.unreadableClasses().entrySet()) {
                WarClassReader.unreadable(results, entry.getKey(), entry.getValue());
            }
            return results.build();
        }
    }
}
