// The failover drill with the plugin's defaults: node2 is killed after serving the second visit, node1 takes over,
// node2 restarts and counts on; then node1 is killed and restarted. Every visit is counted, the verdict after each
// kill finds nothing lost, and stop's report (which holds what start's scenario found) has no problem.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = rawLogLines()
def log = lines.join('\n')
assert lines.contains('[INFO] Scenario: GET /count on node1: HTTP 200') : log
assert lines.contains('[INFO] Scenario: GET /count on node2: HTTP 200') : log
assert lines.any { it ==~ /\[INFO\] Scenario: kill node2: ended in \d+\.\d s/ } : log
assert lines.any { it ==~ /\[INFO\] Scenario: restart node2: serves and is a member again in \d+\.\d s/ } : log
assert lines.any { it ==~ /\[INFO\] Scenario: kill node1: ended in \d+\.\d s/ } : log
assert lines.any { it ==~ /\[INFO\] Scenario: restart node1: serves and is a member again in \d+\.\d s/ } : log
assert !lines.any { it.startsWith('[WARNING] Scenario:') } : log
def responses = new File(basedir, 'target/tomcat-cluster/responses')
// visits 3 and 4 on node1 alone, 5 on the restarted node2, 6 on node2 alone, 7 on the restarted node1
assert new File(responses, 'step-04-node1.html').text == 'count=3'
assert new File(responses, 'step-05-node1.html').text == 'count=4'
assert new File(responses, 'step-07-node2.html').text == 'count=5'
assert new File(responses, 'step-09-node2.html').text == 'count=6'
assert new File(responses, 'step-11-node1.html').text == 'count=7'
assert lines.any { it ==~ /\[INFO\] Replication report target\/tomcat-cluster\/replication-report\.txt: 2 nodes, \d+ requests with a session \(HTTP 200: \d+\), .*, 0 problems\..*/ } : log
assert log.contains('BUILD SUCCESS')

// the pid start set after its scenario is the restarted node1's
def runDir = new File(basedir, 'target/tomcat-cluster/run/nodes').canonicalPath
assert new File(basedir, 'target/node1-cmdline.txt').text.replace('\u0000', ' ').contains("-Dcatalina.base=${runDir}/node1 ")

assert nodesRunning().isEmpty()
return true
