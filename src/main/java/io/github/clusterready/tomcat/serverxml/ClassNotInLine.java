package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code className} (or a Connector's {@code protocol}) of Tomcat's own packages that the node's Tomcat line
 * does not have: copied from an older how-to ({@code MessageDispatch15Interceptor},
 * {@code JvmRouteSessionIDBinderListener}, Tomcat 5.5's {@code org.apache.catalina.cluster.*}) or written for a
 * newer line ({@code StaticMembershipService} on 8.5). The digester cannot create the object and Tomcat does not
 * start.
 */
final class ClassNotInLine extends Rule {
    /** Classes removed before 8.5 whose successor takes the same place and attributes. */
    private static final Map<String, String> SUCCESSORS = new LinkedHashMap<>();

    static {
        // Tomcat 8.0 changelog: MessageDispatch15Interceptor merged into MessageDispatchInterceptor
        SUCCESSORS.put("org.apache.catalina.tribes.group.interceptors.MessageDispatch15Interceptor",
                "org.apache.catalina.tribes.group.interceptors.MessageDispatchInterceptor");
        // Tomcat 10.1 removed the APR connector; the NIO one takes the same attributes (but those of SSL)
        SUCCESSORS.put("org.apache.coyote.http11.Http11AprProtocol", "org.apache.coyote.http11.Http11NioProtocol");
        SUCCESSORS.put("org.apache.coyote.ajp.AjpAprProtocol", "org.apache.coyote.ajp.AjpNioProtocol");
    }

    ClassNotInLine() {
        super("class-not-in-line",
                "the lib/*.jar of Tomcat 8.5.100, 9.0.117, 10.1.59, 11.0.24 (list tomcat-classes.txt); "
                        + "Digester.java (ObjectCreateRule: ClassNotFoundException ends the parse; Catalina.load "
                        + "then has no Server)");
    }

    @Override
    void check(NodeConfig node, Findings findings) {
        for (XmlNode element : node.file.root.descendants()) {
            judge(node, findings, element, "className");
            if (element.name.equals("Connector")) {
                judge(node, findings, element, "protocol");
            }
        }
        judge(node, findings, node.file.root, "className");
    }

    private void judge(NodeConfig node, Findings findings, XmlNode element, String attribute) {
        String raw = element.raw(attribute);
        if (raw == null || !raw.contains(".") || !findings.checkable(node, element, attribute, this)) {
            return;
        }
        String className = node.value(element, attribute).trim();
        if (!TomcatClasses.isTomcats(className)) {
            return;
        }
        Set<TomcatLine> lines = TomcatClasses.linesOf(className);
        List<TomcatLine> missing = new ArrayList<>();
        for (TomcatLine line : node.lines()) {
            if (!lines.contains(line)) {
                missing.add(line);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (node.line == null && !lines.isEmpty()) {
            findings.add(node, element, attribute, Severity.FRAGILE, this, className + " is only in Tomcat "
                            + join(lines) + ", and the node's line is not known",
                    "on Tomcat " + join(missing) + " the digester cannot create it and Tomcat does not start",
                    "give the node's Tomcat line (<tomcatVersion>) to have it checked, and use a class that line has",
                    null);
            return;
        }
        String successor = SUCCESSORS.get(className);
        boolean successorExists = successor != null && TomcatClasses.linesOf(successor).containsAll(node.lines());
        String has = lines.isEmpty() ? "no Tomcat line from 8.5 on has it" : "only Tomcat " + join(lines) + " has it";
        findings.add(node, element, attribute, Severity.BREAKS_CLUSTER, this, "<" + element.name + "> " + attribute
                        + " " + className + " is not a class of Tomcat " + join(missing) + " (" + has + ")",
                "the digester cannot create the <" + element.name + "> (ClassNotFoundException) and Tomcat does not "
                        + "start",
                successorExists ? "use " + successor : "remove the element or use the class Tomcat " + join(missing)
                        + "'s configuration reference names for it",
                successorExists ? Fixes.set(node.file, element, attribute, successor) : null);
    }

    private static String join(Iterable<TomcatLine> lines) {
        List<String> names = new ArrayList<>();
        for (TomcatLine line : lines) {
            names.add(line.number());
        }
        return String.join(", ", names);
    }
}
