import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

File war = new File(basedir, 'target/ready.war')
File before = new File(basedir, 'target/before.war')   // copied (with its mtime) by maven-antrun-plugin right after war:war
byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes

assert before.isFile() : 'test setup: maven-antrun-plugin did not copy the WAR'
assertSameBytes(before.bytes, war.bytes, 'ready.war was rewritten although its web.xml already has <distributable>')
assert war.lastModified() == before.lastModified() : "ready.war was touched: mtime ${before.lastModified()} -> ${war.lastModified()}"
assertSameBytes(source, entryBytes(war, 'WEB-INF/web.xml'), 'ready.war!/WEB-INF/web.xml is not the source web.xml')
assertSameBytes(source, new File(basedir, 'target/ready/WEB-INF/web.xml').bytes, 'the exploded web.xml was changed')

List<String> log = logLines()
assert log.any { it.contains('is already distributable') } : 'build.log has no line containing "is already distributable"'
assert !log.any { it.startsWith('Added <distributable/>') } : 'build.log claims a <distributable/> was added'
