package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.runtime.Expectation;
import io.github.clusterready.tomcat.runtime.Extraction;
import io.github.clusterready.tomcat.runtime.ScenarioStep;
import org.apache.maven.plugin.MojoFailureException;

/** The scenario's steps from the POM's {@code <requests><request>} elements, each checked for what it holds. */
final class ScenarioSteps {
    private ScenarioSteps() {
    }

    /** The step {@code request} gives; {@code where} names it in messages ({@code <requests> request 3}). */
    static ScenarioStep of(Request request, String where) throws MojoFailureException {
        boolean kill = given(request.kill);
        boolean restart = given(request.restart);
        if (kill || restart) {
            if ((kill && restart) || given(request.path) || given(request.method)) {
                throw new MojoFailureException(where + ": <kill> and <restart> are steps of their own: give one of "
                        + "them and no <path> or <method> in this <request>");
            }
            return kill ? ScenarioStep.kill(request.kill) : ScenarioStep.restart(request.restart);
        }
        if (!given(request.path)) {
            throw new MojoFailureException(where + ": no <path>: give the path under the webapp, e.g. "
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

    private static Extraction extraction(Extract extract, String where) throws MojoFailureException {
        int kinds = (given(extract.regex) ? 1 : 0) + (given(extract.formField) ? 1 : 0)
                + (given(extract.formAction) ? 1 : 0);
        if (!given(extract.name) || kinds != 1) {
            throw new MojoFailureException(where + ": each <extracts><extract> needs a <name> and one of <regex>, "
                    + "<formField> or <formAction>");
        }
        String name = extract.name.trim();
        try {
            return given(extract.regex) ? Extraction.regex(name, extract.regex)
                    : given(extract.formField) ? Extraction.formField(name, extract.formField.trim())
                    : Extraction.formAction(name, extract.formAction.trim());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(where + ": <extract> " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean given(String value) {
        return value != null && !value.trim().isEmpty();
    }
}
