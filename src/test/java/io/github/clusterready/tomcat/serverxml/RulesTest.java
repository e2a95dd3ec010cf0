package io.github.clusterready.tomcat.serverxml;

import static io.github.clusterready.tomcat.serverxml.Nodes.MULTICAST;
import static io.github.clusterready.tomcat.serverxml.Nodes.check;
import static io.github.clusterready.tomcat.serverxml.Nodes.goodCluster;
import static io.github.clusterready.tomcat.serverxml.Nodes.of;
import static io.github.clusterready.tomcat.serverxml.Nodes.serverXml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule on small files: what it finds, where, how bad, the fix; and the same file corrected passes it. */
class RulesTest {
    private static final Map<String, String> NONE = Collections.emptyMap();
    private static final String CLUSTER_LINE_START = "      <Cluster className=\"org.apache.catalina.ha.tcp."
            + "SimpleTcpCluster\"";

    @TempDir
    Path dir;

    private ServerXmlCheck.Checked one(TomcatLine line, String cluster) throws Exception {
        return check(dir, line, NONE, serverXml("n1", cluster));
    }

    @Test
    void aGoodClusterHasNoFindings() throws Exception {
        ServerXmlCheck.Checked checked = one(TomcatLine.V10_1, goodCluster(MULTICAST));
        assertEquals(List.of(), Nodes.lines(checked));
        assertEquals("Checked 1 node file (node1: node1/conf/server.xml, Tomcat 10.1 given) with "
                + Rules.ALL.size() + " rules, 1 <Cluster>: no findings; one node: nothing compared across nodes",
                checked.report().summary());
    }

    @Nested
    class AsynchronousSendOptionsRule {
        @Test
        void theHowTosEightLosesData() throws Exception {
            String cluster = goodCluster(MULTICAST).replace("channelSendOptions=\"6\"", "channelSendOptions=\"8\"");
            Finding finding = of(one(TomcatLine.V9_0, cluster), "asynchronous-send-options").get(0);
            assertEquals(Severity.LOSES_DATA, finding.severity());
            assertEquals(6, finding.line());
            assertEquals(92, finding.column()); // the 8 itself
            assertEquals("<Cluster> channelSendOptions is 8 (async), which lacks use_ack and lacks sync and has "
                    + "async", finding.problem());
            assertEquals("line 6: 8 -> 6", finding.lineFix().toString());
        }

        @Test
        void unsetIsTomcatsAsynchronousDefaultAndTheFixAddsTheAttribute() throws Exception {
            String cluster = goodCluster(MULTICAST).replace(" channelSendOptions=\"6\"", "");
            Finding finding = of(one(TomcatLine.V11_0, cluster), "asynchronous-send-options").get(0);
            assertEquals("<Cluster> channelSendOptions is not set, so Tomcat uses 8 (async), which lacks use_ack "
                    + "and lacks sync and has async", finding.problem());
            assertEquals(7, finding.column()); // the <Cluster tag
            assertEquals(" channelSendOptions=\"6\"", finding.lineFix().after());
            assertEquals(15, finding.lineFix().column());
        }

        @Test
        void namesOn90AndTheBackupManagersMapSendOptions() throws Exception {
            String names = goodCluster(MULTICAST).replace("channelSendOptions=\"6\"", "channelSendOptions="
                    + "\"use_ack,sync\"");
            assertEquals(List.of(), of(one(TomcatLine.V9_0, names), "asynchronous-send-options"));
            String backup = goodCluster(MULTICAST).replace("channelSendOptions=\"6\">\n", "channelSendOptions=\"8\">\n"
                    + "        <Manager className=\"org.apache.catalina.ha.session.BackupManager\" "
                    + "mapSendOptions=\"10\"/>\n");
            List<Finding> findings = of(one(TomcatLine.V9_0, backup), "asynchronous-send-options");
            assertEquals(1, findings.size(), "the Cluster's options do not carry a BackupManager's changes");
            assertTrue(findings.get(0).problem().startsWith("<Manager> mapSendOptions is 10 (use_ack,async)"),
                    findings.get(0).problem());
        }

