package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.cluster.SendOptions;
import io.github.clusterready.tomcat.cluster.TomcatLine;

/**
 * The options that carry session changes do not wait for the other nodes: the Cluster's
 * {@code channelSendOptions} for a DeltaManager (Tomcat's default is 8, asynchronous, and the cluster how-to's
 * example says 8 too), a BackupManager's {@code mapSendOptions}. A request then completes before its change has
 * arrived anywhere, and a node that dies right after takes the change with it.
 */
final class AsynchronousSendOptions extends Rule {
    AsynchronousSendOptions() {
        super("asynchronous-send-options",
                "config/cluster.html (Cluster: channelSendOptions, default 8); SimpleTcpCluster.java "
                        + "(channelSendOptions = Channel.SEND_OPTIONS_ASYNCHRONOUS); config/cluster-manager.html "
                        + "(BackupManager: mapSendOptions); Channel.java (SEND_OPTIONS_*)");
    }

    @Override
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
        XmlNode manager = Clusters.manager(cluster);
        if (Clusters.backupManager(cluster)) {
            judge(node, findings, manager, "mapSendOptions", SendOptions.SYNCHRONOUS,
                    "the BackupManager copies each change to the session's backup node with its mapSendOptions");
        } else {
            judge(node, findings, cluster, "channelSendOptions", SendOptions.CLUSTER_DEFAULT,
                    "the DeltaManager sends each session change with the Cluster's channelSendOptions");
        }
    }

    private void judge(NodeConfig node, Findings findings, XmlNode element, String attribute, int whenUnset,
            String how) {
        if (!findings.checkable(node, element, attribute, this)) {
            return;
        }
        String value = node.value(element, attribute);
        TomcatLine line = node.line == null ? TomcatLine.V10_1 : node.line;
        int options;
        try {
            options = SendOptions.parse(element.name + " " + attribute, value == null ? null : value.trim(), line,
                    whenUnset);
        } catch (ClusterConfigException e) {
            findings.add(node, element, attribute, Severity.BREAKS_CLUSTER, this, element.name + " " + attribute
                    + "=\"" + value + "\" is not a value Tomcat " + line + " reads", "Tomcat fails to set it ("
                    + e.getMessage() + ")", "write 6 (use_ack,sync)", Fixes.set(node.file, element, attribute, "6"));
            return;
        }
        if (SendOptions.synchronous(options)) {
            return;
        }
        String given = value == null || value.trim().isEmpty() ? " is not set, so Tomcat uses " + options
                : " is " + value.trim() + (value.trim().equals(String.valueOf(options)) ? "" : " (" + options + ")");
        findings.add(node, element, value == null ? null : attribute, Severity.LOSES_DATA, this,
                "<" + element.name + "> " + attribute + given + " (" + SendOptions.names(options) + "), which "
                        + SendOptions.shortfall(options),
                how + "; without the synchronous acknowledgement a request completes before its change has "
                        + "arrived, and a node that fails right after loses it",
                "set " + attribute + "=\"6\" (use_ack,sync)", Fixes.set(node.file, element, attribute, "6"));
    }
}
