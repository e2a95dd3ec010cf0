// A webapp that stores only Serializable objects passes, and the classes it stores are listed.
// VisitCounter.pages is a List, an interface: unknown, as every interface is; its String elements are checked.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] WAR target/session-clean.war is distributable')
assert log =~ /\[INFO\] Session check of target\/session-clean\.war: 2 classes, 2 setAttribute\/putValue calls, 0 risks, 1 unknown \(mvn -X lists them\) in \d+ ms/
assert log.contains('BUILD SUCCESS')

def classes = new File(basedir, 'target/tomcat-cluster/session-classes.txt')
assert classes.isFile()
assert classes.text == 'java.lang.String\nshop.VisitCounter\n'
return true
