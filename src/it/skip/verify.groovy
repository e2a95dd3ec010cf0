import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes

// -Dtomcat-cluster.skip=true: nothing is touched.
assertSameBytes(source, entryBytes(new File(basedir, 'target/skipped.war'), 'WEB-INF/web.xml'), 'skipped.war!/WEB-INF/web.xml was changed')
assertSameBytes(source, new File(basedir, 'target/skipped/WEB-INF/web.xml').bytes, 'the exploded web.xml was changed')

List<String> log = logLines()
String expected = 'Skipping tomcat-cluster:distributable (tomcat-cluster.skip is true): target/skipped.war is left as ' +
        'war:war built it, not distributable'
assert log.contains(expected) : "build.log has no line\n${expected}"
assert !log.any { it.startsWith('Added <distributable/>') }
