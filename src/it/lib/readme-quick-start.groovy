// The README's quick start, read from README.md between its <!-- quick-start:NAME --> markers, for the
// readme-quick-start-* integration tests: their prebuild.groovy pastes the blocks into the archetype webapp as the
// README says, their verify.groovy checks the log the README shows. Load it with
//   evaluate(new File(basedir, '../../../src/it/lib/readme-quick-start.groovy'))
// This folder has no pom.xml, so the invoker does not run it.
import java.util.regex.Pattern

readmeFile = new File(basedir, '../../../README.md')

// The text of the code block between <!-- quick-start:name --> and <!-- /quick-start:name -->.
quickStart = { String name ->
    def readme = readmeFile.getText('UTF-8')
    def matcher = readme =~ /(?s)<!-- quick-start:${name} -->\n```[a-z]*\n(.*?)```\n<!-- \/quick-start:${name} -->/
    assert matcher.find() : "README.md has no block between <!-- quick-start:${name} --> and <!-- /quick-start:${name} -->"
    matcher.group(1)
}

// The archetype's pom.xml with the plugin block after </pluginManagement> and the Servlet API block (javax or
// jakarta) inside <dependencies>, where the README says to paste them; refuses a README whose plugin version is
// not the version under test.
pasteQuickStart = { String api ->
    def pluginBlock = quickStart('pom')
    def version = (new File(basedir, '../../../pom.xml').getText('UTF-8') =~
            /<artifactId>tomcat-cluster-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
    assert pluginBlock.contains("<version>${version}</version>") :
            "the README's quick start names another plugin version than ${version}"
    def pom = new File(basedir, 'pom.xml')
    def text = pom.getText('UTF-8')
    assert text.count('    </pluginManagement>\n') == 1 && text.count('  </dependencies>') == 1 &&
            !text.contains('<plugins>\n    <plugin>\n      <groupId>io.github') : 'not the archetype pom.xml'
    text = text.replace('    </pluginManagement>\n', '    </pluginManagement>\n' + pluginBlock)
    text = text.replace('  </dependencies>', quickStart(api) + '  </dependencies>')
    pom.write(text, 'UTF-8')
}

// The README's commands, and the invoker goals of this test: the same, with the interactive run (which waits for
// Ctrl-C) replaced by start and stop in one build. Nobody uses the archetype webapp in between, so the report proves
// nothing: run says so at Ctrl-C, and stop, which fails a build on it, is told to only warn, as run does.
assertCommandsAreTheReadmes = { ->
    def commands = quickStart('commands').readLines()
    assert commands == ['mvn package', 'mvn package tomcat-cluster:run'] : "the README's commands changed: ${commands}"
    def invoker = new Properties()
    new File(basedir, 'invoker.properties').withReader { invoker.load(it) }
    assert invoker.getProperty('invoker.goals.1') == commands[0] - 'mvn '
    assert invoker.getProperty('invoker.goals.2') ==
            (commands[1] - 'mvn ').replace('tomcat-cluster:run', 'tomcat-cluster:start tomcat-cluster:stop') +
            ' -Dtomcat-cluster.failOnNothingProven=false'
}

// Each line of the README's sample log, in order, in build.log: numbers (times, the Tomcat line) may differ, and
// Maven 3.9 names the plugin by its prefix in the execution lines.
assertReadmeLogLines = { List<String> log ->
    int at = 0
    quickStart('log').readLines().each { line ->
        def pattern = new StringBuilder()
        def variable = line =~ /(\d+)|(tomcat-cluster-maven-plugin:)/
        int last = 0
        while (variable.find()) {
            pattern << Pattern.quote(line.substring(last, variable.start()))
            pattern << (variable.group(1) != null ? '\\d+' : 'tomcat-cluster(?:-maven-plugin)?:')
            last = variable.end()
        }
        pattern << Pattern.quote(line.substring(last))
        int found = -1
        for (int i = at; i < log.size() && found < 0; i++) {
            if (log[i] ==~ pattern.toString()) {
                found = i
            }
        }
        assert found >= 0 : "the README's log line is not in build.log (after line ${at}): ${line}"
        at = found + 1
    }
}

// What the README promises of its quick start on an archetype webapp with the Servlet API of Tomcat 'line': mvn
// package logs what the README shows, the WAR's web.xml has one more line, each node has its <Cluster>; then two
// nodes of 'release' serve the WAR, and stop leaves none running. Needs war-checks.groovy loaded too.
assertQuickStartWorked = { String line, String release ->
    def raw = rawLogLines()
    def log = raw.join('\n')
    assertReadmeLogLines(raw)
    String wrote = '[INFO] Wrote the Tomcat ' + line + ' cluster configuration (DeltaManager, static membership, ' +
            '2 nodes) to target/tomcat-cluster: 3 files, see target/tomcat-cluster/INSTALL.md'
    assert raw.contains(wrote) : log

    // the packaged web.xml is the archetype's plus <distributable/> after <display-name>, as the README's diff shows
    def source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
    def packaged = entryBytes(new File(basedir, 'target/shop.war'), 'WEB-INF/web.xml')
    assertOneLineAdded(source, packaged, indexAfter(source, '<display-name>'), '  <distributable/>', 'WEB-INF/web.xml')
    assert readmeFile.getText('UTF-8').contains('\n6a7\n>   <distributable/>\n') : "the README's diff is not this one"

    def out = new File(basedir, 'target/tomcat-cluster')
    ['nodes/node1/cluster.xml', 'nodes/node2/cluster.xml', 'INSTALL.md'].each { assert new File(out, it).isFile() : it }
    assert !new File(out, 'nodes/node1/server.xml').exists() : 'no serverXml, no server.xml'
    def node2 = new File(out, 'nodes/node2/cluster.xml').text
    assert node2.contains('port="4001"') && node2.contains('StaticMembershipService') : node2
    assert new File(out, 'INSTALL.md').text.contains("For Tomcat ${line}: any ${line}.x release")

    // the second build: the nodes run the line's tested release, found from the Servlet API dependency
    def serve = '[INFO] 2 Tomcat ' + release + ' nodes serve target/shop.war in '
    assert raw.any { it.startsWith(serve) } : log
    assert raw.any { it.startsWith('[WARNING] Replication report target/tomcat-cluster/replication-report.txt: 2 nodes, ') &&
            it.contains('Nothing was proven: no request stored an attribute in a session.') } : log
    assert log.count('BUILD SUCCESS') == 2 : log
    assert nodesRunning().isEmpty() : 'a node still runs'
}
