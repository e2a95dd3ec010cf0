import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

File war = new File(basedir, 'target/fragment.war')
byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes

// <web-fragment> where <web-app> belongs: the build fails with one message that names the file
// (a line:column after it is allowed but not required) and mentions the root element.
def location = ~/target[\/\\]fragment\.war!\/WEB-INF\/web\.xml(:\d+:\d+)?: /
assert rawLogLines().any { it.startsWith('[ERROR]') && location.matcher(it).find() && it.contains('root element') } :
        'build.log has no [ERROR] line naming target/fragment.war!/WEB-INF/web.xml and mentioning "root element"'

assertSameBytes(source, entryBytes(war, 'WEB-INF/web.xml'), 'fragment.war!/WEB-INF/web.xml is not the source web.xml')
assert !logLines().any { it.startsWith('Added <distributable/>') }
