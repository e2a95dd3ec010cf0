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

File war = new File(basedir, 'target/shop.war')
File before = new File(basedir, 'target/before.war')   // copied by maven-antrun-plugin right after war:war
byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
byte[] packaged = entryBytes(war, 'WEB-INF/web.xml')

// display-name and description lead the root: the line goes right after the description.
assertOneLineAdded(source, packaged, indexAfter(source, '</description>'), '    <distributable/>', 'shop.war!/WEB-INF/web.xml')

assertSameBytes(source, entryBytes(before, 'WEB-INF/web.xml'), 'test setup: war:war should have packaged the source web.xml as is')

// Every other entry is untouched: same names in the same order, same data, same timestamps.
List<Map> beforeEntries = entryInfo(before), afterEntries = entryInfo(war)
assert afterEntries*.name == beforeEntries*.name : "entry names/order changed: ${beforeEntries*.name} -> ${afterEntries*.name}"
assert beforeEntries*.name.containsAll(['WEB-INF/classes/example/HelloServlet.class', 'index.html']) : 'test setup: expected a class and a static file'
[beforeEntries, afterEntries].transpose().each { Map b, Map a ->
    if (b.name != 'WEB-INF/web.xml') {
        assert a == b : "entry ${b.name} changed: before ${b}, after ${a}"
    }
}

assert logLines().any { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 6.0)') } :
        'build.log has no line starting with "Added <distributable/> to WEB-INF/web.xml (Servlet 6.0)"'
