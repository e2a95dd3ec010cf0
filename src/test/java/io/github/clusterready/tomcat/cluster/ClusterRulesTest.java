package io.github.clusterready.tomcat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Membership;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterRulesTest {
    private static final String KEY = "00112233445566778899aabbccddeeff";

    private static ClusterSettings.Builder nodes(Membership membership, Node... nodes) {
        ClusterSettings.Builder builder = ClusterSettings.builder(TomcatLine.V10_1).membership(membership)
                .encryptionKey(KEY);
        for (Node node : nodes) {
            builder.node(node);
        }
        return builder;
    }

    private static Node node(String name, String host, int port) {
        return new Node(name, host, port, null, null);
    }

    private static ClusterConfigException failure(ClusterSettings.Builder builder) {
        return assertThrows(ClusterConfigException.class, () -> ClusterRules.check(builder.build()));
    }

    @Test
    void theIssuesExampleIsValid() throws Exception {
        List<String> warnings = ClusterRules.check(nodes(Membership.STATIC, node("node1", "127.0.0.1", 4000),
                node("node2", "127.0.0.1", 4001)).build());
        assertEquals(List.of(), warnings);
    }

    @Test
    void coHostedReceiverRangesMustNotOverlap() throws Exception {
        ClusterConfigException e = failure(nodes(Membership.MULTICAST, node("a", "app1", 4000),
                node("b", "APP1", 4050)).attributes(Element.RECEIVER, Map.of("autoBind", "100")));
        assertEquals("<nodes><node><port>", e.parameter());
        assertTrue(e.getMessage().contains("a (4000-4099) and b (4050-4149) overlap on host app1"), e.getMessage());
    }

    @Test
    void loopbackNamesAreOneHost() {
        ClusterConfigException e = failure(nodes(Membership.STATIC, node("a", "localhost", 4000),
                node("b", "127.0.0.1", 4000)));
        assertTrue(e.getMessage().contains("a (4000) and b (4000)"), e.getMessage());
    }

    @Test
    void portsMayRepeatOnDifferentHosts() throws Exception {
        ClusterRules.check(nodes(Membership.STATIC, node("a", "10.0.0.1", 4000), node("b", "10.0.0.2", 4000))
                .build());
    }

    @Test
    void rangesJustApartPass() throws Exception {
        ClusterRules.check(nodes(Membership.MULTICAST, node("a", "h", 4000), node("b", "h", 4100))
                .attributes(Element.RECEIVER, Map.of("autoBind", "100")).build());
    }

    @Test
    void duplicateNamesIgnoringCase() {
        ClusterConfigException e = failure(nodes(Membership.STATIC, node("node1", "h1", 4000),
                node("Node1", "h2", 4000)));
        assertEquals("<nodes><node><name>", e.parameter());
        assertTrue(e.getMessage().contains("node1 (h1:4000) and Node1 (h2:4000)"), e.getMessage());
    }

    @Test
    void duplicateJvmRoutes() {
        ClusterConfigException e = failure(nodes(Membership.STATIC, new Node("a", "h1", 4000, null, "r"),
                new Node("b", "h2", 4000, null, "r")));
        assertEquals("<nodes><node><jvmRoute>", e.parameter());
        assertTrue(e.getMessage().contains("both a and b"), e.getMessage());
    }

    @Test
    void aDotInTheJvmRouteIsRefused() {
        assertEquals("<nodes><node><jvmRoute>",
                failure(nodes(Membership.STATIC, new Node("a", "h1", 4000, null, "a.b"), node("b", "h2", 4000)))
                        .parameter());
    }

    @Test
    void portOutOfRange() {
        ClusterConfigException e = failure(nodes(Membership.STATIC, node("a", "h1", 0), node("b", "h2", 4000)));
        assertEquals("<nodes><node><port> 0 of node a is not a TCP port (1-65535)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.0.1", "240.0.0.1", "228.0.0", "228.0.0.256", "auto"})
    void multicastAddressOutside224Slash4(String address) throws Exception {
        ClusterConfigException e = failure(ClusterSettings.builder(TomcatLine.V9_0)
                .attributes(Element.MULTICAST, Map.of("address", address)));
        assertEquals("<multicastAttributes><address>", e.parameter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"224.0.0.0", "228.0.0.4", "239.255.255.255", "ff02::1"})
    void multicastAddressesInside(String address) {
        assertTrue(ClusterRules.isMulticast(address));
    }

    @Test
    void staticNeedsTwoMembers() {
        ClusterConfigException e = failure(nodes(Membership.STATIC, node("only", "h", 4000)));
        assertEquals("<nodes> lists 1 node; static membership needs at least two, each with <name>, <host> and "
                + "<port>", e.getMessage());
        assertEquals("<nodes>", failure(nodes(Membership.STATIC)).parameter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0011", "00112233445566778899aabbccddeefg", "00112233445566778899aabbccddeeff00"})
    void invalidKeysAreRefusedWithoutShowingThem(String key) {
        ClusterConfigException e = failure(ClusterSettings.builder(TomcatLine.V11_0).encryptionKey(key));
        assertEquals("<encryptionKey>", e.parameter());
        assertFalse(e.getMessage().contains(key), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 48, 64})
    void keysOfEveryAesSize(int digits) throws Exception {
        String key = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef".substring(0, digits);
        assertEquals(List.of(), ClusterRules.check(ClusterSettings.builder(TomcatLine.V8_5).encryptionKey(key)
                .build()));
    }

    @Test
    void withoutKeyOneWarningAboutUnauthenticatedTraffic() throws Exception {
        List<String> warnings = ClusterRules.check(ClusterSettings.builder(TomcatLine.V10_1).build());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("unauthenticated Java serialization"), warnings.get(0));
    }

    @Test
    void unknownAlgorithm() {
        assertEquals("<encryptionAlgorithm>", failure(ClusterSettings.builder(TomcatLine.V10_1).encryptionKey(KEY)
                .encryptionAlgorithm("AES/OFB/PKCS5Padding")).parameter());
    }

    @Test
    void cloudMembershipOn85IsAnError() {
        for (Membership membership : new Membership[] {Membership.KUBERNETES, Membership.DNS}) {
            ClusterConfigException e = failure(ClusterSettings.builder(TomcatLine.V8_5).membership(membership));
            assertEquals("<membership>", e.parameter());
            assertTrue(e.getMessage().contains("Tomcat 8.5 does not have"), e.getMessage());
        }
    }

    @Test
    void autoAddressOnSeveralHostsIsWarnedAbout() throws Exception {
        List<String> warnings = ClusterRules.check(nodes(Membership.MULTICAST, node("a", "10.0.0.1", 4000),
                node("b", "10.0.0.2", 4000), new Node("c", "10.0.0.3", 4000, "10.0.0.3", null)).build());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("Receiver address is \"auto\" for a, b:"), warnings.get(0));
    }

    @Test
    void autoAddressOnOneHostOrWithStaticMembersIsFine() throws Exception {
        assertEquals(List.of(), ClusterRules.check(nodes(Membership.MULTICAST, node("a", "h", 4000),
                node("b", "h", 4001)).build()));
        assertEquals(List.of(), ClusterRules.check(nodes(Membership.STATIC, node("a", "h1", 4000),
                node("b", "h2", 4000)).build()));
    }

    @Test
    void numbersAreChecked() throws Exception {
        ClusterConfigException e = failure(ClusterSettings.builder(TomcatLine.V10_1)
                .attributes(Element.RECEIVER, Map.of("maxThreads", "many")));
        assertEquals("<receiverAttributes><maxThreads> \"many\" must be a number from 1 up", e.getMessage());
    }

    @Test
    void theClassNameBelongsToThePlugin() {
        ClusterConfigException e = assertThrows(ClusterConfigException.class, () -> ClusterSettings
                .builder(TomcatLine.V10_1).attributes(Element.MANAGER, Map.of("className", "x")));
        assertEquals("<managerAttributes>", e.parameter());
    }

    @Test
    void theSessionClassFilterIsSetOnceOnly() throws Exception {
        Map<String, String> filter = Map.of(ClusterSettings.VALUE_CLASS_FILTER, "java\\.lang\\.String");
        ClusterConfigException before = assertThrows(ClusterConfigException.class, () -> ClusterSettings
                .builder(TomcatLine.V10_1).attributes(Element.MANAGER, filter).sessionAttributeFilter("shop\\.Cart"));
        ClusterConfigException after = assertThrows(ClusterConfigException.class, () -> ClusterSettings
                .builder(TomcatLine.V10_1).sessionAttributeFilter("shop\\.Cart").attributes(Element.MANAGER, filter));
        for (ClusterConfigException e : List.of(before, after)) {
            assertEquals("<managerAttributes>", e.parameter());
            assertTrue(e.getMessage().contains("restrictSessionClasses"), e.getMessage());
        }
        // the warning can still be turned off
        ClusterSettings quiet = ClusterSettings.builder(TomcatLine.V10_1).sessionAttributeFilter("shop\\.Cart")
                .attributes(Element.MANAGER, Map.of(ClusterSettings.WARN_ON_FILTER_FAILURE, "false")).build();
        assertEquals("false", quiet.attributes(Element.MANAGER).get(ClusterSettings.WARN_ON_FILTER_FAILURE));
        assertEquals("shop\\.Cart", quiet.attributes(Element.MANAGER).get(ClusterSettings.VALUE_CLASS_FILTER));
    }

    @Test
    void tomcatVersions() throws Exception {
        assertEquals(TomcatLine.V10_1, TomcatLine.of("10.1.59"));
        assertEquals(TomcatLine.V9_0, TomcatLine.of("9"));
        assertEquals(TomcatLine.V11_0, TomcatLine.of("11.0.0-M1"));
        assertEquals("<tomcatVersion>", assertThrows(ClusterConfigException.class, () -> TomcatLine.of("10.0"))
                .parameter());
        assertEquals(TomcatLine.V8_5, TomcatLine.forServletVersion("3.1"));
        assertEquals(TomcatLine.V9_0, TomcatLine.forServletVersion("4.0"));
        assertEquals(TomcatLine.V10_1, TomcatLine.forServletVersion("5.0"));
        assertEquals(TomcatLine.V10_1, TomcatLine.forServletVersion("6.0"));
        assertEquals(TomcatLine.V11_0, TomcatLine.forServletVersion("6.1"));
    }
}
