// A list of session classes older than the WAR describes an earlier build: cluster-config refuses it rather than
// write an allow-list that may miss what the new WAR stores. Build 1 (fresh list) wrote the configuration.
def log = new File(basedir, 'build.log').text
assert log.contains('target/tomcat-cluster/session-classes.txt lists the classes target/shop.war stored in sessions '
        + 'before target/shop.war was built again: run tomcat-cluster:session-check or tomcat-cluster:verify after '
        + 'the WAR is built and before cluster-config')
assert log.indexOf('BUILD SUCCESS') >= 0 && log.indexOf('BUILD SUCCESS') < log.indexOf('BUILD FAILURE')
def cluster = new File(basedir, 'target/tomcat-cluster/cluster.xml')
assert cluster.isFile() : 'build 1 wrote no cluster.xml'
assert cluster.text.contains('sessionAttributeValueClassNameFilter="shop\\.Cart"')
return true
