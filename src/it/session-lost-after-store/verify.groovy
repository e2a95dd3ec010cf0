// What the static check now sees: a JDK view of a map made in the method, a value changed after it was stored,
// and a superclass field the other nodes never get. Each is an error naming the line and the fix; the build fails.
def log = new File(basedir, 'build.log').text
assert log.contains('WAR target/session-lost-after-store.war stores objects in sessions that Tomcat cannot replicate:')
assert log.contains('  - shop/CartServlet.java:21: CartServlet.doGet stores the result of HashMap.keySet() (a '
        + 'java.util.HashMap$KeySet) as "products" with HttpSession.setAttribute; it is not Serializable (HashMap.java: '
        + 'keySet() returns new KeySet()), so Tomcat throws IllegalArgumentException ("Non-serializable attribute") '
        + 'there once the webapp is distributable: store a Serializable copy instead (new ArrayList<>(...), new '
        + 'HashMap<>(...)), or an id')
assert log.contains('  - shop/CartServlet.java:24: CartServlet.doGet puts a new shop.GiftWrap into the session '
        + 'attribute "cart" after storing it (at shop/CartServlet.java:23), with List.add; GiftWrap is not '
        + 'Serializable, so replicating the session fails with NotSerializableException at the end of the request: '
        + 'make shop.GiftWrap implement java.io.Serializable, or store an id instead of the object')
assert log.contains('  - shop/Customer.java: Customer is Serializable, but its superclass shop.Person is not, so '
        + 'Person.name (assigned at shop/CartServlet.java:26) is not replicated with the session attribute '
        + '"customer" (stored at shop/CartServlet.java:27): the other nodes get what the no-argument constructor of '
        + 'shop.Person sets, and lose what the WAR assigned. Make shop.Person implement java.io.Serializable, or '
        + 'keep that state in Customer')
assert log.contains('BUILD FAILURE')
return true
