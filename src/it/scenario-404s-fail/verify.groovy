// A scenario whose every request answers 404 fails the build at stop, each request named with its node, and the
// second saying that node1 answered the same: it is the path, not replication. No Tomcat is left running.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = rawLogLines()
def log = lines.join('\n')
def expected = ' where a status below 400 is expected (say <expect><status>404</status></expect> if that is right)'
assert lines.contains('[WARNING] Scenario: GET /cart on node1: HTTP 404 (unexpected: HTTP 404' + expected + ')') : log
assert lines.contains('[WARNING] Scenario: GET /cart on node2: HTTP 404 (unexpected: HTTP 404' + expected + ')') : log
assert lines.contains('[WARNING] Scenario: GET /cart/add?item=1 on node1: HTTP 404 (unexpected: HTTP 404' + expected
        + ')') : log
def responses = new File(basedir, 'target/tomcat-cluster/responses').canonicalPath
assert lines.any { it.startsWith('[WARNING] [unexpected-response] after GET /cart on node2: unexpected response '
        + '(step 2: HTTP 404' + expected + '; node1 answered the same request (step 1) with HTTP 404, as unexpected: '
        + 'an answer every node gives is the application\'s, not a failover\'s; check the <path> and the <expect>; '
        + 'the response is kept in ' + responses + '/step-02-node2.html). Fix: ') } : log
assert lines.any { it ==~ /\[ERROR\] Failed to execute goal .*:stop .*: Replication report target\/tomcat-cluster\/replication-report\.txt: 2 nodes, 0 requests with a session, 0 sessions, 0 attributes, no comparison between nodes, 3 problems\. Nothing was proven: no request stored an attribute in a session\. Set tomcat-cluster\.failOnReplicationProblem to false to only warn.*/ } : log
assert new File(responses, 'step-01-node1.html').isFile()

def report = new File(basedir, 'target/tomcat-cluster/replication-report.txt').text
assert report.count('[unexpected-response]') == 3 : report
def junit = new File(basedir, 'target/tomcat-cluster/TEST-tomcat-cluster-replication.xml').text
// the three problems, and what was exercised: nothing was proven
assert junit.contains('tests="4" failures="4"') : junit

assert nodesRunning().isEmpty()
return true
