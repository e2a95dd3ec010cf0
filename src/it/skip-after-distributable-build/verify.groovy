evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
assert !new String(source, 'UTF-8').contains('<distributable/>') : 'test setup: the source web.xml is distributable'

// What the user gets: war:war packed the exploded web.xml of the first build, so the WAR is distributable anyway.
byte[] packaged = entryBytes(new File(basedir, 'target/skipped.war'), 'WEB-INF/web.xml')
assertOneLineAdded(source, packaged, indexAfter(source, '</display-name>'), '    <distributable/>', 'skipped.war!/WEB-INF/web.xml')

// build.log holds the last build only: the one with -Dtomcat-cluster.skip=true.
String expected = 'Skipping tomcat-cluster:distributable (tomcat-cluster.skip is true), but target/skipped.war is ' +
        'distributable anyway: war:war packaged target/skipped/WEB-INF/web.xml, which an earlier build made ' +
        'distributable; build with clean'
List<String> log = logLines()
assert log.contains(expected) : "build.log has no line\n${expected}\nbut:\n" + log.findAll { it.contains('Skipping') }.join('\n')
assert rawLogLines().any { it.startsWith('[WARNING] Skipping tomcat-cluster:distributable') } : 'the skip line is no warning'
