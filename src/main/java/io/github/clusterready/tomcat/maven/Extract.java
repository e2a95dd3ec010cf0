package io.github.clusterready.tomcat.maven;

/**
 * A value a scenario request takes from its response ({@code <extracts><extract>}): its {@code <name>}, used as
 * {@code ${name}} in later paths and parameters, and one of {@code <regex>} (a regular expression with one group),
 * {@code <formField>} (the value of the input with that name) or {@code <formAction>} (the action of the form with
 * that id or name, {@code *} for the first form, as a path under the webapp).
 */
public final class Extract {
    String name;
    String regex;
    String formField;
    String formAction;
}