        @Test
        void namesOn85AreNoValueTomcatReads() throws Exception {
            String names = goodCluster(MULTICAST).replace("channelSendOptions=\"6\"", "channelSendOptions=\"sync\"");
            Finding finding = of(one(TomcatLine.V8_5, names), "asynchronous-send-options").get(0);
            assertEquals(Severity.BREAKS_CLUSTER, finding.severity());
        }
    }

    @Nested
    class NoEncryptionRule {
        @Test
        void aChannelWithoutEncryptInterceptorIsInsecure() throws Exception {
            String cluster = goodCluster(MULTICAST).replaceAll("(?s)          <Interceptor.*?/>\n", "");
            Finding finding = of(one(TomcatLine.V10_1, cluster), "no-encryption").get(0);
            assertEquals(Severity.INSECURE, finding.severity());
            assertEquals(7, finding.line());
            assertNull(finding.lineFix(), "a key is the user's to choose");
        }
    }

    @Nested
    class DefaultMulticastGroupRule {
        @Test
        void theDefaultGroupExplicitOrNotIsFragile() throws Exception {
            String explicit = goodCluster("          <Membership className=\"org.apache.catalina.tribes.membership."
                    + "McastService\" address=\"228.0.0.4\" port=\"45564\"/>\n");
            Finding finding = of(one(TomcatLine.V10_1, explicit), "default-multicast-group").get(0);
            assertEquals(Severity.FRAGILE, finding.severity());
            assertEquals(8, finding.line());
            assertEquals(1, of(one(TomcatLine.V10_1, goodCluster("")), "default-multicast-group").size(),
                    "no <Membership> is McastService with the default group");
            assertEquals(List.of(), of(one(TomcatLine.V10_1, goodCluster(MULTICAST)), "default-multicast-group"));
        }

        @Test
        void aPlaceholderNothingGivesIsNotChecked() throws Exception {
            String cluster = goodCluster(MULTICAST.replace("228.0.0.77", "${mcast.address}"));
            ServerXmlCheck.Checked checked = one(TomcatLine.V10_1, cluster);
            assertEquals(List.of(), of(checked, "default-multicast-group"));
            assertEquals(List.of("node1/conf/server.xml:8:95: default-multicast-group not checked: Membership "
                    + "address=\"${mcast.address}\" has a placeholder no given property replaces (give it with "
                    + "<systemProperties> or the node's conf/catalina.properties)"), checked.report().unchecked());
            ServerXmlCheck.Checked given = check(dir.resolve("given"), TomcatLine.V10_1,
                    Map.of("mcast.address", "228.0.0.4", "p", "45564"),
                    serverXml("n1", goodCluster(MULTICAST.replace("228.0.0.77", "${mcast.address}")
                            .replace("45599", "${p}"))));
            assertEquals(1, of(given, "default-multicast-group").size(), "resolved, the group is the default");
        }
    }

    @Nested
    class FarmWarDeployerInEngineRule {
        private final String deployer = "        <Deployer className=\"org.apache.catalina.ha.deploy."
                + "FarmWarDeployer\" watchDir=\"/srv/listen\"/>\n";

        @Test
        void inTheEngineItBreaks() throws Exception {
            String cluster = goodCluster(MULTICAST).replace("      </Cluster>", deployer + "      </Cluster>");
            Finding finding = of(one(TomcatLine.V10_1, cluster), "farm-war-deployer-in-engine").get(0);
            assertEquals(Severity.BREAKS_CLUSTER, finding.severity());
            assertEquals(11, finding.line());
        }

        @Test
        void inAHostItDoesNot() throws Exception {
            String host = serverXml("n1", "").replace("<Host name=\"localhost\" appBase=\"webapps\"/>",
                    "<Host name=\"localhost\" appBase=\"webapps\">\n" + goodCluster(MULTICAST)
                            .replace("      </Cluster>", deployer + "      </Cluster>") + "</Host>");
            ServerXmlCheck.Checked checked = check(dir, TomcatLine.V10_1, NONE, host);
            assertEquals(List.of(), Nodes.lines(checked));
        }
    }

