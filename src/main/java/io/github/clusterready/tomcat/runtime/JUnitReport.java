package io.github.clusterready.tomcat.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dom4j.Document;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.io.OutputFormat;
import org.dom4j.io.XMLWriter;

/**
 * The replication report in the JUnit XML format CI servers show: one test case for what the run exercised (it
 * fails when nothing was proven), one for the load drill when one ran (it fails when it lost anything or was cut
 * short) and one a problem (failed, or skipped with its reason when accepted), each with a
 * name of its own. Built with dom4j; every text from a node is {@link Shown shown} first, so control characters
 * reach the file escaped, as in the text report, instead of making it invalid XML.
 */
final class JUnitReport {
    private static final String SUITE = "tomcat-cluster replication";
    private static final String CLASS = "tomcat-cluster.replication";

    private JUnitReport() {
    }

    static byte[] of(ReplicationReport report) throws IOException {
        List<ReplicationProblem> problems = report.problems();
        int failures = report.failures().size();
        boolean proven = report.exercise().touchedASession();
        LoadSummary load = report.load();
        boolean loadFailed = load != null && !load.passed();
        Document document = DocumentHelper.createDocument();
        Element suite = document.addElement("testsuite").addAttribute("name", SUITE)
                .addAttribute("tests", Integer.toString(problems.size() + 1 + (load == null ? 0 : 1)))
                .addAttribute("failures", Integer.toString(failures + (proven ? 0 : 1) + (loadFailed ? 1 : 0)))
                .addAttribute("errors", "0")
                .addAttribute("skipped", Integer.toString(problems.size() - failures));
        Element exercised = suite.addElement("testcase").addAttribute("classname", CLASS)
                .addAttribute("name", "what was exercised");
        exercised.addElement("system-out").addText(report.summary());
        if (!proven) {
            exercised.addElement("failure").addAttribute("message", "nothing was proven")
                    .addText(report.verdict());
        }
        if (load != null) {
            Element drill = suite.addElement("testcase").addAttribute("classname", CLASS).addAttribute("name",
                    "load drill");
            drill.addElement("system-out").addText(load.toString());
            if (loadFailed) {
                drill.addElement("failure").addAttribute("message", load.lostSessions() + load.lostUpdates() > 0
                        ? "lost sessions or updates" : "cut short").addText(load.toString());
            }
        }
        Set<String> names = new HashSet<>();
        for (ReplicationProblem problem : problems) {
            String name = Shown.text(problem.cause().key() + ": " + (problem.attribute().isEmpty()
                    ? problem.request() : "attribute \"" + problem.attribute() + "\""));
            String unique = name;
            for (int n = 2; !names.add(unique); n++) {
                unique = name + " (" + n + ")";
            }
            Element testCase = suite.addElement("testcase").addAttribute("classname", CLASS + "."
                    + problem.cause().key()).addAttribute("name", unique);
            if (problem.accepted()) {
                testCase.addElement("skipped").addAttribute("message", "accepted: "
                        + Shown.text(problem.acceptedBecause()));
            } else {
                testCase.addElement("failure").addAttribute("message", problem.cause().label())
                        .addText(problem.toString());
            }
        }
        if (!report.budget().isEmpty()) {
            suite.addElement("system-out").addText(report.budget().text());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XMLWriter writer = new XMLWriter(bytes, OutputFormat.createPrettyPrint());
        writer.write(document);
        writer.close();
        return bytes.toByteArray();
    }
}
