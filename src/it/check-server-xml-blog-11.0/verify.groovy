// A blog's static pair on Tomcat 11.0: channelStartOptions="3" with no static members (they sit under <Cluster>,
// where Tomcat ignores them), and node1's receiver on localhost while node2 is on another host.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // assertFindings
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

def expected = [
    '[WARNING] node1/conf/server.xml:121:60: [breaks the cluster] membership-switched-off: channelStartOptions="3" does not start the membership service (no 4, 8), and the Channel lists no static members; at run time: the node never learns of another: it is a cluster of one, and no session change leaves it; fix: remove channelStartOptions (Tomcat then starts everything), or list the other nodes as <Member>s of a StaticMembershipInterceptor',
    "[WARNING] node1/conf/server.xml:124:30: [breaks the cluster] loopback-receiver: the Receiver binds localhost, and node2's receiver at 192.168.1.12 is on another host; at run time: the receiver accepts connections from this machine only and the node advertises a loopback address: the other hosts' nodes never reach it; fix: set address to this node's IP address on the cluster's network (the one the other nodes list)",
    '[WARNING] node1/conf/server.xml:130:9: [breaks the cluster] ignored-element: <Interceptor className="org.apache.catalina.tribes.group.interceptors.StaticMembershipInterceptor"> inside <Cluster>, where Tomcat 11.0 reads no <Interceptor>; at run time: Tomcat logs "No rules found matching [Server/Service/Engine/Cluster/Interceptor]" as it starts; its members are not used: the node does not find the nodes it lists; fix: move it inside <Channel>',
    '[WARNING] node2/conf/server.xml:121:60: [breaks the cluster] membership-switched-off: channelStartOptions="3" does not start the membership service (no 4, 8), and the Channel lists no static members;',
    '[WARNING] node2/conf/server.xml:130:9: [breaks the cluster] ignored-element: <Interceptor className="org.apache.catalina.tribes.group.interceptors.StaticMembershipInterceptor"> inside <Cluster>, where Tomcat 11.0 reads no <Interceptor>;',
]
assertFindings(lines, expected)
assert lines.contains('[INFO] Checked 2 node files (node1: node1/conf/server.xml, Tomcat 11.0 given; node2: node2/conf/server.xml, Tomcat 11.0 given) with 15 rules, 2 <Cluster>s: 5 findings (5 breaks the cluster)')
assert log.contains('on project check-server-xml-blog-11.0: 5 of the findings above lose data or break the cluster')
assert !log.contains('8f3a1c0e5b7d9f2a4c6e8b0d1f3a5c7e') : 'the encryption key is never logged'