    @Nested
    class DeployerDirectoriesInTmpRule {
        @Test
        void aWatchedTmpDirectoryIsInsecureTheOthersFragile() throws Exception {
            String deployer = "      <Deployer className=\"org.apache.catalina.ha.deploy.FarmWarDeployer\" "
                    + "tempDir=\"/tmp/war-temp/\" deployDir=\"${catalina.base}/deploy\" watchDir=\"/tmp/war-listen/\""
                    + " watchEnabled=\"true\"/>\n";
            String host = serverXml("n1", "").replace("<Host name=\"localhost\" appBase=\"webapps\"/>",
                    "<Host name=\"localhost\" appBase=\"webapps\">\n" + goodCluster(MULTICAST)
                            .replace("      </Cluster>", deployer + "      </Cluster>") + "</Host>");
            List<Finding> findings = of(check(dir, TomcatLine.V10_1, Map.of("catalina.base", "/srv/tomcat"), host),
                    "deployer-directories-in-tmp");
            assertEquals(2, findings.size(), findings.toString());
            assertEquals(Severity.FRAGILE, findings.get(0).severity());
            assertEquals(Severity.INSECURE, findings.get(1).severity());
        }
    }

    @Nested
    class JvmRouteBinderWithoutJvmRouteRule {
        private final String valve = "        <Valve className=\"org.apache.catalina.ha.session.JvmRouteBinderValve\"/>"
                + "\n";

        @Test
        void withoutARouteTheValveDoesNothing() throws Exception {
            String cluster = goodCluster(MULTICAST).replace("      </Cluster>", valve + "      </Cluster>");
            ServerXmlCheck.Checked checked = check(dir, TomcatLine.V10_1, NONE, serverXml(null, cluster));
            assertEquals(1, of(checked, "jvm-route-binder-without-jvm-route").size());
            assertEquals(List.of(), of(one(TomcatLine.V10_1, cluster), "jvm-route-binder-without-jvm-route"));
        }

        @Test
        void theSystemPropertyCountsOn85And90Only() throws Exception {
            String cluster = goodCluster(MULTICAST).replace("      </Cluster>", valve + "      </Cluster>");
            assertEquals(0, of(check(dir.resolve("a"), TomcatLine.V9_0, Map.of("jvmRoute", "n1"),
                    serverXml(null, cluster)), "jvm-route-binder-without-jvm-route").size());
            assertEquals(1, of(check(dir.resolve("b"), TomcatLine.V10_1, Map.of("jvmRoute", "n1"),
                    serverXml(null, cluster)), "jvm-route-binder-without-jvm-route").size());
        }
    }

    @Nested
    class ClassNotInLineRule {
        @Test
        void messageDispatch15IsInNoLineAndHasItsSuccessorAsFix() throws Exception {
            String cluster = goodCluster(MULTICAST + "          <Interceptor className=\"org.apache.catalina.tribes."
                    + "group.interceptors.MessageDispatch15Interceptor\"/>\n");
            Finding finding = of(one(TomcatLine.V8_5, cluster), "class-not-in-line").get(0);
            assertEquals(Severity.BREAKS_CLUSTER, finding.severity());
            assertEquals("<Interceptor> className org.apache.catalina.tribes.group.interceptors."
                    + "MessageDispatch15Interceptor is not a class of Tomcat 8.5 (no Tomcat line from 8.5 on has it)",
                    finding.problem());
            assertEquals("org.apache.catalina.tribes.group.interceptors.MessageDispatchInterceptor",
                    finding.lineFix().after());
        }

        @Test
        void staticMembershipServiceIsNotIn85() throws Exception {
            String cluster = goodCluster("          <Membership className=\"org.apache.catalina.tribes.membership."
                    + "StaticMembershipService\"/>\n");
            assertEquals("<Membership> className org.apache.catalina.tribes.membership.StaticMembershipService is "
                    + "not a class of Tomcat 8.5 (only Tomcat 9.0, 10.1, 11.0 has it)",
                    of(one(TomcatLine.V8_5, cluster), "class-not-in-line").get(0).problem());
            assertEquals(List.of(), of(one(TomcatLine.V9_0, cluster), "class-not-in-line"));
        }

