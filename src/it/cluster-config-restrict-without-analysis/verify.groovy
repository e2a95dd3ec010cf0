// restrictSessionClasses with no session analysis before it: one error naming the list it needs and how to get it.
def log = new File(basedir, 'build.log').text
assert log.contains('tomcat-cluster.restrictSessionClasses needs target/tomcat-cluster/session-classes.txt, the '
        + 'classes the webapp stores in sessions, which tomcat-cluster:verify and tomcat-cluster:session-check '
        + 'write: run one of them before cluster-config')
assert !new File(basedir, 'target/tomcat-cluster/cluster.xml').exists()
// the WAR the build made is left as it was
assert new File(basedir, 'target/shop.war').isFile()
return true
