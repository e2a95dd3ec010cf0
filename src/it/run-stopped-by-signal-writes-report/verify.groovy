// tomcat-cluster:run ended by a signal (SIGTERM here; Ctrl-C's SIGINT ends the JVM through the same shutdown hooks):
// the goal stops the nodes and writes both reports before Maven ends, with what the scenario found (the Stripes
// cart of scenario-stripes-session-bean-fails), and leaves no Tomcat running. Before, the goal returned while its
// hook still wrote the report, Maven closed the plugin's class realm under it, and the JUnit report was lost to a
// NoClassDefFoundError printed after BUILD SUCCESS. Runs with scenario-stripes-flow (whose sources it builds).
import java.util.concurrent.TimeUnit
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
evaluate(new File(basedir, '../../../src/it/lib/maven-builds.groovy'))

def build = startBuild(['tomcat-cluster:run'])
def (process, output) = [build.process, build.output]
def junit = new File(basedir, 'target/tomcat-cluster/TEST-tomcat-cluster-replication.xml')
try {
    awaitOutput(build, 'Press Ctrl-C to stop it.', 300)
    assert !junit.exists() : 'a JUnit report before the run ended'
    // SIGTERM; Process.destroy() would also close the stream the goal's last lines come through
    process.toHandle().destroy()
    assert process.waitFor(120, TimeUnit.SECONDS) : "run did not end:\n${output}"
} finally {
    endBuild(build)
}
def log = output.toString().replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
assert !log.contains('NoClassDefFoundError') : log
assert log =~ /\[INFO\] Stopped the nodes\. Replication report target\/tomcat-cluster\/replication-report\.txt: 2 nodes, 4 requests with a session \(HTTP 200: 3, HTTP 500: 1\), .*, 3 problems\./ : log
def report = new File(basedir, 'target/tomcat-cluster/replication-report.txt').text
assert report.contains('[lost-field] attribute "/Cart.action" after POST /Cart.action on node2') : report
assert junit.text.contains('classname="tomcat-cluster.replication.lost-field"') : junit.text

assert nodesRunning().isEmpty()
return true