        @Test
        void theAprConnectorIsGoneFrom101AndAnUnknownLineIsFragile() throws Exception {
            String apr = serverXml("n1", goodCluster(MULTICAST)).replace("protocol=\"HTTP/1.1\"",
                    "protocol=\"org.apache.coyote.http11.Http11AprProtocol\"");
            Finding finding = of(check(dir.resolve("a"), TomcatLine.V10_1, NONE, apr), "class-not-in-line").get(0);
            assertEquals("org.apache.coyote.http11.Http11NioProtocol", finding.lineFix().after());
            Finding unknown = of(check(dir.resolve("b"), null, NONE, apr), "class-not-in-line").get(0);
            assertEquals(Severity.FRAGILE, unknown.severity());
        }
    }

    @Nested
    class Tomcat6FilterRule {
        @Test
        void semicolonsBecomeOneExpression() throws Exception {
            String cluster = goodCluster(MULTICAST).replace("      </Cluster>", "        <Valve className=\"org.apache."
                    + "catalina.ha.tcp.ReplicationValve\" filter=\".*\\.gif;.*\\.js;.*\\.css;\"/>\n      </Cluster>");
            Finding finding = of(one(TomcatLine.V9_0, cluster), "tomcat-6-filter").get(0);
            assertEquals(".*\\.gif|.*\\.js|.*\\.css", finding.lineFix().after());
            assertEquals(".*\\.gif;.*\\.js;.*\\.css;", finding.lineFix().before());
        }
    }

    @Nested
    class IgnoredElementRule {
        @Test
        void anEncryptInterceptorUnderClusterIsInsecure() throws Exception {
            String cluster = goodCluster(MULTICAST).replaceAll("(?s)          <Interceptor.*?/>\n", "")
                    .replace("        <Channel", "        <Interceptor className=\"org.apache.catalina.tribes.group."
                            + "interceptors.EncryptInterceptor\" encryptionKey=\"00112233445566778899aabbccddeeff\"/>"
                            + "\n        <Channel");
            Finding finding = of(one(TomcatLine.V10_1, cluster), "ignored-element").get(0);
            assertEquals(Severity.INSECURE, finding.severity());
            assertEquals("Tomcat logs \"No rules found matching [Server/Service/Engine/Cluster/Interceptor]\" as it "
                    + "starts; the traffic is not encrypted, although the file holds a key", finding.whatHappens());
            assertEquals(7, finding.line());
        }

        @Test
        void membersInsideMembershipAreIgnoredOn85() throws Exception {
            String cluster = goodCluster("          <Membership className=\"org.apache.catalina.tribes.membership."
                    + "McastService\">\n            <Member host=\"10.0.0.2\" port=\"4000\"/>\n"
                    + "          </Membership>\n");
            assertEquals(Severity.BREAKS_CLUSTER, of(one(TomcatLine.V8_5, cluster), "ignored-element").get(0)
                    .severity());
            assertEquals(List.of(), of(one(TomcatLine.V9_0, cluster), "ignored-element"));
        }
    }

    @Nested
    class MembershipSwitchedOffRule {
        @Test
        void startOptionsThreeWithoutMembersBreak() throws Exception {
            String cluster = goodCluster(MULTICAST).replace("channelSendOptions=\"6\"",
                    "channelSendOptions=\"6\" channelStartOptions=\"3\"");
            Finding finding = of(one(TomcatLine.V10_1, cluster), "membership-switched-off").get(0);
            assertEquals(Severity.BREAKS_CLUSTER, finding.severity());
            assertEquals("15", finding.lineFix().after());
            String members = cluster.replace("        </Channel>", "          <Interceptor className=\"org.apache."
                    + "catalina.tribes.group.interceptors.StaticMembershipInterceptor\">\n"
                    + "            <Member className=\"org.apache.catalina.tribes.membership.StaticMember\" "
                    + "host=\"10.0.0.2\" port=\"4000\"/>\n          </Interceptor>\n        </Channel>");
            assertEquals(List.of(), of(one(TomcatLine.V10_1, members), "membership-switched-off"));
        }
    }

