package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Element;
import io.github.clusterready.tomcat.cluster.ClusterSettings.Manager;
import io.github.clusterready.tomcat.cluster.TomcatLine;
import io.github.clusterready.tomcat.runtime.LossExplanation.Explanation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which setting explains a session or an update lost with a killed node: asynchronous send options (the Cluster's
 * {@code channelSendOptions} for DeltaManager, {@code mapSendOptions} for BackupManager), a BackupManager node
 * restarted after the session's last request, or none of them.
 */
class LossExplanationTest {
    private static final long KILLED_AT = 1_000_000L;
    private static final Map<String, Long> NOT_RESTARTED = Map.of("node2", 0L);

    private static ClusterSettings settings(TomcatLine line, Manager manager, Element element, String attribute,
            String value) throws Exception {
        ClusterSettings.Builder builder = ClusterSettings.builder(line).manager(manager);
        if (element != null) {
            builder.attributes(element, Map.of(attribute, value));
        }
        return builder.build();
    }

    private static Explanation lostUpdate(ClusterSettings settings) {
        return new LossExplanation(settings).afterKill(false, "node1", KILLED_AT, NOT_RESTARTED);
    }

    @ParameterizedTest(name = "channelSendOptions \"{0}\"")
    @CsvSource({"8, 'is \"8\" (async)'", "asynchronous, 'is \"asynchronous\" (8) (async)'",
        "async, 'is \"async\" (8) (async)'", "'use_ack,async', 'is \"use_ack,async\" (10) (use_ack,async)'",
        "'', 'is empty, so Tomcat uses its default 8 (async)'", "0, 'is \"0\" (8) (async)'"})
    void asynchronousChannelSendOptionsExplainADeltaManagersLoss(String value, String shown) throws Exception {
        Explanation why = lostUpdate(settings(TomcatLine.V10_1, Manager.DELTA, Element.CLUSTER, "channelSendOptions",
                value));
        assertTrue(why.found(), why.toString());
        assertTrue(why.reason().startsWith("<clusterAttributes><channelSendOptions> " + shown + ": the "
                + "DeltaManager (channelSendOptions on <Cluster>) sends each change to the other nodes "
                + "asynchronously, without waiting for an acknowledgement"), why.reason());
        assertTrue(why.reason().endsWith("the change in flight when node1 died was lost"), why.reason());
        assertTrue(why.fix().startsWith("set <clusterAttributes><channelSendOptions> to 6 (use_ack,sync, the "
                + "plugin's default)"), why.fix());
    }

    @Test
    void onTomcat85AnEmptyChannelSendOptionsIsTomcatsAsynchronousDefaultToo() throws Exception {
        Explanation why = lostUpdate(settings(TomcatLine.V8_5, Manager.DELTA, Element.CLUSTER, "channelSendOptions",
                ""));
        assertTrue(why.found(), why.toString());
        assertTrue(why.reason().startsWith("<clusterAttributes><channelSendOptions> is empty, so Tomcat uses its "
                + "default 8 (async)"), why.reason());
    }

    @Test
    void thePluginsDefaultsExplainNothingAndSaySoNamingWhatWasLookedAt() throws Exception {
        Explanation delta = new LossExplanation(ClusterSettings.builder(TomcatLine.V10_1).build())
                .afterKill(true, "node1", KILLED_AT, NOT_RESTARTED);
        assertFalse(delta.found(), delta.toString());
        assertNull(delta.fix());
        assertEquals("none of the known settings explains it: <clusterAttributes><channelSendOptions> is \"6\" "
                + "(use_ack,sync), not asynchronous", delta.reason());

        Explanation backup = new LossExplanation(ClusterSettings.builder(TomcatLine.V10_1).manager(Manager.BACKUP)
                .build()).afterKill(true, "node1", KILLED_AT, NOT_RESTARTED);
        assertFalse(backup.found(), backup.toString());
        assertEquals("none of the known settings explains it: <managerAttributes><mapSendOptions> is \"6\" "
                + "(use_ack,sync), not asynchronous; no node still up was restarted within 60 s before the kill of "
                + "node1", backup.reason());
    }

    @Test
    void synchronousOptionsByNameExplainNothing() throws Exception {
        Explanation why = lostUpdate(settings(TomcatLine.V10_1, Manager.DELTA, Element.CLUSTER, "channelSendOptions",
                "use_ack,sync"));
        assertFalse(why.found(), why.toString());
        assertTrue(why.reason().contains("<clusterAttributes><channelSendOptions> is \"use_ack,sync\" (6)"),
                why.reason());
    }

    @Test
    void aValueTheLineDoesNotReadIsNamedButExplainsNothing() throws Exception {
        // Tomcat 8.5 reads numbers only; the cluster goals refuse this value before any node starts
        Explanation why = lostUpdate(settings(TomcatLine.V8_5, Manager.DELTA, Element.CLUSTER, "channelSendOptions",
                "async"));
        assertFalse(why.found(), why.toString());
        assertEquals("none of the known settings explains it: <clusterAttributes><channelSendOptions> \"async\", "
                + "which Tomcat 8.5 does not read", why.reason());
    }

