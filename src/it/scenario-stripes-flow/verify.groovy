// A Stripes 1.6 shop whose cart is a Serializable model object, set into the session after every change, and read by
// the checkout with its own ActionBeanContext (the fix of scenario-stripes-session-bean-fails): the catalog's form
// from node1 (its encrypted _sourcePage and __fp extracted) posted on node2, the checkout on both nodes, on two
// Tomcat 9 nodes chosen from javax.servlet-api 4.0.1; the build passes and the report says what it proved.
// Checked by hand on the same two nodes (tomcat-cluster:run, curl with one cookie jar): both nodes answer the
// checkout with "Order: [apple], total 3.00 EUR".
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = rawLogLines()
def log = lines.join('\n')
assert lines.any { it ==~ /\[INFO\] Tomcat 9\.0\.\d+: the project depends on javax\.servlet-api 4\.0\.1 \(Servlet 4\.0\)/ } : log
assert lines.contains('[INFO] Scenario: GET /Catalog.action on node1: HTTP 200') : log
assert lines.contains('[INFO] Scenario: POST /Cart.action on node2: HTTP 200') : log
assert lines.contains('[INFO] Scenario: GET /Checkout.action on node2: HTTP 200') : log
assert lines.contains('[INFO] Scenario: GET /Checkout.action on node1: HTTP 200') : log
// the cart, in one session, equal on both nodes
assert lines.any { it ==~ /\[INFO\] Replication report target\/tomcat-cluster\/replication-report\.txt: 2 nodes, 4 requests with a session \(HTTP 200: 4\), 1 session, 1 attribute, 1 of 1 compared equal on 2 nodes, 0 problems\. Every session attribute replicated: 1 session, 1 attribute, equal on 2 nodes\./ } : log
assert log.contains('BUILD SUCCESS')

def responses = new File(basedir, 'target/tomcat-cluster/responses')
assert new File(responses, 'step-02-node2.html').text.contains('Cart: [apple], total 3.00 EUR')
assert new File(responses, 'step-03-node2.html').text.contains('Order: [apple], total 3.00 EUR')
assert new File(responses, 'step-04-node1.html').text.contains('Order: [apple], total 3.00 EUR')
def junit = new File(basedir, 'target/tomcat-cluster/TEST-tomcat-cluster-replication.xml').text
assert junit.contains('failures="0"') && junit.contains('name="what was exercised"') : junit

assert nodesRunning().isEmpty()
return true
