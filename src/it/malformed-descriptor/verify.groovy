import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

File war = new File(basedir, 'target/broken.war')
File before = new File(basedir, 'target/before.war')   // copied by maven-antrun-plugin right after war:war
byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes

// <servlet> (line 7) is never closed. The XML parser notices at the mismatched end tag "</web-app>" on
// line 10 and reports line 10, column 3 (just after "</"); the JDK's SAX, StAX and dom4j's SAXReader agree.
def location = ~/target[\/\\]broken\.war!\/WEB-INF\/web\.xml:10:3: /
List<String> raw = rawLogLines()
assert raw.any { it.startsWith('[ERROR]') && location.matcher(it).find() } :
        'build.log has no [ERROR] line naming target/broken.war!/WEB-INF/web.xml:10:3:'

// The failed goal left everything as war:war wrote it.
assert before.isFile() : 'test setup: maven-antrun-plugin did not copy the WAR'
assertSameBytes(before.bytes, war.bytes, 'broken.war was changed by the failed goal')
assertSameBytes(source, entryBytes(war, 'WEB-INF/web.xml'), 'broken.war!/WEB-INF/web.xml is not the source web.xml')
assertSameBytes(source, new File(basedir, 'target/broken/WEB-INF/web.xml').bytes, 'the exploded web.xml was changed')
assert !logLines().any { it.startsWith('Added <distributable/>') }
