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
// ---------------------------------------------------------------------------

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
byte[] packaged = entryBytes(new File(basedir, 'target/latin1.war'), 'WEB-INF/web.xml')
List<String> srcLines = linesOf(source)

// Guard against the checkout having converted the test data (see src/it/.gitattributes).
assert srcLines.every { it.endsWith('\r\n') } : 'test setup: the source web.xml must use CRLF on every line'
assert source.any { (it & 0xFF) == 0xE9 } : 'test setup: the source web.xml must be ISO-8859-1 encoded'

// description, display-name and a multi-line icon lead the root: the line goes after </icon>, with CRLF.
int at = indexAfter(source, '</icon>')
assertOneLineAdded(source, packaged, at, '    <distributable/>', 'latin1.war!/WEB-INF/web.xml')
assert linesOf(packaged)[at] == '    <distributable/>\r\n'

// The non-ASCII bytes are still single ISO-8859-1 bytes, not re-encoded (e.g. as UTF-8 0xC3 0xA9).
List<Integer> nonAscii(byte[] b) { b.findAll { (it & 0xFF) >= 0x80 }.collect { it & 0xFF } }
assert nonAscii(packaged) == nonAscii(source) : "non-ASCII bytes changed: ${nonAscii(source)} -> ${nonAscii(packaged)}"
String text = new String(packaged, 'ISO-8859-1')
assert text.contains('<display-name>Caf\u00e9 M\u00fcller</display-name>')
assert text.contains('<param-value>Gr\u00fc\u00df Gott</param-value>')
assert text.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>\r\n')

assert logLines().any { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 3.1)') } :
        'build.log has no line starting with "Added <distributable/> to WEB-INF/web.xml (Servlet 3.1)"'
