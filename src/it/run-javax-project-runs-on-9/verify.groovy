// A Servlet 4.0 (javax) project without <tomcatVersion>: start chooses Tomcat 9.0, as cluster-config does, says why,
// and the webapp serves on both nodes; stop stops them and nothing is left running.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = logLines()
def log = lines.join('\n')
assert lines.contains('Tomcat 9.0.117: the project depends on javax.servlet-api 4.0.1 (Servlet 4.0)') : log
assert lines.any { it ==~ /2 Tomcat 9\.0\.117 nodes serve target\/run-javax\.war in \d+\.\d s \(DeltaManager, .*/ } : log
assert log.contains('Scenario: GET /count on node1: HTTP 200') : log
assert log.contains('Scenario: GET /count on node2: HTTP 200') : log
// the session replicated between the 9.0 nodes: node2 counted on (the expectation), and nothing went wrong
assert lines.any { it ==~ /Replication report target\/tomcat-cluster\/replication-report\.txt: 2 nodes, 2 requests with a session \(HTTP 200: 2\), 1 session, 1 attribute, .*, 0 problems\. Every session attribute replicated: .*/ } : log
assert !log.contains('unexpected-response') : log
assert log.contains('BUILD SUCCESS')

// the nodes ran 9.0: the distribution unpacked for them, and the listener's line in a node's log
assert new File(basedir, 'target/tomcat-cluster/tomcat/apache-tomcat-9.0.117/bin/bootstrap.jar').isFile()
def localhostLogs = new File(basedir, 'target/tomcat-cluster/run/nodes/node1/logs').listFiles()
        .findAll { it.name.startsWith('localhost.') }
assert localhostLogs.any { it.text.contains('shop started') } : localhostLogs

assert nodesRunning().isEmpty()
return true