    @Nested
    class LoopbackReceiverRule {
        @Test
        void localhostWithAMemberElsewhereBreaks() throws Exception {
            String cluster = goodCluster("          <Receiver className=\"org.apache.catalina.tribes.transport.nio."
                    + "NioReceiver\" address=\"localhost\" port=\"4000\"/>\n"
                    + "          <Interceptor className=\"org.apache.catalina.tribes.group.interceptors."
                    + "StaticMembershipInterceptor\">\n"
                    + "            <Member className=\"org.apache.catalina.tribes.membership.StaticMember\" "
                    + "host=\"10.0.0.2\" port=\"4000\"/>\n          </Interceptor>\n");
            Finding finding = of(one(TomcatLine.V10_1, cluster), "loopback-receiver").get(0);
            assertEquals(Severity.BREAKS_CLUSTER, finding.severity());
            assertEquals("the Receiver binds localhost, and the static member 10.0.0.2 is on another host",
                    finding.problem());
            assertEquals(List.of(), of(one(TomcatLine.V10_1, cluster.replace("10.0.0.2", "127.0.0.1")),
                    "loopback-receiver"));
        }
    }

    @Nested
    class NodesDisagreeRule {
        @Test
        void aNodeInAnotherMulticastGroupOrWithoutTheKeyIsNamed() throws Exception {
            String good = serverXml("n1", goodCluster(MULTICAST));
            String otherGroup = serverXml("n3", goodCluster(MULTICAST.replace("45599", "45600")));
            String noKey = serverXml("n2", goodCluster(MULTICAST).replaceAll("(?s)          <Interceptor.*?/>\n", ""));
            ServerXmlCheck.Checked checked = check(dir, TomcatLine.V10_1, NONE, good, noKey, otherGroup);
            List<Finding> findings = of(checked, "nodes-disagree");
            assertEquals(2, findings.size(), findings.toString());
            assertEquals("node2/conf/server.xml", findings.get(0).file());
            assertEquals("the encryption of node2 (no EncryptInterceptor) differs from that of node1, node3 (an "
                    + "EncryptInterceptor with the default algorithm and a key)", findings.get(0).problem());
            assertEquals("node3/conf/server.xml", findings.get(1).file());
            assertEquals("the multicast group of node3 (the multicast group 228.0.0.77:45600) differs from that of "
                    + "node1, node2 (the multicast group 228.0.0.77:45599)", findings.get(1).problem());
            String key = "00112233445566778899aabbccddeeff";
            assertTrue(Nodes.lines(checked).stream().noneMatch(line -> line.contains(key)), "the key is never shown");
        }
    }

    @Nested
    class StaticMembersUnmatchedRule {
        private String node(String ownPort, String... members) {
            StringBuilder listed = new StringBuilder();
            for (String member : members) {
                listed.append("            <Member className=\"org.apache.catalina.tribes.membership.StaticMember\""
                        + " host=\"127.0.0.1\" port=\"").append(member).append("\"/>\n");
            }
            return serverXml("n" + ownPort, goodCluster("          <Membership className=\"org.apache.catalina."
                    + "tribes.membership.StaticMembershipService\">\n" + listed + "          </Membership>\n"
                    + "          <Receiver className=\"org.apache.catalina.tribes.transport.nio.NioReceiver\" "
                    + "address=\"127.0.0.1\" port=\"" + ownPort + "\"/>\n"));
        }

        @Test
        void aMemberAtAPortNoNodeReceivesOnBreaks() throws Exception {
            ServerXmlCheck.Checked checked = check(dir, TomcatLine.V10_1, NONE, node("4000", "4000", "4001"),
                    node("4001", "4002"));
            List<Finding> findings = of(checked, "static-members-unmatched");
            assertEquals(2, findings.size(), findings.toString());
            assertEquals("the <Member> 127.0.0.1:4002 is no node's Receiver ([node1 127.0.0.1:4000, node2 "
                    + "127.0.0.1:4001])", findings.get(1).problem());
            assertEquals("node2's static members do not list node1 127.0.0.1:4000", findings.get(0).problem());
        }

