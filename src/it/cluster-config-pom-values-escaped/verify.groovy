import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.xpath.XPathFactory

def out = new File(basedir, 'target/tomcat-cluster')
def log = new File(basedir, 'build.log').text
def parse = { File file -> DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file) }
def xpath = { File file, String expression -> XPathFactory.newInstance().newXPath().evaluate(expression, parse(file)) }

assert log.contains('[INFO] Wrote the Tomcat 10.1 cluster configuration (DeltaManager, static membership, 2 nodes) '
        + 'to target/tomcat-cluster: 5 files, see target/tomcat-cluster/INSTALL.md')

// every file is well-formed XML, whatever the node names hold
['nodes/web--1/cluster.xml', 'nodes/web--1/server.xml', 'nodes/web--2/cluster.xml', 'nodes/web--2/server.xml'].each {
    def file = new File(out, it)
    assert file.isFile() : it
    parse(file)
}
def server2 = new File(out, 'nodes/web--2/server.xml')
def valve = '/Server/Service/Engine/Cluster/Valve[@className="org.apache.catalina.ha.tcp.ReplicationValve"]'
// the value is the POM's, exactly, and adds no attribute of its own
assert xpath(server2, valve + '/@filter') == '.*\\.gif" evil="1'
assert xpath(server2, 'count(' + valve + '/@*)') == '2'
assert xpath(server2, valve + '/@evil') == ''
// ::1 and 0:0:0:0:0:0:0:1 are one host: web--2 moves its ports up by 100
assert xpath(server2, '/Server/@port') == '8105'
assert xpath(server2, '/Server/Service/Connector/@port') == '8180'
assert xpath(server2, '/Server/Service/Engine/@jvmRoute') == 'web--2'
assert new File(out, 'INSTALL.md').text.contains('web--2: +100')
true
