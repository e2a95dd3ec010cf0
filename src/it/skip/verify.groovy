import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes

// -Dtomcat-cluster.skip=true: nothing is touched.
assertSameBytes(source, entryBytes(new File(basedir, 'target/skipped.war'), 'WEB-INF/web.xml'), 'skipped.war!/WEB-INF/web.xml was changed')
assertSameBytes(source, new File(basedir, 'target/skipped/WEB-INF/web.xml').bytes, 'the exploded web.xml was changed')

List<String> log = logLines()
assert log.any { it.contains('Skipping') } : 'build.log does not mention "Skipping"'
assert !log.any { it.startsWith('Added <distributable/>') }
