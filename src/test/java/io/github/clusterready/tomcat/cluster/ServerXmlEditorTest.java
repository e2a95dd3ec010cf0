package io.github.clusterready.tomcat.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ServerXmlEditorTest {
    private static final XmlElement CLUSTER = new XmlElement("Cluster", "C").child(new XmlElement("Valve", "V"));

    private static String edit(String xml, String jvmRoute, int shift, boolean inHost) throws ClusterConfigException {
        return new String(new ServerXmlEditor("conf/server.xml", xml.getBytes(UTF_8))
                .edit(CLUSTER, jvmRoute, shift, inHost, "node"), UTF_8);
    }

    @Test
    void replacesTheClusterInTheEngineInPlaceAndLeavesCommentsAlone() throws Exception {
        String input = "<?xml version='1.0' encoding='utf-8'?>\n"
                + "<!-- <Engine name=\"x\" jvmRoute=\"jvm1\"> -->\n"
                + "<Server port='8005' shutdown=\"SHUTDOWN\">\n"
                + "  <Service name=\"Catalina\">\n"
                + "    <Connector port=\"8080\" redirectPort=\"8443\" />\n"
                + "    <Connector protocol=\"AJP/1.3\" port=\"8009\"/>\n"
                + "    <Engine name=\"Catalina\" defaultHost=\"localhost\" jvmRoute='old'>\n"
                + "      <!-- <Cluster className=\"commented\"/> -->\n"
                + "      <Cluster className=\"old\">\n"
                + "        <Channel/>\n"
                + "      </Cluster>\n"
                + "      <Host name=\"localhost\"/>\n"
                + "    </Engine>\n"
                + "  </Service>\n"
                + "</Server>\n";
        String expected = "<?xml version='1.0' encoding='utf-8'?>\n"
                + "<!-- <Engine name=\"x\" jvmRoute=\"jvm1\"> -->\n"
                + "<Server port='8105' shutdown=\"SHUTDOWN\">\n"
                + "  <Service name=\"Catalina\">\n"
                + "    <Connector port=\"8180\" redirectPort=\"8543\" />\n"
                + "    <Connector protocol=\"AJP/1.3\" port=\"8109\"/>\n"
                + "    <Engine name=\"Catalina\" defaultHost=\"localhost\" jvmRoute='node2'>\n"
                + "      <!-- <Cluster className=\"commented\"/> -->\n"
                + "      <Cluster className=\"C\">\n"
                + "        <Valve className=\"V\"/>\n"
                + "      </Cluster>\n"
                + "      <Host name=\"localhost\"/>\n"
                + "    </Engine>\n"
                + "  </Service>\n"
                + "</Server>\n";
        assertEquals(expected, edit(input, "node2", 100, false));
    }

    @Test
    void addsTheClusterBeforeTheEndOfTheEngineWithItsLineEnds() throws Exception {
        String input = "<Server port=\"-1\">\r\n\t<Service>\r\n\t\t<Engine name=\"E\">\r\n\t\t</Engine>\r\n"
                + "\t</Service>\r\n</Server>\r\n";
        assertEquals("<Server port=\"-1\">\r\n\t<Service>\r\n\t\t<Engine name=\"E\" jvmRoute=\"n1\">\r\n"
                + "\t\t\t<Cluster className=\"C\">\r\n\t\t\t  <Valve className=\"V\"/>\r\n\t\t\t</Cluster>\r\n"
                + "\t\t</Engine>\r\n\t</Service>\r\n</Server>\r\n", edit(input, "n1", 100, false));
    }

    @Test
    void withTheDeployerTheClusterMovesIntoTheDefaultHost() throws Exception {
        String input = "<Server><Service><Engine defaultHost=\"b\">\n"
                + "  <Cluster className=\"old\"/>\n"
                + "  <Host name=\"a\">\n  </Host>\n"
                + "  <Host name=\"b\">\n  </Host>\n"
                + "</Engine></Service></Server>\n";
        assertEquals("<Server><Service><Engine defaultHost=\"b\">\n"
                + "  <Host name=\"a\">\n  </Host>\n"
                + "  <Host name=\"b\">\n"
                + "    <Cluster className=\"C\">\n      <Valve className=\"V\"/>\n    </Cluster>\n"
                + "  </Host>\n"
                + "</Engine></Service></Server>\n", edit(input, null, 0, true));
    }

    @Test
    void markupInsideTheDoctypesInternalSubsetIsNotTakenForTags() throws Exception {
        // a "]" in one entity's value and markup in another's: a scanner that counts brackets ends the DOCTYPE
        // early and takes the decoy for the Engine; so would one that ignores the subset's comments
        String doctype = "<!DOCTYPE Server [\n  <!ENTITY bracket \"]\">\n  <!ENTITY decoy \"x>y<Engine name='decoy'>\">\n"
                + "  <!-- <Engine name=\"decoy\"> -->\n]>\n";
        String input = doctype + "<Server port=\"8005\">\n  <Service>\n    <Engine name=\"E\">\n    </Engine>\n"
                + "  </Service>\n</Server>\n";
        assertEquals(doctype + "<Server port=\"8105\">\n  <Service>\n    <Engine name=\"E\" jvmRoute=\"n2\">\n"
                + "      <Cluster className=\"C\">\n        <Valve className=\"V\"/>\n      </Cluster>\n"
                + "    </Engine>\n  </Service>\n</Server>\n", edit(input, "n2", 100, false));
    }

    @Test
    void noEngineIsAnError() {
        ClusterConfigException e = assertThrows(ClusterConfigException.class,
                () -> edit("<Server><Service/></Server>", "a", 0, false));
        assertEquals("<serverXml> conf/server.xml has no <Engine> inside <Server><Service> to put the <Cluster> in",
                e.getMessage());
    }

    @Test
    void malformedXmlNamesLineAndColumn() {
        ClusterConfigException e = assertThrows(ClusterConfigException.class,
                () -> edit("<Server>\n  <Service>\n</Server>", "a", 0, false));
        assertEquals("<serverXml>", e.parameter());
        assertEquals(true, e.getMessage().startsWith("<serverXml> conf/server.xml:3:3: is not well-formed XML"),
                e.getMessage());
    }
}
