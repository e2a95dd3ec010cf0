import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
byte[] packaged = entryBytes(new File(basedir, 'target/inventory.war'), 'WEB-INF/web.xml')

// No icon/display-name/description: the line goes right after the (multi-line) root start tag,
// indented like the first child (two spaces).
assertOneLineAdded(source, packaged, indexAfter(source, 'version="4.0">'), '  <distributable/>', 'inventory.war!/WEB-INF/web.xml')

assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 4.0)')
