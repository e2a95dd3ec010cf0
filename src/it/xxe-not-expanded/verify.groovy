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
byte[] packaged = entryBytes(new File(basedir, 'target/xxe.war'), 'WEB-INF/web.xml')
String text = new String(packaged, 'UTF-8')

// Reaching this point at all means nothing was fetched from 127.0.0.1:9 (the DTD and &net;): a
// connection there is refused and would have failed the build.
assertOneLineAdded(source, packaged, indexAfter(source, '</description>'), '    <distributable/>', 'xxe.war!/WEB-INF/web.xml')
assert text.contains('<description>host: &xxe; remote: &net;</description>') : 'entity references were not kept as written'
assert text.contains('<!ENTITY xxe SYSTEM "file:///etc/hostname">')

File hostname = new File('/etc/hostname')
if (hostname.isFile()) {
    String secret = hostname.getText('UTF-8').trim()
    if (secret && !new String(source, 'UTF-8').contains(secret)) {
        assert !text.contains(secret) : 'the content of /etc/hostname ended up in the packaged web.xml'
    }
}

assert logLines().any { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet ') } :
        'build.log has no line starting with "Added <distributable/> to WEB-INF/web.xml (Servlet "'
