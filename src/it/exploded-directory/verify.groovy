import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
byte[] packaged = entryBytes(new File(basedir, 'target/exploded.war'), 'WEB-INF/web.xml')
File explodedFile = new File(basedir, 'target/exploded/WEB-INF/web.xml')   // written by war:war
assert explodedFile.isFile() : "test setup: war:war left no ${explodedFile}"
byte[] exploded = explodedFile.bytes

assertOneLineAdded(source, packaged, indexAfter(source, '</display-name>'), '    <distributable/>', 'exploded.war!/WEB-INF/web.xml')
assertOneLineAdded(source, exploded, indexAfter(source, '</display-name>'), '    <distributable/>', 'target/exploded/WEB-INF/web.xml')
assertSameBytes(packaged, exploded, 'the exploded web.xml differs from the packaged one')
assertSameBytes(new File(basedir, 'src/main/webapp/index.html').bytes, new File(basedir, 'target/exploded/index.html').bytes, 'target/exploded/index.html changed')

assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 5.0)')
