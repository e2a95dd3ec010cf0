// The cluster how-to's example on two Tomcat 9.0 nodes: each finding at its file, line and column, the build failed
// on the asynchronous sends and the Engine-level FarmWarDeployer, corrected copies written, the inputs untouched.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // assertFindings
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

def expected = []
['node1', 'node2'].each { node ->
    expected += [
        "[WARNING] ${node}/conf/server.xml:149:38: [loses data] asynchronous-send-options: <Cluster> channelSendOptions is 8 (async), which lacks use_ack and lacks sync and has async; at run time: the DeltaManager sends each session change with the Cluster's channelSendOptions; without the synchronous acknowledgement a request completes before its change has arrived, and a node that fails right after loses it; fix: set channelSendOptions=\"6\" (use_ack,sync)",
        "[WARNING] ${node}/conf/server.xml:155:11: [insecure] no-encryption: the <Channel> has no EncryptInterceptor;",
        "[WARNING] ${node}/conf/server.xml:157:34: [fragile] default-multicast-group: multicast membership on Tomcat's default group 228.0.0.4:45564;",
        "[WARNING] ${node}/conf/server.xml:177:11: [fragile] jvm-route-binder-without-jvm-route: a JvmRouteBinderValve, and the <Engine> has no jvmRoute;",
        "[WARNING] ${node}/conf/server.xml:179:11: [breaks the cluster] farm-war-deployer-in-engine: a FarmWarDeployer in the <Cluster> of the <Engine>; at run time: Tomcat logs \"FarmWarDeployer can only work as host cluster subelement!\" and the deployer does not start: WARs put in its watchDir reach no node; fix: move the <Cluster> into the <Host> whose webapps it deploys, or remove the <Deployer>",
        "[WARNING] ${node}/conf/server.xml:180:30: [fragile] deployer-directories-in-tmp: the deployer's tempDir /tmp/war-temp/ is under a temporary directory;",
        "[WARNING] ${node}/conf/server.xml:181:32: [fragile] deployer-directories-in-tmp: the deployer's deployDir /tmp/war-deploy/ is under a temporary directory;",
        "[WARNING] ${node}/conf/server.xml:182:31: [fragile] deployer-directories-in-tmp: the deployer's watchDir /tmp/war-listen/ is under a temporary directory;",
    ].collect { it.toString() }
}
assertFindings(lines, expected)
assert lines.contains('[INFO] Checked 2 node files (node1: node1/conf/server.xml, Tomcat 9.0 given; node2: node2/conf/server.xml, Tomcat 9.0 given) with 15 rules, 2 <Cluster>s: 16 findings (2 loses data, 2 breaks the cluster, 2 insecure, 10 fragile)')
['node1', 'node2'].each { node ->
    assert lines.contains("[INFO] Wrote target/tomcat-cluster/fixed/${node}/server.xml with 1 fix: line 149: 8 -> 6".toString())
    List<String> input = new File(basedir, "${node}/conf/server.xml").readLines()
    List<String> fixed = new File(basedir, "target/tomcat-cluster/fixed/${node}/server.xml").readLines()
    assert input[148] == '                 channelSendOptions="8">' : 'the input was changed'
    assert fixed[148] == '                 channelSendOptions="6">'
    assert (0..<input.size()).findAll { input[it] != fixed[it] } == [148] : 'more than the one line changed'
    assert input.size() == fixed.size()
}
assert log.contains('[ERROR] Failed to execute goal io.github.clusterready:tomcat-cluster-maven-plugin:') &&
        log.contains(':check-server-xml (default-cli) on project check-server-xml-howto-9.0: 4 of the findings above lose data or break the cluster: fix them (-Dtomcat-cluster.fix=true writes corrected copies where the fix is unambiguous), or set -Dtomcat-cluster.failOnError=false')
