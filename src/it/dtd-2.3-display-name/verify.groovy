import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
byte[] packaged = entryBytes(new File(basedir, 'target/legacy.war'), 'WEB-INF/web.xml')

// DTD order is icon?, display-name?, description?, distributable?: after the description, tab-indented.
assertOneLineAdded(source, packaged, indexAfter(source, '</description>'), '\t<distributable/>', 'legacy.war!/WEB-INF/web.xml')
assert new String(packaged, 'UTF-8').contains('<!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN" "http://java.sun.com/dtd/web-app_2_3.dtd">')

assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 2.3)')
