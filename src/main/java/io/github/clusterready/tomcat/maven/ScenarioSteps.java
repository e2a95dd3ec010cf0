package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.runtime.Expectation;
import io.github.clusterready.tomcat.runtime.Extraction;
import io.github.clusterready.tomcat.runtime.RuntimeClusterException;
import io.github.clusterready.tomcat.runtime.ScenarioStep;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The scenario's steps from the POM's {@code <requests><request>} elements, each checked for what it holds.
 *
 * <p>A value that is exactly {@code ${name}} (a path that is an extracted form action, a parameter that is an
 * extracted token) reaches the Mojo as null: Maven evaluates it as an expression and finds no property of that name.
 * Such values are read from the execution's configuration as written, where Maven leaves them as they are.
 */
final class ScenarioSteps {
    /** A value Maven takes for one expression. */
    private static final Pattern WHOLE_REFERENCE = Pattern.compile("\\$\\{[^}]+}");

    private ScenarioSteps() {
    }

    /** The step {@code request} gives; {@code where} names it in messages ({@code <requests> request 3}). */
    static ScenarioStep of(Request request, Xpp3Dom written, String where) throws RuntimeClusterException {
        if (written != null) {
            request.path = request.path != null ? request.path : reference(written.getChild("path"));
            Xpp3Dom parameters = written.getChild("parameters");
            for (Xpp3Dom parameter : parameters == null ? new Xpp3Dom[0] : parameters.getChildren()) {
                String value = reference(parameter);
                if (value != null) {
                    request.parameters = request.parameters == null ? new LinkedHashMap<String, String>()
                            : new LinkedHashMap<>(request.parameters);
                    request.parameters.putIfAbsent(parameter.getName(), value);
                }
            }
        }
        boolean kill = given(request.kill);
        boolean restart = given(request.restart);
        if (kill || restart) {
            if ((kill && restart) || given(request.path) || given(request.method)) {
                throw new RuntimeClusterException(where + ": <kill> and <restart> are steps of their own: give one of "
                        + "them and no <path> or <method> in this <request>");
            }
            return kill ? ScenarioStep.kill(request.kill) : ScenarioStep.restart(request.restart);
        }
        if (!given(request.path)) {
            throw new RuntimeClusterException(where + ": no <path>: give the path under the webapp, e.g. "
                    + "<path>/cart</path>, or a <kill> or <restart> step");
        }
        ScenarioStep step = ScenarioStep.request(request.method, request.path, request.parameters)
                .node(request.node).group(request.group)
                .followRedirects(request.followRedirects == null || request.followRedirects);
        if (request.expect != null) {
            step.expect(new Expectation(request.expect.status, request.expect.contains, request.expect.notContains));
        }
        if (request.extracts != null) {
            for (Extract extract : request.extracts) {
                step.extract(extraction(extract, where));
            }
        }
        return step;
    }

    private static Extraction extraction(Extract extract, String where) throws RuntimeClusterException {
        int kinds = (given(extract.regex) ? 1 : 0) + (given(extract.formField) ? 1 : 0)
                + (given(extract.formAction) ? 1 : 0);
        if (!given(extract.name) || kinds != 1) {
            throw new RuntimeClusterException(where + ": each <extracts><extract> needs a <name> and one of <regex>, "
                    + "<formField> or <formAction>");
        }
        String name = extract.name.trim();
        try {
            return given(extract.regex) ? Extraction.regex(name, extract.regex)
                    : given(extract.formField) ? Extraction.formField(name, extract.formField.trim())
                    : Extraction.formAction(name, extract.formAction.trim());
        } catch (IllegalArgumentException e) {
            throw new RuntimeClusterException(where + ": <extract> " + name + ": " + e.getMessage(), e);
        }
    }

    /** The element's value when it is exactly {@code ${name}}; null otherwise. */
    private static String reference(Xpp3Dom element) {
        String value = element == null ? null : element.getValue();
        return value != null && WHOLE_REFERENCE.matcher(value.trim()).matches() ? value.trim() : null;
    }

    private static boolean given(String value) {
        return value != null && !value.trim().isEmpty();
    }
}
