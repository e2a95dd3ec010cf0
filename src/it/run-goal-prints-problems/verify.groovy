// tomcat-cluster:run as a user runs it: it starts two nodes and says where they are, prints a problem as soon as a
// request causes it, and on a termination signal (as Ctrl-C) stops every node and writes the report.
import java.util.concurrent.TimeUnit

def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def command = [mvn, '-B', '-ntp', "-Dmaven.repo.local=${localRepositoryPath}",
        "package", "tomcat-cluster:run"]
def run = new ProcessBuilder(command*.toString()).directory(basedir).redirectErrorStream(true).start()
def output = new StringBuffer()
def reader = Thread.start {
    run.inputStream.eachLine('UTF-8') { line -> synchronized (output) { output.append(line).append('\n') } }
}
def awaitOutput = { String text, int seconds ->
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
    while (System.nanoTime() < deadline) {
        synchronized (output) { if (output.indexOf(text) >= 0) return }
        assert run.isAlive() : "mvn tomcat-cluster:run ended:\n${output}"
        Thread.sleep(200)
    }
    assert false : "no '${text}' within ${seconds} s:\n${output}"
}
def get = { String url, String cookie ->
    def connection = new URL(url).openConnection()
    if (cookie) connection.setRequestProperty('Cookie', cookie)
    assert connection.responseCode == 200
    connection.inputStream.text
    connection.getHeaderField('Set-Cookie')?.split(';')?.getAt(0) ?: cookie
}
try {
    awaitOutput('Press Ctrl-C to stop it.', 300)
    def urls = (output =~ /node\d (http:\/\/127\.0\.0\.1:\d+\/basket\/)/).collect { it[1] }.unique()
    assert urls.size() == 2 : output
    def cookie = get(urls[0] + 'basket', null)
    get(urls[1] + 'basket', cookie)
    // printed while the cluster runs, not only at the end
    awaitOutput('[changed-in-place] attribute "basket" after GET /basket on node2', 30)
    run.destroy() // SIGTERM: Maven's shutdown, as on Ctrl-C
    assert run.waitFor(90, TimeUnit.SECONDS) : "mvn tomcat-cluster:run did not end:\n${output}"
} finally {
    run.destroyForcibly()
    reader.join(10000)
}
def report = new File(basedir, 'target/tomcat-cluster/replication-report.txt')
assert report.isFile() : output
assert report.text.contains('[changed-in-place] attribute "basket"') : report.text
def runDir = new File(basedir, 'target/tomcat-cluster/run/nodes').canonicalPath
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
assert !commandLines().any { it.contains(runDir) } : 'a node still runs after tomcat-cluster:run ended'
return true
