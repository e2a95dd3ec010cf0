// A build killed (SIGKILL) between tomcat-cluster:start and stop leaves no Tomcat running, and the next build in
// the same project starts and stops its cluster as if nothing had happened.
import java.util.concurrent.TimeUnit
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
evaluate(new File(basedir, '../../../src/it/lib/maven-builds.groovy'))

def runDir = new File(basedir, 'target/tomcat-cluster/run/nodes').canonicalPath

def first = startBuild(['verify', '-Dslow=600'])
try {
    awaitOutput(first, 'integration tests running against', 300)
    assert nodesRunning().size() == 2 : "two nodes run while the tests do:\n${first.output}"
    first.process.destroyForcibly() // SIGKILL: no shutdown hook, no stop goal
    assert first.process.waitFor(30, TimeUnit.SECONDS)
} finally {
    endBuild(first)
}
long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
while (!nodesRunning().isEmpty() && System.nanoTime() < deadline) {
    Thread.sleep(200)
}
assert nodesRunning().isEmpty() : 'a node outlived the killed build: ' + nodesRunning()
def node1Log = new File(runDir, 'node1/logs/console.txt').text
assert node1Log.contains('the build that started this node has ended; stopping the node') : node1Log

def second = startBuild(['verify'])
assert second.process.waitFor(300, TimeUnit.SECONDS) : "the second build did not end:\n${second.output}"
second.reader.join(10000)
assert second.process.exitValue() == 0 : second.output
assert second.output.contains('Replication report target/tomcat-cluster/replication-report.txt: 2 nodes') : second.output
assert nodesRunning().isEmpty()
return true
