// Ctrl-C while the nodes are still starting (a termination signal to Maven, as Ctrl-C sends): the build ends and
// leaves no Tomcat behind, at once, not when a node's wait for session state runs out a minute later.
import java.util.concurrent.TimeUnit

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
evaluate(new File(basedir, '../../../src/it/lib/maven-builds.groovy'))
def build = startBuild(['package', 'tomcat-cluster:run'])
def (run, output) = [build.process, build.output]
try {
    // both nodes' JVMs run, neither serves yet
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300)
    while (nodesRunning().size() < 2) {
        assert run.isAlive() : "mvn tomcat-cluster:run ended:\n${output}"
        assert System.nanoTime() < deadline : "the nodes did not start:\n${output}"
        Thread.sleep(20)
    }
    synchronized (output) { assert output.indexOf(' serves http') < 0 : output }
    run.destroy() // SIGTERM: Maven's shutdown, as on Ctrl-C
    long stopped = System.nanoTime()
    assert run.waitFor(60, TimeUnit.SECONDS) : "mvn tomcat-cluster:run did not end:\n${output}"
    while (!nodesRunning().isEmpty() && System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(10)) {
        Thread.sleep(100)
    }
    assert nodesRunning().isEmpty() : "a node still runs 10 s after Maven was stopped:\n${output}"
} finally {
    endBuild(build)
}
synchronized (output) { assert output.indexOf('ended by itself') < 0 : output }
return true
