import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
byte[] packaged = entryBytes(new File(basedir, 'target/commented.war'), 'WEB-INF/web.xml')

// "<!-- <distributable/> -->" and the CDATA text in the description are not elements: the real one is added.
assertOneLineAdded(source, packaged, indexAfter(source, '</display-name>'), '    <distributable/>', 'commented.war!/WEB-INF/web.xml')

List<String> log = logLines()
assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 6.1)')
assert !log.any { it.contains('is already distributable') } : 'a commented-out <distributable/> was taken for a real one'
