// restrictSessionClasses without <allowedSessionClasses>, while the analysis found values whose classes it cannot
// list: one error naming each, and no configuration written that would silently stop replicating them. What List.of
// returns is listed by its real classes (java.util.ImmutableCollections$List12, $ListN), so it is not among them.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal io.github.clusterready:tomcat-cluster-maven-plugin')
assert log.contains('tomcat-cluster.restrictSessionClasses: the session analysis of target/shop.war cannot list '
        + 'the classes of these stored values, so Tomcat would not replicate them:')
assert log.contains('  - shop/PreferenceServlet.java:18: PreferenceServlet.doGet stores a value of type '
        + 'java.lang.Object as "preference"')
assert !log.contains('as "recent"') : 'List.of returns a class the analysis lists'
assert log.contains('Add the classes they can have to <allowedSessionClasses> (com.example.Cart, or a package: '
        + 'com.example.model.*), or set restrictSessionClasses to false')
assert !log.contains('"name"') : 'a String is listed, not unlisted'
def out = new File(basedir, 'target/tomcat-cluster')
assert new File(out, 'session-classes.txt').text.contains('\njava.lang.String\n')
assert new File(out, 'session-classes.txt').text.contains('\njava.util.ImmutableCollections$List12\n')
assert !new File(out, 'cluster.xml').exists()
assert !new File(out, 'INSTALL.md').exists()
return true
