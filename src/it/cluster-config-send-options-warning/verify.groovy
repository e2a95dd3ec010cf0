def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] <clusterAttributes><channelSendOptions> is 8 (async), which lacks use_ack and lacks '
        + 'sync and has async: the DeltaManager sends each session change to the other nodes with the Cluster\'s '
        + 'channelSendOptions, and without the synchronous acknowledgement (SYNC_ACK with USE_ACK) a request '
        + 'completes before the change arrives, so a failover right after it loses the change; use 6 (use_ack,sync)\n')
assert log.count('channelSendOptions> is') == 1
// written as given: Tomcat 10.1 reads the name
assert new File(basedir, 'target/tomcat-cluster/cluster.xml').text.contains('channelSendOptions="async"')
true
