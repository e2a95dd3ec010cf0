package io.github.clusterready.tomcat.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dom4j.Document;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parameter tables under {@code docs/} say what the plugin descriptor says, and the README has a section per goal.
 * {@code docs/index.md} maps each goal to its pages ("| `run` | [run.md](run.md), [run-start-stop.md](…) |"). Every
 * goal of the descriptor but {@code help} has such a row; every parameter of a goal is in a parameter table
 * ({@code | Parameter | Property | Default | Meaning |}) of one of its pages, or, on a page that says "The cluster
 * settings of `cluster-config`", in a table of a {@code cluster-config} page; every row of such a table names
 * parameters the goal has, with the descriptor's property and, where the row gives one literal default, its default.
 * A page the index lists but that is not there (written on another branch) is skipped; a goal none of whose pages is
 * there is a problem, and so is a page that is there for a goal the plugin does not have.
 */
class ReadmeParametersTest {
    static final String TABLE_HEADER = "| Parameter | Property | Default | Meaning |";
    private static final Pattern INDEX_ROW = Pattern.compile("^\\| `([a-z-]+)` \\| (.*) \\|$");
    private static final Pattern PAGE_LINK = Pattern.compile("\\[[^\\]]*\\]\\(([A-Za-z0-9_.-]+\\.md)\\)");
    private static final Pattern NAME = Pattern.compile("`([A-Za-z]+)`");
    private static final Pattern README_GOAL_HEADING = Pattern.compile("^#{2,3} .*");
    private static final Pattern GOAL_NAME = Pattern.compile("`([a-z-]+)`");
    private static final String SHARED = "The cluster settings of `cluster-config`";

    /** A row of a parameter table: the parameter names, the property (or empty), the default as written. */
    static final class Row {
        final List<String> names = new ArrayList<>();
        String property;
        String defaultValue;
        String where;
    }

    /** One parameter as the descriptor has it. */
    static final class Parameter {
        String property;
        String defaultValue;
    }

    /** Goal name to its editable parameters, from the plugin.xml that the build generated. */
    static Map<String, Map<String, Parameter>> descriptor() throws Exception {
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
    void everyParameterIsInATableOfItsGoalsPageAsTheDescriptorHasIt() throws Exception {
        List<String> problems = problems(descriptor(), Paths.get("docs"));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theReadmeHasASectionPerGoal() throws Exception {
        Set<String> sections = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Paths.get("README.md"), StandardCharsets.UTF_8)) {
            if (README_GOAL_HEADING.matcher(line).matches()) {
                Matcher name = GOAL_NAME.matcher(line);
                while (name.find()) {
                    sections.add(name.group(1));
                }
            }
        }
        List<String> missing = descriptor().keySet().stream().filter(goal -> !goal.equals("help"))
                .filter(goal -> !sections.contains(goal)).collect(Collectors.toList());
        assertEquals(List.of(), missing, "goals without a README heading naming them (### `goal`)");
    }

    /** The checks must be able to fail: each kind of drift in a copy of the real docs is found and named. */
    @Test
    void driftInTheDocsIsFound(@TempDir Path copy) throws Exception {
        Path docs = Paths.get("docs");
        try (Stream<Path> pages = Files.list(docs)) {
            for (Path page : pages.collect(Collectors.toList())) {
                Files.copy(page, copy.resolve(page.getFileName()));
            }
        }
        Map<String, Map<String, Parameter>> descriptor = descriptor();
        assertEquals(List.of(), problems(descriptor, copy), "the copy is as good as the original");

        Path distributable = copy.resolve("distributable.md");
        String text = read(distributable);
        String classifierRow = text.lines().filter(line -> line.startsWith("| `classifier` |")).findFirst()
                .orElseThrow(AssertionError::new);
        Files.write(distributable, text.replace(classifierRow + "\n", "")
                .replace("| `skip` | `tomcat-cluster.skip` | `false` |",
                        "| `skip` | `tomcat-cluster.skipIt` | `true` |")
                .replace(TABLE_HEADER + "\n|---|---|---|---|\n", TABLE_HEADER + "\n|---|---|---|---|\n"
                        + "| `compressionLevel` | | `9` | A parameter the goal does not have. |\n")
                .getBytes(StandardCharsets.UTF_8));
        Path index = copy.resolve("index.md");
        Files.write(index, read(index).replace("| `verify` | [verify.md](verify.md) |\n", "")
                .replace("| `session-check` |", "| `deploy-cluster` | [recipes.md](recipes.md) |\n| `session-check` |")
                .getBytes(StandardCharsets.UTF_8));
        Files.delete(copy.resolve("cluster-config.md"));
        Files.deleteIfExists(copy.resolve("kubernetes.md"));

        List<String> problems = problems(descriptor, copy);
        found(problems, "distributable: parameter classifier is in no parameter table of distributable.md");
        found(problems, "distributable skip (distributable.md:\\d+): the docs say property 'tomcat-cluster.skipIt', "
                + "the descriptor 'tomcat-cluster.skip'");
        found(problems, "distributable skip (distributable.md:\\d+): the docs say default `true`, "
                + "the descriptor false");
        found(problems, "distributable (distributable.md:\\d+): the docs list compressionLevel, which the goal does "
                + "not have");
        found(problems, "verify: no row in docs/index.md names its pages");
        found(problems, "cluster-config: none of its pages is there (cluster-config.md, kubernetes.md)");
        found(problems, "deploy-cluster: docs/index.md lists recipes.md for a goal the plugin does not have");
    }

