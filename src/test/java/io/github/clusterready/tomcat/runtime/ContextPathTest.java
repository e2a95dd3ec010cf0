package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.catalina.util.ContextName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The context path of a WAR's file name is the one Tomcat's own ContextName gives, and the nodes deploy it there. */
class ContextPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"shop.war", "ROOT.war", "a#b.war", "shop##2.war", "ROOT##v1.war", "a#b##3.war",
            "ROOT#x.war", "Shop.WAR", "shop-1.0-SNAPSHOT.war", "root.war"})
    void isTomcats(String warFileName) {
        String tomcat = new ContextName(warFileName, true).getPath();
        assertEquals(tomcat.isEmpty() ? "/" : tomcat, LocalCluster.contextPathOf(warFileName));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/shop", "/a/b"})
    void theNodesDeployTheWarUnderANameThatGivesThePath(String contextPath) {
        assertEquals(contextPath, NodeLayout.contextPathOf(NodeLayout.warName(contextPath)));
    }
}
