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

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes

// -Dtomcat-cluster.skip=true: nothing is touched.
assertSameBytes(source, entryBytes(new File(basedir, 'target/skipped.war'), 'WEB-INF/web.xml'), 'skipped.war!/WEB-INF/web.xml was changed')
assertSameBytes(source, new File(basedir, 'target/skipped/WEB-INF/web.xml').bytes, 'the exploded web.xml was changed')

List<String> log = logLines()
assert log.any { it.contains('Skipping') } : 'build.log does not mention "Skipping"'
assert !log.any { it.startsWith('Added <distributable/>') }
