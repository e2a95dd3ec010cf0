// A Maven build that a verify.groovy starts itself, as a user starts one in a terminal, for the integration tests of
// what happens while a build runs (a problem printed as it happens, Ctrl-C, a killed build). Load it with
//   evaluate(new File(basedir, '../../../src/it/lib/maven-builds.groovy'))
// This folder has no pom.xml, so the invoker does not run it.
import java.util.concurrent.TimeUnit

// Starts 'mvn -B -ntp arguments…' of the invoker's Maven, on the invoker's local repository, in this test's folder;
// its output (stdout and stderr) is collected while it runs. Returns [process: …, output: a StringBuffer, reader: …].
startBuild = { List arguments ->
    def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
    def process = new ProcessBuilder(([mvn, '-B', '-ntp', "-Dmaven.repo.local=${localRepositoryPath}"] + arguments)
            *.toString()).directory(basedir).redirectErrorStream(true).start()
    def output = new StringBuffer()
    def reader = Thread.start {
        process.inputStream.eachLine('UTF-8') { line -> synchronized (output) { output.append(line).append('\n') } }
    }
    [process: process, output: output, reader: reader]
}

// Waits until the build has logged 'text'; fails, with the output so far, if the build ends without logging it or
// 'seconds' pass.
awaitOutput = { Map build, String text, int seconds ->
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
    while (build.output.indexOf(text) < 0) {
        if (!build.process.isAlive()) {
            build.reader.join(10000) // the last lines may still be on their way
            assert build.output.indexOf(text) >= 0 : "the build ended without logging '${text}':\n${build.output}"
            return
        }
        assert System.nanoTime() < deadline : "the build did not log '${text}' within ${seconds} s:\n${build.output}"
        Thread.sleep(200)
    }
}

// For a finally block: the build's process ended (killed if it still runs) and its output read to the end.
endBuild = { Map build ->
    build.process.destroyForcibly()
    build.reader.join(10000)
}
