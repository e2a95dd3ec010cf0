// What cluster-config writes passes check-server-xml: both nodes' files found in its output directory, looked at
// with every rule, compared with each other, and nothing found.
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

assert lines.contains('[INFO] Checked 2 node files (node1: target/tomcat-cluster/nodes/node1/server.xml, Tomcat 11.0 given; node2: target/tomcat-cluster/nodes/node2/server.xml, Tomcat 11.0 given) with 15 rules, 2 <Cluster>s: no findings')
assert !lines.any { it.startsWith('[WARNING] target/') } : 'a finding on the plugin\'s own output'
assert !log.contains('00112233445566778899aabbccddeeff') : 'the encryption key is never logged'
assert log.contains('BUILD SUCCESS')
