// A Serializable cart whose items reach a non-Serializable field fails session-check with the field's path.
def log = new File(basedir, 'build.log').text
assert log.contains('tomcat-cluster-maven-plugin:1.0.0-SNAPSHOT:session-check')
assert log.contains('WAR target/session-field-path.war stores objects in sessions that Tomcat cannot replicate:')
assert log.contains('  - shop/Product.java: Cart.items -> CartItem.product -> Product.supplier : Supplier is not '
        + 'Serializable, and neither is any subclass of Supplier in the WAR, so replicating the session attribute '
        + '"cart" (stored at shop/CartServlet.java:20) fails with NotSerializableException: mark Product.supplier '
        + 'transient, make shop.Supplier implement java.io.Serializable, or store an id instead of the object')
assert log.contains('BUILD FAILURE')

// The class of the attribute's value is listed for cluster-config's allow-list, even when the check fails; the
// classes its fields hold are not: Tomcat's sessionAttributeValueClassNameFilter only sees the value's own class.
def classes = new File(basedir, 'target/tomcat-cluster/session-classes.txt').readLines()
assert classes.findAll { !it.startsWith('#') } == ['shop.Cart']
return true
