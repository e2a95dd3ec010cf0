// A webapp whose session replicates: start serves it on two Tomcat nodes, the scenario and a test of the user's own
// reach both, stop writes an empty report, the build passes, and no Tomcat is left running.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = logLines()
def log = lines.join('\n')
assert lines.any { it ==~ /2 Tomcat 10\.1\.59 nodes serve target\/run-clean\.war in \d+\.\d s \(DeltaManager, .*/ } : log
assert log.contains('Scenario: GET /count on node1: HTTP 200')
assert log.contains('Scenario: GET /count on node2: HTTP 200')
assert log.contains('Scenario: POST /count on node1: HTTP 200')
// a green report says what it proved
assert lines.any { it ==~ /.*Replication report target\/tomcat-cluster\/replication-report\.txt: 2 nodes, \d+ requests with a session \(HTTP 200: \d+\), [1-9]\d* sessions?, [1-9]\d* attributes?, (\d+) of \1 compared equal on 2 nodes, 0 problems\. Every session attribute replicated: [1-9]\d* sessions?, [1-9]\d* attributes?, equal on 2 nodes\./ } : log
assert log.contains('BUILD SUCCESS')

// the URLs start set reach the nodes
def urls = new File(basedir, 'target/urls.txt').text.split(',')
assert urls.size() == 2 && urls.every { it ==~ /http:\/\/127\.0\.0\.1:\d+\/run-clean\// } : urls
assert new File(basedir, 'target/node2-count.txt').text == 'count=1'

def report = new File(basedir, 'target/tomcat-cluster/replication-report.txt').text
assert report.contains('Every session attribute replicated: ') : report
def junit = new File(basedir, 'target/tomcat-cluster/TEST-tomcat-cluster-replication.xml').text
assert junit.contains('failures="0"') && junit.contains('name="what was exercised"') : junit
// the replication budget: what each request sent, and the projection for more nodes, in both reports
assert report.contains('\nReplication budget (measured by the probes; a budget, not a problem)\n') : report
assert report =~ /\n    (GET|POST) \/count[^:]*: \d+ times?, [\d,]+ bytes a time \([^)]*session-delta [\d,]+ bytes/ : report
assert report =~ /\n    6 +[\d,]+ bytes +[\d,]+ bytes\n/ : report
assert junit.contains('<system-out>Replication budget') : junit

// every node stopped: no process runs with a node's base on its command line
def runDir = new File(basedir, 'target/tomcat-cluster/run/nodes').canonicalPath
assert nodesRunning().isEmpty()
assert !new File(runDir, 'node1/pid').exists()
return true
