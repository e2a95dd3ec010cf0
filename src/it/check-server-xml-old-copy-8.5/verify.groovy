// A Tomcat 6/7-era cluster in Tomcat 8.5's server.xml: classes 8.5 no longer has, Tomcat 6's filter; with
// failOnError=false the build goes on; the fixed copy changes one line per unambiguous fix.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // assertFindings
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

def expected = [
    '[WARNING] node1/conf/server.xml:147:38: [loses data] asynchronous-send-options: <Cluster> channelSendOptions is 8 (async), which lacks use_ack and lacks sync and has async;',
    '[WARNING] node1/conf/server.xml:153:11: [insecure] no-encryption: the <Channel> has no EncryptInterceptor;',
    "[WARNING] node1/conf/server.xml:155:34: [fragile] default-multicast-group: multicast membership on Tomcat's default group 228.0.0.4:45564;",
    '[WARNING] node1/conf/server.xml:170:37: [breaks the cluster] class-not-in-line: <Interceptor> className org.apache.catalina.tribes.group.interceptors.MessageDispatch15Interceptor is not a class of Tomcat 8.5 (no Tomcat line from 8.5 on has it); at run time: the digester cannot create the <Interceptor> (ClassNotFoundException) and Tomcat does not start; fix: use org.apache.catalina.tribes.group.interceptors.MessageDispatchInterceptor',
    '[WARNING] node1/conf/server.xml:174:26: [fragile] tomcat-6-filter: the ReplicationValve filter ".*\\.gif;.*\\.js;.*\\.jpg;.*\\.png;.*\\.htm;.*\\.html;.*\\.css;.*\\.txt;" is Tomcat 6\'s list separated by \';\';',
    '[WARNING] node1/conf/server.xml:178:39: [breaks the cluster] class-not-in-line: <ClusterListener> className org.apache.catalina.ha.session.JvmRouteSessionIDBinderListener is not a class of Tomcat 8.5 (no Tomcat line from 8.5 on has it);',
]
assertFindings(lines, expected)
assert lines.contains('[INFO] Checked 1 node file (node1: node1/conf/server.xml, Tomcat 8.5 given) with 15 rules, 1 <Cluster>: 6 findings (1 loses data, 2 breaks the cluster, 1 insecure, 2 fragile); one node: nothing compared across nodes')
assert lines.contains('[INFO] Wrote target/tomcat-cluster/fixed/node1/server.xml with 3 fixes: line 147: 8 -> 6; line 170: org.apache.catalina.tribes.group.interceptors.MessageDispatch15Interceptor -> org.apache.catalina.tribes.group.interceptors.MessageDispatchInterceptor; line 174: .*\\.gif;.*\\.js;.*\\.jpg;.*\\.png;.*\\.htm;.*\\.html;.*\\.css;.*\\.txt; -> .*\\.gif|.*\\.js|.*\\.jpg|.*\\.png|.*\\.htm|.*\\.html|.*\\.css|.*\\.txt')

List<String> input = new File(basedir, 'node1/conf/server.xml').readLines()
List<String> fixed = new File(basedir, 'target/tomcat-cluster/fixed/node1/server.xml').readLines()
assert (0..<input.size()).findAll { input[it] != fixed[it] } == [146, 169, 173]
assert fixed[169] == '            <Interceptor className="org.apache.catalina.tribes.group.interceptors.MessageDispatchInterceptor"/>'
assert input[169].contains('MessageDispatch15Interceptor') : 'the input was changed'
assert log.contains('BUILD SUCCESS')
assert !lines.any { it.startsWith('[ERROR]') }