    /** One of {@code problems} is {@code expected}, where {@code \\d+} stands for a line number. */
    private static void found(List<String> problems, String expected) {
        Pattern pattern = Pattern.compile(Stream.of(expected.split("\\\\d\\+", -1)).map(Pattern::quote)
                .collect(Collectors.joining("\\d+")));
        assertTrue(problems.stream().anyMatch(problem -> pattern.matcher(problem).matches()),
                "no problem like: " + expected + "\nbut:\n" + String.join("\n", problems));
    }

    /** Every way the docs under {@code docs} and the descriptor disagree, one line each; empty when they agree. */
    static List<String> problems(Map<String, Map<String, Parameter>> descriptor, Path docs) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> pagesOf = index(docs.resolve("index.md"));
        for (String goal : descriptor.keySet()) {
            if (!goal.equals("help") && !pagesOf.containsKey(goal)) {
                problems.add(goal + ": no row in docs/index.md names its pages");
            }
        }
        Map<String, List<Row>> tablesOf = new LinkedHashMap<>();
        Map<String, Boolean> sharesClusterSettings = new LinkedHashMap<>();
        Map<String, List<String>> presentOf = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> goal : pagesOf.entrySet()) {
            List<String> present = goal.getValue().stream().filter(page -> Files.isRegularFile(docs.resolve(page)))
                    .collect(Collectors.toList());
            if (!descriptor.containsKey(goal.getKey())) {
                if (!present.isEmpty()) {
                    problems.add(goal.getKey() + ": docs/index.md lists " + String.join(", ", present)
                            + " for a goal the plugin does not have");
                }
                continue;
            }
            if (present.isEmpty()) {
                problems.add(goal.getKey() + ": none of its pages is there (" + String.join(", ", goal.getValue())
                        + ")");
            }
            List<Row> rows = new ArrayList<>();
            boolean shares = false;
            for (String page : present) {
                List<String> lines = Files.readAllLines(docs.resolve(page), StandardCharsets.UTF_8);
                rows.addAll(rows(page, lines));
                shares |= lines.stream().anyMatch(line -> line.startsWith(SHARED));
            }
            tablesOf.put(goal.getKey(), rows);
            presentOf.put(goal.getKey(), present);
            sharesClusterSettings.put(goal.getKey(), shares);
        }
        for (Map.Entry<String, List<Row>> table : tablesOf.entrySet()) {
            String goal = table.getKey();
            Map<String, Parameter> parameters = descriptor.get(goal);
            Set<String> documented = new LinkedHashSet<>();
            for (Row row : table.getValue()) {
                for (String name : row.names) {
                    documented.add(name);
                    Parameter parameter = parameters.get(name);
                    String at = goal + " " + name + " (" + row.where + ")";
                    if (parameter == null) {
                        problems.add(goal + " (" + row.where + "): the docs list " + name
                                + ", which the goal does not have");
                        continue;
                    }
                    String property = parameter.property == null ? "" : parameter.property;
                    if (!row.property.equals(property)) {
                        problems.add(at + ": the docs say property '" + row.property + "', the descriptor '"
                                + property + "'");
                    }
                    if (row.defaultValue.matches("`[^`]*`") && row.names.size() == 1
                            && !row.defaultValue.equals("`" + parameter.defaultValue + "`")) {
                        problems.add(at + ": the docs say default " + row.defaultValue + ", the descriptor "
                                + parameter.defaultValue);
                    }
                }
            }
            List<Row> shared = tablesOf.getOrDefault("cluster-config", List.of());
            for (String name : parameters.keySet()) {
                boolean inClusterConfig = sharesClusterSettings.get(goal) && descriptor.containsKey("cluster-config")
                        && descriptor.get("cluster-config").containsKey(name)
                        && shared.stream().anyMatch(row -> row.names.contains(name));
                if (!documented.contains(name) && !inClusterConfig && !presentOf.get(goal).isEmpty()) {
                    problems.add(goal + ": parameter " + name + " is in no parameter table of "
                            + String.join(", ", presentOf.get(goal)));
                }
            }
        }
        return problems;
    }

    /** Goal to the pages its row in the index links, in order. */
    private static Map<String, List<String>> index(Path index) throws IOException {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            Matcher row = INDEX_ROW.matcher(line);
            if (row.matches()) {
                List<String> links = new ArrayList<>();
                Matcher link = PAGE_LINK.matcher(row.group(2));
                while (link.find()) {
                    links.add(link.group(1));
                }
                pages.put(row.group(1), links);
            }
        }
        return pages;
    }

    /** The rows of every parameter table of a page. */
    private static List<Row> rows(String page, List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.trim().equals(TABLE_HEADER)) {
                inTable = true;
                i++; // the |---| line
                continue;
            }
            if (!inTable) {
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(line);
            Row row = new Row();
            row.where = page + ":" + (i + 1);
            Matcher name = NAME.matcher(cells.get(0));
            while (name.find()) {
                row.names.add(name.group(1));
            }
            row.property = cells.size() > 1 ? cells.get(1).trim().replace("`", "") : "";
            row.defaultValue = cells.size() > 2 ? cells.get(2).trim() : "";
            rows.add(row);
        }
        return rows;
    }

    /** The cells of a table row; a {@code |} inside a code span or escaped as {@code \|} is text, not a border. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '`') {
                code = !code;
                cell.append(c);
            } else if (c == '|' && !code) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
