// tomcat-cluster:run as a user runs it: it starts two nodes and says where they are, prints a problem as soon as a
// request causes it, and on a termination signal (as Ctrl-C) stops every node and writes the report.
import java.util.concurrent.TimeUnit

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
evaluate(new File(basedir, '../../../src/it/lib/maven-builds.groovy'))
def run = startBuild(['package', 'tomcat-cluster:run'])
def output = run.output
def get = { String url, String cookie ->
    def connection = new URL(url).openConnection()
    if (cookie) connection.setRequestProperty('Cookie', cookie)
    assert connection.responseCode == 200
    connection.inputStream.text
    connection.getHeaderField('Set-Cookie')?.split(';')?.getAt(0) ?: cookie
}
try {
    awaitOutput(run, 'Press Ctrl-C to stop it.', 300)
    def urls = (output =~ /node\d (http:\/\/127\.0\.0\.1:\d+\/basket\/)/).collect { it[1] }.unique()
    assert urls.size() == 2 : output
    def cookie = get(urls[0] + 'basket', null)
    get(urls[1] + 'basket', cookie)
    // printed while the cluster runs, not only at the end
    awaitOutput(run, '[changed-in-place] attribute "basket" after GET /basket on node2', 30)
    run.process.destroy() // SIGTERM: Maven's shutdown, as on Ctrl-C
    assert run.process.waitFor(90, TimeUnit.SECONDS) : "mvn tomcat-cluster:run did not end:\n${output}"
} finally {
    endBuild(run)
}
def report = new File(basedir, 'target/tomcat-cluster/replication-report.txt')
assert report.isFile() : output
assert report.text.contains('[changed-in-place] attribute "basket"') : report.text
assert nodesRunning().isEmpty() : 'a node still runs after tomcat-cluster:run ended'
return true
