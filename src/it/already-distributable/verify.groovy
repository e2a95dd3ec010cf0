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
