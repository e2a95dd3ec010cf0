// A Wicket 10 page whose form action and page id come from the responses: the form posted on node2 and the page
// read again on node1 by its id, with Wicket's pages kept in the session, pass; each response is kept. Wicket's own
// session binding listener (it holds the WebSession under a second name) is no problem: the report is clean.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = rawLogLines()
def log = lines.join('\n')
assert lines.any { it ==~ /\[INFO\] Scenario: GET \/ on node1: HTTP 302 to \/\?0, then 200/ } : log
assert lines.any { it ==~ /\[INFO\] Scenario: POST \/\?0-1\.-form on node2: HTTP 302 to \/\?1, then 200/ } : log
assert lines.any { it ==~ /\[INFO\] Scenario: GET \/\?1 on node1: HTTP 200/ } : log
assert !lines.any { it.contains('Scenario:') && it.contains('jsessionid') } : log
assert !log.contains('[unexpected-response]') : log
def report = new File(basedir, 'target/tomcat-cluster/replication-report.txt').text
assert !report.contains('[unexpected-response]') : report
assert report.contains('Every session attribute replicated: ') : report
assert !report.contains('[shared-object]') && !report.contains('[changed-in-place]') : report
assert log.contains('BUILD SUCCESS')

def responses = new File(basedir, 'target/tomcat-cluster/responses')
assert new File(responses, 'step-02-node2.html').text.contains('Count: 1')
assert new File(responses, 'step-03-node1.html').text.contains('Count: 1')

assert nodesRunning().isEmpty()
return true
