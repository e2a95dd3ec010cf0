package io.github.clusterready.tomcat.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dom4j.Document;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.junit.jupiter.api.Test;

/**
 * The README's parameter tables say what the plugin descriptor says: each goal's section ("## The `verify` goal",
 * "…: the `run`, `start` and `stop` goals") has a table whose rows name parameters of each of its goals, with the
 * descriptor's property and default; and every parameter of a goal is in its section's table, or, for the goals
 * that start a cluster, in the table of {@code cluster-config}, whose settings they share.
 */
class ReadmeParametersTest {
    private static final Pattern GOAL_SECTION = Pattern.compile("^## (?:.*: )?[Tt]he (`[a-z-]+`(?:(?:, | and )`[a-z-]+`)*) goals?$");
    private static final Pattern NAME = Pattern.compile("`([A-Za-z]+)`");
    private static final String SHARED = "The cluster settings of `cluster-config`";

    /** A row of a table: the parameter names, the property (or empty), the default as written. */
    private static final class Row {
        final List<String> names = new ArrayList<>();
        String property;
        String defaultValue;
    }

    /** One parameter as the descriptor has it. */
    private static final class Parameter {
        String property;
        String defaultValue;
    }

    private static Map<String, Map<String, Parameter>> descriptor() throws Exception {
        Map<String, Map<String, Parameter>> goals = new LinkedHashMap<>();
        try (InputStream in = ReadmeParametersTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            Document document = SAXReader.createDefault().read(in);
            for (Element mojo : document.getRootElement().element("mojos").elements("mojo")) {
                Map<String, Parameter> parameters = new LinkedHashMap<>();
                for (Element parameter : mojo.element("parameters").elements("parameter")) {
                    if (!"false".equals(parameter.elementText("editable"))) {
                        parameters.put(parameter.elementText("name"), new Parameter());
                    }
                }
                Element configuration = mojo.element("configuration");
                for (Element value : configuration == null ? List.<Element>of() : configuration.elements()) {
                    Parameter parameter = parameters.get(value.getName());
                    if (parameter != null) {
                        String text = value.getTextTrim();
                        parameter.property = text.startsWith("${") && !text.startsWith("${project")
                                ? text.substring(2, text.length() - 1) : "";
                        parameter.defaultValue = value.attributeValue("default-value");
                    }
                }
                goals.put(mojo.elementText("goal"), parameters);
            }
        }
        return goals;
    }

    @Test
    void everyGoalsTableMatchesThePluginDescriptor() throws Exception {
        Map<String, Map<String, Parameter>> descriptor = descriptor();
        // the README and the reference pages under docs/ (a goal documented on a page of its own, e.g.
        // docs/check-server-xml.md)
        List<String> lines = new ArrayList<>(Files.readAllLines(Paths.get("README.md"), StandardCharsets.UTF_8));
        try (Stream<Path> pages = Files.list(Paths.get("docs"))) {
            for (Path page : (Iterable<Path>) pages.filter(p -> p.toString()
                    .endsWith(".md")).sorted()::iterator) {
                lines.addAll(Files.readAllLines(page, StandardCharsets.UTF_8));
            }
        }
        Map<String, List<Row>> tables = new LinkedHashMap<>();
        Map<String, Boolean> sharesClusterSettings = new LinkedHashMap<>();
        List<String> goals = List.of();
        for (String line : lines) {
            if (line.startsWith("## ")) {
                Matcher section = GOAL_SECTION.matcher(line);
                goals = new ArrayList<>();
                if (section.matches()) {
                    Matcher name = Pattern.compile("`([a-z-]+)`").matcher(section.group(1));
                    while (name.find()) {
                        goals.add(name.group(1));
                        tables.put(name.group(1), new ArrayList<>());
                        sharesClusterSettings.put(name.group(1), false);
                    }
                }
            } else if (!goals.isEmpty() && line.startsWith(SHARED)) {
                goals.forEach(goal -> sharesClusterSettings.put(goal, true));
            } else if (!goals.isEmpty() && line.startsWith("| `") && line.split("\\|").length == 5) {
                String[] cells = line.split("\\|");
                Row row = new Row();
                Matcher name = NAME.matcher(cells[1]);
                while (name.find()) {
                    row.names.add(name.group(1));
                }
                row.property = cells[2].trim().replace("`", "");
                row.defaultValue = cells[3].trim();
                goals.forEach(goal -> tables.get(goal).add(row));
            }
        }
        assertEquals(descriptor.keySet().stream().filter(goal -> !goal.equals("help")).sorted()
                .collect(java.util.stream.Collectors.toList()),
                tables.keySet().stream().sorted().collect(java.util.stream.Collectors.toList()),
                "a README section per goal");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<Row>> table : tables.entrySet()) {
            String goal = table.getKey();
            Map<String, Parameter> parameters = descriptor.get(goal);
            List<String> documented = new ArrayList<>();
            for (Row row : table.getValue()) {
                for (String name : row.names) {
                    documented.add(name);
                    Parameter parameter = parameters.get(name);
                    if (parameter == null) {
                        problems.add(goal + ": the README lists " + name + ", which the goal does not have");
                        continue;
                    }
                    if (!row.property.equals(parameter.property == null ? "" : parameter.property)) {
                        problems.add(goal + " " + name + ": the README says property '" + row.property
                                + "', the descriptor '" + parameter.property + "'");
                    }
                    if (row.defaultValue.matches("`[^`]*`") && row.names.size() == 1
                            && !row.defaultValue.equals("`" + parameter.defaultValue + "`")) {
                        problems.add(goal + " " + name + ": the README says default " + row.defaultValue
                                + ", the descriptor " + parameter.defaultValue);
                    }
                }
            }
            for (String name : parameters.keySet()) {
                boolean shared = sharesClusterSettings.get(goal) && descriptor.get("cluster-config").containsKey(name)
                        && tables.get("cluster-config").stream().anyMatch(row -> row.names.contains(name));
                if (!documented.contains(name) && !shared) {
                    problems.add(goal + ": parameter " + name + " is in no README table");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