    @Test
    void asynchronousMapSendOptionsExplainABackupManagersLoss() throws Exception {
        Explanation why = lostUpdate(settings(TomcatLine.V10_1, Manager.BACKUP, Element.MANAGER, "mapSendOptions",
                "8"));
        assertTrue(why.found(), why.toString());
        assertTrue(why.reason().startsWith("<managerAttributes><mapSendOptions> is \"8\" (async): the BackupManager "
                + "(mapSendOptions on <Manager>) copies each change to the session's backup node asynchronously"),
                why.reason());
        assertTrue(why.fix().startsWith("set <managerAttributes><mapSendOptions> to 6"), why.fix());
    }

    @Test
    void theClustersChannelSendOptionsDoNotCarryABackupManagersChanges() throws Exception {
        // mixed: asynchronous on the Cluster, synchronous on the BackupManager, which sends with its own options
        Explanation why = lostUpdate(settings(TomcatLine.V10_1, Manager.BACKUP, Element.CLUSTER, "channelSendOptions",
                "8"));
        assertFalse(why.found(), why.toString());
        assertTrue(why.reason().contains("<managerAttributes><mapSendOptions> is \"6\""), why.reason());
        assertFalse(why.reason().contains("channelSendOptions"), why.reason());
    }

    @Test
    void aBackupManagerNodeRestartedJustBeforeTheKillExplainsALostSession() throws Exception {
        LossExplanation backup = new LossExplanation(ClusterSettings.builder(TomcatLine.V10_1)
                .manager(Manager.BACKUP).build());
        Explanation why = backup.afterKill(true, "node2", KILLED_AT, Map.of("node1", KILLED_AT - 6_400));
        assertTrue(why.found(), why.toString());
        assertTrue(why.reason().startsWith("node2 was killed soon after every node still up had restarted, node1 "
                + "(started again 6.4 s before): a restarted BackupManager node serves before node2 has copied the "
                + "backups of its sessions to it"), why.reason());
        assertTrue(why.fix().startsWith("let a restarted node receive its backups before another node goes down"),
                why.fix());
        assertTrue(why.fix().contains("use DeltaManager"), why.fix());

        // restarted long before the kill: Tomcat had given it its backups
        Explanation longBefore = backup.afterKill(true, "node2", KILLED_AT,
                Map.of("node1", KILLED_AT - LossExplanation.RECENT_RESTART_MILLIS - 1));
        assertFalse(longBefore.found(), longBefore.toString());
        assertTrue(longBefore.reason().endsWith("; no node still up was restarted within 60 s before the kill of "
                + "node2"), longBefore.reason());
        // a lost update is a value sent too late, not a session the survivor never got
        assertFalse(backup.afterKill(false, "node2", KILLED_AT, Map.of("node1", KILLED_AT - 1_000)).found());
        // one of two survivors restarted: the other may have held the backup
        assertFalse(backup.afterKill(true, "node3", KILLED_AT, Map.of("node1", KILLED_AT - 1_000, "node2", 0L))
                .found());
        // DeltaManager's restarted node receives every session in its state transfer
        assertFalse(new LossExplanation(ClusterSettings.builder(TomcatLine.V10_1).build()).afterKill(true, "node2",
                KILLED_AT, Map.of("node1", KILLED_AT - 1_000)).found());
    }

    @Test
    void bothTheRestartAndAsynchronousMapSendOptionsAreNamedWhenBothApply() throws Exception {
        Explanation why = new LossExplanation(settings(TomcatLine.V10_1, Manager.BACKUP, Element.MANAGER,
                "mapSendOptions", "async")).afterKill(true, "node2", KILLED_AT, Map.of("node1", KILLED_AT - 1_000));
        assertTrue(why.found(), why.toString());
        assertTrue(why.reason().startsWith("<managerAttributes><mapSendOptions> is \"async\" (8) (async): "),
                why.reason());
        assertTrue(why.reason().contains("; and node2 was killed soon after every node still up had restarted"),
                why.reason());
        assertTrue(why.fix().startsWith("set <managerAttributes><mapSendOptions> to 6"), why.fix());
        assertTrue(why.fix().contains("; let a restarted node receive its backups"), why.fix());
    }

    @Test
    void twoNodesServingOneSessionAtOnceIsExplainedByTheBalancerNotBySettings() {
        Explanation why = LossExplanation.servedAtOnce("node1 and node2");
        assertTrue(why.found());
        assertTrue(why.reason().startsWith("node1 and node2 served the session at the same time"), why.reason());
        assertTrue(why.reason().endsWith("no cluster setting prevents this"), why.reason());
        assertTrue(why.fix().startsWith("keep each user on one node while it serves: sticky sessions at the load "
                + "balancer"), why.fix());
    }
}
