import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.xpath.XPathFactory

def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Wrote the Tomcat 9.0 cluster configuration (DeltaManager, multicast membership, one for '
        + 'all nodes) to target/tomcat-cluster: 2 files')

def file = new File(basedir, 'target/tomcat-cluster/cluster.xml')
def xpath = { String expression ->
    XPathFactory.newInstance().newXPath().evaluate(expression,
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file))
}
assert xpath('/Cluster/@className') == 'org.apache.catalina.ha.tcp.SimpleTcpCluster'
assert xpath('/Cluster/@channelSendOptions') == '6'
assert xpath('/Cluster/Channel/Membership/@address') == '228.0.0.4'
assert xpath('/Cluster/Channel/Receiver/@address') == 'auto'
assert file.text.startsWith(
        '<!-- Written by tomcat-cluster-maven-plugin for Tomcat 9.0: put this <Cluster> inside <Engine>')
true
