import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
byte[] packaged = entryBytes(new File(basedir, 'target/prefixed.war'), 'WEB-INF/web.xml')

// The root is <j2ee:web-app>, so the element must carry the same prefix; 3-space indent like the first child.
assertOneLineAdded(source, packaged, indexAfter(source, '</j2ee:display-name>'), '   <j2ee:distributable/>', 'prefixed.war!/WEB-INF/web.xml')

assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 2.4)')
