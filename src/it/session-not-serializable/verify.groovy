// Storing a non-Serializable object fails the build, naming the source line and the fix.
def log = new File(basedir, 'build.log').text
// the fragment check passed, but the WAR is not called distributable right before the failure
assert !log.contains('[INFO] WAR target/session-not-serializable.war is distributable')
assert log.find(/\[INFO\] Session check of target\/session-not-serializable\.war: \d+ classes, .*; web\.xml \+ 0 fragments checked, all distributable/)
assert log.contains('WAR target/session-not-serializable.war stores objects in sessions that Tomcat cannot replicate:')
assert log.contains('  - shop/StoreServlet.java:16: StoreServlet.doGet stores a new shop.DatabaseHandle as "connection" '
        + 'with HttpSession.setAttribute; DatabaseHandle is not Serializable, so Tomcat throws '
        + 'IllegalArgumentException ("Non-serializable attribute") there once the webapp is distributable: '
        + 'make shop.DatabaseHandle implement java.io.Serializable, or store an id instead of the object')
assert log.contains('BUILD FAILURE')
return true
