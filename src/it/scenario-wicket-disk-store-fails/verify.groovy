// The flow of scenario-wicket-flow with Wicket's default page store: node2 has no page 0 on its disk and answers
// the form with a fresh page, which the scenario's expectation catches as an unexpected response; the build fails.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = rawLogLines()
def log = lines.join('\n')
assert lines.contains('[INFO] Scenario: GET / on node1: HTTP 302 to /?0, then 200') : log
def step2 = lines.find { it.startsWith('[WARNING] Scenario: POST /?0-1.-form on node2: HTTP ') }
assert step2 != null && step2.endsWith(' (unexpected: the response does not contain "Count: 1" (<expect><contains>))') : log
def responses = new File(basedir, 'target/tomcat-cluster/responses').canonicalPath
assert lines.any { it.startsWith('[WARNING] [unexpected-response] after POST /?0-1.-form on node2: unexpected '
        + 'response (step 2: the response does not contain "Count: 1" (<expect><contains>); the request before on '
        + 'another node, GET / (step 1), node1 answered with HTTP 200 as expected; the response is kept in '
        + responses + '/step-02-node2.html). Fix: ') } : log
// what node2 answered: a fresh page, the count back at 0
assert new File(responses, 'step-02-node2.html').text.contains('Count: 0')
assert lines.any { it ==~ /\[ERROR\] Failed to execute goal .*:stop .*: Replication report .*, \d+ problems\. Not proven: \d+ problems to fix \(above\)\..*/ } : log

assert nodesRunning().isEmpty()
return true
