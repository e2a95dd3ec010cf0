// A webapp that stores only Serializable objects passes, and the classes it stores are listed.
// VisitCounter.pages is a List, an interface, but only ever assigned a new ArrayList: Serializable; its String
// elements are checked.
def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] WAR target\/session-clean\.war is distributable: web\.xml \+ 0 fragments checked; sessions: 2 classes, 2 setAttribute\/putValue calls, 0 risks, 0 unknown in \d+ ms/
assert log.contains('BUILD SUCCESS')

// the classes of the values it stores, one a line after the comments, for cluster-config's allow-list
def classes = new File(basedir, 'target/tomcat-cluster/session-classes.txt')
assert classes.isFile()
assert classes.readLines().findAll { !it.startsWith('#') } == ['java.lang.String', 'shop.VisitCounter']
assert classes.readLines().contains('# war: target/session-clean.war')
assert !classes.text.contains('# unlisted:')
return true
