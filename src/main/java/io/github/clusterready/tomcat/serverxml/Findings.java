package io.github.clusterready.tomcat.serverxml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the rules found, and what they could not check (a value behind a placeholder nothing gave). */
final class Findings {
    private final List<Finding> found = new ArrayList<>();
    private final Set<String> unchecked = new LinkedHashSet<>();

    /** A finding at {@code attribute}'s value of {@code element} (or at its start tag with attribute null). */
    void add(NodeConfig node, XmlNode element, String attribute, Severity severity, Rule rule, String problem,
            String whatHappens, String fix, LineFix lineFix) {
        int[] at = attribute == null ? new int[] {element.line, element.column} : element.position(attribute);
        found.add(new Finding(new Finding.Position(node.file.shown, at[0], at[1]), severity, rule.name(), problem,
                whatHappens, fix, lineFix));
    }

    /**
     * Whether the attribute can be judged; if not, notes it: its value holds a {@code ${…}} no given property
     * replaces, so Tomcat's value is not known here.
     */
    boolean checkable(NodeConfig node, XmlNode element, String attribute, Rule rule) {
        if (node.known(element, attribute)) {
            return true;
        }
        int[] at = element.position(attribute);
        unchecked.add(node.file.shown + ":" + at[0] + ":" + at[1] + ": " + rule.name() + " not checked: "
                + element.name + " " + attribute + "=\"" + element.raw(attribute) + "\" has a placeholder no given "
                + "property replaces (give it with <systemProperties> or the node's conf/catalina.properties)");
        return false;
    }

    List<Finding> all() {
        return Collections.unmodifiableList(found);
    }

    List<String> unchecked() {
        return new ArrayList<>(unchecked);
    }
}
