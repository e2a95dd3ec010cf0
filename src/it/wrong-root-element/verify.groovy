import java.util.zip.ZipFile

// ---- helpers (deliberately duplicated in each verify.groovy of src/it) ----
byte[] entryBytes(File war, String name) {
    assert war.isFile() : "missing ${war}"
    new ZipFile(war).withCloseable { zip ->
        def entry = zip.getEntry(name)
        assert entry != null : "${war.name} has no ${name}"
        zip.getInputStream(entry).bytes
    }
}
// Byte-for-byte comparison that reports only 'what' (not two byte dumps) when it fails.
void assertSameBytes(byte[] expected, byte[] actual, String what) {
    boolean same = Arrays.equals(expected, actual)
    assert same : what
}
List<String> rawLogLines() { new File(basedir, 'build.log').readLines()*.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '') }
List<String> logLines() { rawLogLines()*.replaceFirst(/^\[[A-Z]+\] /, '') }
// ---------------------------------------------------------------------------

File war = new File(basedir, 'target/fragment.war')
byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes

// <web-fragment> where <web-app> belongs: the build fails with one message that names the file
// (a line:column after it is allowed but not required) and mentions the root element.
def location = ~/target[\/\\]fragment\.war!\/WEB-INF\/web\.xml(:\d+:\d+)?: /
assert rawLogLines().any { it.startsWith('[ERROR]') && location.matcher(it).find() && it.contains('root element') } :
        'build.log has no [ERROR] line naming target/fragment.war!/WEB-INF/web.xml and mentioning "root element"'

assertSameBytes(source, entryBytes(war, 'WEB-INF/web.xml'), 'fragment.war!/WEB-INF/web.xml is not the source web.xml')
assert !logLines().any { it.startsWith('Added <distributable/>') }
