// A class file the session analysis cannot read (class-file version 200) is named, and fails verify until
// tomcat-cluster.failOnUnreadableClass is false.
def log = new File(basedir, 'build.log').text
assert log.contains('The session analysis of WAR target/session-unreadable-class-fails.war could not read these class '
        + 'files, so what they store in sessions is not checked (set tomcat-cluster.failOnUnreadableClass to false '
        + 'to only warn):')
assert log.contains('  - target/session-unreadable-class-fails.war!/WEB-INF/classes/shop/Future.class: could not be '
        + 'read as a class file: its class-file version 200 (Java 156) is newer than the analysis reads')
assert log.contains('1 class files not readable')
assert log.contains('BUILD FAILURE')
return true
