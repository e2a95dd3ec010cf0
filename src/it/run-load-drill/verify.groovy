import javax.xml.parsers.DocumentBuilderFactory

// The load drill with the plugin's defaults and BackupManager: four users count their visits at once while node1,
// then node2, is killed and restarted. Every count goes on (each <expect> held), both reports carry the drill's
// summary, and no session or update was lost.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = rawLogLines()
def log = lines.join('\n')
assert lines.contains('[INFO] Load drill: 4 users, at most 60 s, 2 kills and restarts on 2 nodes') : log
assert lines.any { it ==~ /\[INFO\] Load drill: killed and restarted node1 at \d+\.\d s \(serving again \d+\.\d s later\)/ } : log
assert lines.any { it ==~ /\[INFO\] Load drill: killed and restarted node2 at \d+\.\d s \(serving again \d+\.\d s later\)/ } : log
def summary = /Load drill: 4 users for \d+\.\d s, [\d,]+ requests answered \(\d+\.\d per second, 0 not as expected\), [\d,]+ sessions; killed and restarted node1 at .*, node2 at .*; lost sessions: 0, lost updates: 0/
def logged = lines.find { it ==~ /\[INFO\] / + summary }
assert logged : log
// enough happened to prove something: more sessions than users (each pass is one), hundreds of requests
def answered = (logged =~ /([\d,]+) requests answered/)[0][1].replace(',', '') as int
def sessions = (logged =~ /([\d,]+) sessions;/)[0][1].replace(',', '') as int
assert answered >= 100 : logged
assert sessions > 4 : logged

def report = new File(basedir, 'target/tomcat-cluster/replication-report.txt').text
assert report.readLines().any { it ==~ summary } : report
assert report.contains('Every session attribute replicated') : report
def junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(basedir, 'target/tomcat-cluster/TEST-tomcat-cluster-replication.xml')).documentElement
def cases = junit.getElementsByTagName('testcase')
def drill = (0..<cases.length).collect { cases.item(it) }.find { it.getAttribute('name') == 'load drill' }
assert drill != null : 'no test case "load drill"'
assert drill.getElementsByTagName('system-out').item(0).textContent ==~ summary
assert drill.getElementsByTagName('failure').length == 0
assert junit.getAttribute('failures') == '0'
assert lines.any { it ==~ /\[INFO\] Replication report target\/tomcat-cluster\/replication-report\.txt: 2 nodes, .*, 0 problems\..*/ } : log
assert log.contains('BUILD SUCCESS')

assert nodesRunning().isEmpty()
return true
