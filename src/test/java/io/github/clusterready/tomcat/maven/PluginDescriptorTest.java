package io.github.clusterready.tomcat.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.Document;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.junit.jupiter.api.Test;

/** Checks the generated plugin descriptor the way users meet it: in the IDE and in the generated help. */
class PluginDescriptorTest {

    private static Document read(String resource) throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " is missing from the plugin jar");
            return SAXReader.createDefault().read(in);
        }
    }

    @Test
    void everyGoalIsMappedForEclipseM2e() throws Exception {
        List<String> mapped = new ArrayList<>();
        for (Element goal : read("/META-INF/m2e/lifecycle-mapping-metadata.xml").getRootElement()
                .element("pluginExecutions").element("pluginExecution").element("pluginExecutionFilter")
                .element("goals").elements("goal")) {
            mapped.add(goal.getTextTrim());
        }
        for (Element mojo : read("/META-INF/maven/plugin.xml").getRootElement().element("mojos").elements("mojo")) {
            String goal = mojo.elementText("goal");
            if (!goal.equals("help")) {
                assertTrue(mapped.contains(goal), "goal " + goal + " is not in the m2e lifecycle mapping");
            }
        }
    }

    @Test
    void everyUserParameterIsDocumentedAndNamespaced() throws Exception {
        Element root = read("/META-INF/maven/plugin.xml").getRootElement();
        for (Element mojo : root.element("mojos").elements("mojo")) {
            String goal = mojo.elementText("goal");
            assertTrue(mojo.elementText("threadSafe") == null || "true".equals(mojo.elementText("threadSafe")),
                    goal + " must be thread-safe");
            for (Element parameter : mojo.element("parameters").elements("parameter")) {
                if ("false".equals(parameter.elementText("editable"))) {
                    continue;
                }
                String name = parameter.elementText("name");
                assertFalse(parameter.elementText("description").trim().isEmpty(),
                        goal + " parameter " + name + " has no Javadoc");
            }
            Element configuration = mojo.element("configuration");
            if (configuration != null) {
                for (Element property : configuration.elements()) {
                    String expression = property.getTextTrim();
                    if (expression.startsWith("${") && !expression.startsWith("${project")
                            && !expression.startsWith("${session") && !goal.equals("help")) {
                        assertTrue(expression.startsWith("${tomcat-cluster."),
                                goal + " parameter " + property.getName() + " uses " + expression);
                    }
                }
            }
        }
    }

    /**
     * The goals that choose a Tomcat line see the project's Servlet API as {@code cluster-config} does: without
     * dependency resolution, {@code project.getArtifacts()} is empty and a javax project got 10.1.
     */
    @Test
    void theGoalsThatChooseALineResolveTheCompileClasspath() throws Exception {
        List<String> resolving = new ArrayList<>();
        for (Element mojo : read("/META-INF/maven/plugin.xml").getRootElement().element("mojos").elements("mojo")) {
            if ("compile".equals(mojo.elementText("requiresDependencyResolution"))) {
                resolving.add(mojo.elementText("goal"));
            }
        }
        assertTrue(resolving.containsAll(List.of("cluster-config", "start", "run")), resolving.toString());
    }
}
