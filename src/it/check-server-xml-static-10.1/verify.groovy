// Three static Tomcat 10.1 nodes: the pasted EncryptInterceptor ignored under <Cluster>, node3's members where no
// node receives; the receiver port resolved from the POM's system property, a filter nobody gives not checked.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // assertFindings
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

def expected = []
['node1', 'node2', 'node3'].each { node ->
    expected += [
        "[WARNING] ${node}/conf/server.xml:128:9: [loses data] asynchronous-send-options: <Cluster> channelSendOptions is not set, so Tomcat uses 8 (async), which lacks use_ack and lacks sync and has async;",
        "[WARNING] ${node}/conf/server.xml:132:11: [insecure] ignored-element: <Interceptor className=\"org.apache.catalina.tribes.group.interceptors.EncryptInterceptor\"> inside <Cluster>, where Tomcat 10.1 reads no <Interceptor>; at run time: Tomcat logs \"No rules found matching [Server/Service/Engine/Cluster/Interceptor]\" as it starts; the traffic is not encrypted, although the file holds a key; fix: move it inside <Channel>",
        "[WARNING] ${node}/conf/server.xml:134:11: [insecure] no-encryption: the <Channel> has no EncryptInterceptor;",
    ].collect { it.toString() }
}
expected += [
    "[WARNING] node3/conf/server.xml:135:13: [breaks the cluster] static-members-unmatched: node3's static members do not list node2 10.0.0.2:4000; at run time: node3 never learns of node2: sessions changed on one never reach the other; fix: add <Member host=\"…\" port=\"4000\"/> for node2",
    "[WARNING] node3/conf/server.xml:141:45: [breaks the cluster] static-members-unmatched: the <Member> 10.0.0.4:4000 is no node's Receiver ([node1 10.0.0.1:4000, node2 10.0.0.2:4000, node3 10.0.0.3:4000]);",
]
assertFindings(lines, expected)
['node1', 'node2', 'node3'].each { node ->
    assert lines.contains("[INFO] ${node}/conf/server.xml:151:82: tomcat-6-filter not checked: Valve filter=\"\${static.filter}\" has a placeholder no given property replaces (give it with <systemProperties> or the node's conf/catalina.properties)".toString())
}
assert lines.contains('[INFO] Checked 3 node files (node1: node1/conf/server.xml, Tomcat 10.1 given; node2: node2/conf/server.xml, Tomcat 10.1 given; node3: node3/conf/server.xml, Tomcat 10.1 given) with 15 rules, 3 <Cluster>s: 11 findings (3 loses data, 2 breaks the cluster, 6 insecure), 3 values not checked')
assert log.contains('on project check-server-xml-static-10.1: 5 of the findings above lose data or break the cluster')
assert !new File(basedir, 'target/tomcat-cluster/fixed').exists() : 'no fix was asked for'