        @Test
        void matchingMembersPass() throws Exception {
            ServerXmlCheck.Checked checked = check(dir, TomcatLine.V10_1, NONE, node("4000", "4000", "4001"),
                    node("4001", "4000", "4001"));
            assertEquals(List.of(), of(checked, "static-members-unmatched"));
        }
    }

    @Nested
    class PortClashRule {
        private String node(String http, String receiverPort, String autoBind) {
            return serverXml("n" + http, goodCluster(MULTICAST + "          <Receiver className=\"org.apache.catalina."
                    + "tribes.transport.nio.NioReceiver\" address=\"127.0.0.1\" port=\"" + receiverPort + "\""
                    + (autoBind == null ? "" : " autoBind=\"" + autoBind + "\"") + "/>\n"))
                    .replace("<Connector port=\"8080\"", "<Connector port=\"" + http + "\"");
        }

        @Test
        void aConnectorPortTwiceOnOneHostBreaks() throws Exception {
            List<Finding> findings = of(check(dir, TomcatLine.V10_1, NONE, node("8080", "4000", "1"),
                    node("8080", "4001", "1")), "port-clash");
            assertEquals(1, findings.size(), findings.toString());
            assertEquals(Severity.BREAKS_CLUSTER, findings.get(0).severity());
            assertEquals("node2/conf/server.xml", findings.get(0).file());
            assertEquals("port 8080 of node2's <Connector> is also node1's <Connector> port, on the same host "
                    + "(loopback)", findings.get(0).problem());
        }

        @Test
        void oneReceiverPortWithAutoBindShiftsWithoutItBreaks() throws Exception {
            assertEquals(Severity.FRAGILE, of(check(dir.resolve("a"), TomcatLine.V10_1, NONE, node("8080", "4000",
                    null), node("8081", "4000", null)), "port-clash").get(0).severity());
            assertEquals(Severity.BREAKS_CLUSTER, of(check(dir.resolve("b"), TomcatLine.V10_1, NONE, node("8080",
                    "4000", "0"), node("8081", "4000", "0")), "port-clash").get(0).severity());
            assertEquals(List.of(), of(check(dir.resolve("c"), TomcatLine.V10_1, NONE, node("8080", "4000", null),
                    node("8081", "4001", null)), "port-clash"), "neighbouring ranges: each binds its own port");
        }

        @Test
        void nodesOnOtherHostsOrWithAutoAddressesAreNotCompared() throws Exception {
            String other = node("8080", "4000", "1").replace("address=\"127.0.0.1\"", "address=\"10.0.0.2\"");
            String auto = node("8080", "4000", "1").replace("address=\"127.0.0.1\"", "address=\"auto\"");
            assertEquals(List.of(), of(check(dir, TomcatLine.V10_1, NONE, node("8080", "4000", "1"), other, auto),
                    "port-clash"));
        }
    }

    @Nested
    class NoClusterRule {
        @Test
        void aFileWithoutClusterBreaks() throws Exception {
            Finding finding = of(one(TomcatLine.V10_1, "      <!-- <Cluster/> -->\n"), "no-cluster").get(0);
            assertEquals(Severity.BREAKS_CLUSTER, finding.severity());
            assertEquals(2, finding.line());
        }
    }

    @Test
    void everyRuleNamesItsSource() {
        for (Rule rule : Rules.ALL) {
            assertTrue(rule.source().matches(".*(\\.html|\\.java|\\.jar|\\.txt).*"), rule.name() + ": "
                    + rule.source());
        }
        assertEquals(Rules.ALL.size(), ServerXmlCheck.sources().size(), "rule names are unique");
    }

    @Test
    void clusterLineStartsAsTheTestsAssume() {
        assertTrue(goodCluster("").startsWith(CLUSTER_LINE_START));
    }
}
