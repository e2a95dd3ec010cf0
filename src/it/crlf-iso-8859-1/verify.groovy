import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

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

assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 3.1)')
