import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.xpath.XPathFactory

def out = new File(basedir, 'target/tomcat-cluster')
def log = new File(basedir, 'build.log').text
def xpath = { File file, String expression ->
    XPathFactory.newInstance().newXPath().evaluate(expression,
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file))
}

assert log.contains('[INFO] Wrote the Tomcat 10.1 cluster configuration (DeltaManager, static membership, 2 nodes) '
        + 'to target/tomcat-cluster: 5 files, see target/tomcat-cluster/INSTALL.md')
assert log.contains('[WARNING] No <encryptionKey>: cluster traffic is unauthenticated Java serialization')

['nodes/node1/cluster.xml', 'nodes/node1/server.xml', 'nodes/node2/cluster.xml', 'nodes/node2/server.xml',
 'INSTALL.md'].each { assert new File(out, it).isFile() : it }

def server2 = new File(out, 'nodes/node2/server.xml')
assert xpath(server2, '/Server/@port') == '8105'
assert xpath(server2, '/Server/Service/Connector/@port') == '8180'
assert xpath(server2, '/Server/Service/Connector/@redirectPort') == '8543'
assert xpath(server2, '/Server/Service/Engine/@jvmRoute') == 'node2'
def channel = '/Server/Service/Engine/Cluster/Channel'
assert xpath(server2, channel + '/Membership/@className') ==
        'org.apache.catalina.tribes.membership.StaticMembershipService'
assert xpath(server2, 'count(' + channel + '/Membership/Member)') == '2'
assert xpath(server2, channel + '/Membership/Member[2]/@port') == '4001'
assert xpath(server2, channel + '/Receiver/@port') == '4001'
assert xpath(server2, channel + '/Receiver/@address') == '127.0.0.1'

def server1 = new File(out, 'nodes/node1/server.xml')
assert xpath(server1, '/Server/@port') == '8005'
assert xpath(server1, '/Server/Service/Engine/@jvmRoute') == 'node1'
assert xpath(server1, channel + '/Receiver/@port') == '4000'
// INSTALL.md names the Tomcat release, not only the line
assert new File(out, 'INSTALL.md').text.contains("For Tomcat 10.1: any 10.1.x release; the plugin's end-to-end tests "
        + 'run Tomcat 10.1.59 (`org.apache.tomcat:tomcat:10.1.59:tar.gz` on Maven Central')
true
