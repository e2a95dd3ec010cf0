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

['a': ['</display-name>', '    <distributable/>'],
 'b': ['</description>', '  <distributable/>']].each { String module, List expectation ->
    byte[] source = new File(basedir, "${module}/src/main/webapp/WEB-INF/web.xml").bytes
    byte[] packaged = entryBytes(new File(basedir, "${module}/target/${module}.war"), 'WEB-INF/web.xml')
    assertOneLineAdded(source, packaged, indexAfter(source, expectation[0]), expectation[1], "${module}.war!/WEB-INF/web.xml")
}

List<String> log = logLines()
assert log.count { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet ') } == 2 :
        'expected one "Added <distributable/>" line per module'
assert log.any { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 6.0)') }
assert log.any { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 4.0)') }
// Every other plugin in this build is thread-safe, so a parallel-build warning can only be about ours.
assert !log.any { it =~ /(?i)thread.?safe/ } : 'Maven warned about a goal that is not marked thread-safe'
