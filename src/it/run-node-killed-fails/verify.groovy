// node2 is SIGKILLed during the integration-test phase (by the PID start published): stop names the dead node, how
// it ended and the end of its log, and fails the build although every remaining session attribute replicated.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = logLines()
def log = lines.join('\n')
def pid = new File(basedir, 'target/node2.pid').text.trim()
assert pid ==~ /\d+/ : pid
assert log.contains("tomcat-cluster.<node>.pid") : log
assert rawLogLines().any { it.contains('[WARNING] [node-died] on node2: node died (killed by signal 9 (SIGKILL) at 20') } : log
assert lines.any { it ==~ /.*Failed to execute goal io\.github\.clusterready:tomcat-cluster-maven-plugin:[^ ]+:stop \(default\) on project run-node-killed: Replication report target\/tomcat-cluster\/replication-report\.txt: 2 nodes, .*, 1 problem\. Not proven: 1 problem to fix \(above\)\. Set tomcat-cluster\.failOnReplicationProblem to false.*/ } : log
assert log.contains('BUILD FAILURE')

def report = new File(basedir, 'target/tomcat-cluster/replication-report.txt').text
assert report.contains('[node-died] on node2: node died (killed by signal 9 (SIGKILL)') : report
def junit = new File(basedir, 'target/tomcat-cluster/TEST-tomcat-cluster-replication.xml').text
assert junit.contains('classname="tomcat-cluster.replication.node-died"') : junit

// node1 stopped, node2 gone: no process runs with a node's base on its command line
assert nodesRunning().isEmpty()
return true
