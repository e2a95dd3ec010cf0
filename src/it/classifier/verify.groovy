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
// One char per byte, split after each LF: every line keeps its own separator (LF or CRLF).
List<String> linesOf(byte[] bytes) { new String(bytes, 'ISO-8859-1').split('(?<=\n)') as List }
String show(String s) { s == null ? '<none>' : s.replace('\r', '\\r').replace('\n', '\\n') }
int indexAfter(byte[] source, String marker) {
    int i = linesOf(source).findIndexOf { it.contains(marker) }
    assert i >= 0 : "test setup: no line containing '${marker}' in the source web.xml"
    i + 1
}
// actual must be source plus exactly one line (text + the source's line separator) at index 'at'.
void assertOneLineAdded(byte[] source, byte[] actual, int at, String text, String what) {
    List<String> src = linesOf(source), out = linesOf(actual)
    String eol = src[0].endsWith('\r\n') ? '\r\n' : '\n'
    List<String> expected = src.take(at) + [text + eol] + src.drop(at)
    int i = 0
    while (i < expected.size() && i < out.size() && expected[i] == out[i]) i++
    boolean same = out == expected
    assert same : "${what}: first difference at line ${i + 1}: expected '${show(expected[i])}'" +
            " but found '${show(out[i])}' (${expected.size()} lines expected, ${out.size()} found)"
}
List<String> rawLogLines() { new File(basedir, 'build.log').readLines()*.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '') }
List<String> logLines() { rawLogLines()*.replaceFirst(/^\[[A-Z]+\] /, '') }
// Everything ZipFile tells about an entry that would change if its bytes were rewritten.
List<Map> entryInfo(File war) {
    new ZipFile(war).withCloseable { zip ->
        zip.entries().toList().collect { e ->
            [name: e.name, method: e.method, crc: e.crc, size: e.size, compressedSize: e.compressedSize,
             time: e.time, extra: e.extra?.encodeHex()?.toString(), comment: e.comment]
        }
    }
}
// ---------------------------------------------------------------------------

File mainWar = new File(basedir, 'target/classified.war')
File clusterWar = new File(basedir, 'target/classified-cluster.war')
byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes

// The main WAR is left alone ...
assertSameBytes(source, entryBytes(mainWar, 'WEB-INF/web.xml'), 'classified.war (no classifier) was changed')
// ... the classified copy gets the line ...
assertOneLineAdded(source, entryBytes(clusterWar, 'WEB-INF/web.xml'), indexAfter(source, '</display-name>'),
        '    <distributable/>', 'classified-cluster.war!/WEB-INF/web.xml')
// ... and is otherwise a copy of the main WAR.
List<Map> mainEntries = entryInfo(mainWar), clusterEntries = entryInfo(clusterWar)
assert clusterEntries*.name == mainEntries*.name : "entry names/order differ: ${mainEntries*.name} vs ${clusterEntries*.name}"
[mainEntries, clusterEntries].transpose().each { Map m, Map c ->
    if (m.name != 'WEB-INF/web.xml') {
        assert c == m : "entry ${m.name} differs: main ${m}, cluster ${c}"
    }
}

// Attached, so install put it next to the main artifact.
File repoDir = new File("${localRepositoryPath}", 'io/github/clusterready/it/classifier/1.0-SNAPSHOT')
File installedCluster = new File(repoDir, 'classifier-1.0-SNAPSHOT-cluster.war')
File installedMain = new File(repoDir, 'classifier-1.0-SNAPSHOT.war')
assert installedCluster.isFile() : "the -cluster.war was not installed: ${installedCluster}"
assertSameBytes(clusterWar.bytes, installedCluster.bytes, 'the installed -cluster.war is not the one in target/')
assert installedMain.isFile() : "the main WAR was not installed: ${installedMain}"
assertSameBytes(mainWar.bytes, installedMain.bytes, 'the installed main WAR is not the one in target/')

assert logLines().any { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 6.0)') } :
        'build.log has no line starting with "Added <distributable/> to WEB-INF/web.xml (Servlet 6.0)"'
