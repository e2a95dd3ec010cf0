// A Struts 2.5 order form guarded by the token interceptor (Struts's own fix for a form sent twice, with an
// invalid.token page of the application), on two Tomcat 9 nodes chosen from javax.servlet-api 4.0.1: the form
// from node1 is placed on node2, the same form sent again is refused on both nodes alike, the build passes and the
// report says what it proved. Checked by hand on the same two nodes (tomcat-cluster:run, curl with one cookie jar):
// node1 and node2 both answer the second submit with "Order 1 was placed already", the order is placed once.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = rawLogLines()
def log = lines.join('\n')
assert lines.any { it ==~ /\[INFO\] Tomcat 9\.0\.\d+: the project depends on javax\.servlet-api 4\.0\.1 \(Servlet 4\.0\)/ } : log
assert lines.contains('[INFO] Scenario: GET /order.action on node1: HTTP 200') : log
assert lines.count('[INFO] Scenario: POST /place.action on node2: HTTP 200') == 2 : log
assert lines.contains('[INFO] Scenario: POST /place.action on node1: HTTP 200') : log
// the token and the order, in one session, equal on both nodes
assert lines.any { it ==~ /\[INFO\] Replication report target\/tomcat-cluster\/replication-report\.txt: 2 nodes, 4 requests with a session \(HTTP 200: 4\), 1 session, 2 attributes, 1 of 1 compared equal on 2 nodes, 0 problems\. Every session attribute replicated: 1 session, 2 attributes, equal on 2 nodes\./ } : log
assert log.contains('BUILD SUCCESS')

def responses = new File(basedir, 'target/tomcat-cluster/responses')
assert new File(responses, 'step-02-node2.html').text.contains('Order 1 placed: 2 x apple')
assert new File(responses, 'step-03-node2.html').text.contains('Order 1 was placed already: 2 x apple')
assert new File(responses, 'step-04-node1.html').text.contains('Order 1 was placed already: 2 x apple')
def report = new File(basedir, 'target/tomcat-cluster/replication-report.txt').text
assert report.contains('Every session attribute replicated: 1 session, 2 attributes, equal on 2 nodes.') : report
def junit = new File(basedir, 'target/tomcat-cluster/TEST-tomcat-cluster-replication.xml').text
assert junit.contains('failures="0"') && junit.contains('name="what was exercised"') : junit

assert nodesRunning().isEmpty()
return true
