evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, logLines, …

// A web.xml in UTF-32 without a byte order mark (XML 1.0 appendix F: 00 00 00 3C) is edited in UTF-32, not read as
// the UTF-8 it is not: one line added after the display-name, every other character the same, still 4 bytes each.
byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
assert source[0..3] == [0, 0, 0, 0x3C] as List<Byte> : 'test setup: the source web.xml must be UTF-32BE without a BOM'
byte[] packaged = entryBytes(new File(basedir, 'target/utf32.war'), 'WEB-INF/web.xml')
String before = new String(source, 'UTF-32BE')
String expected = before.replace('</display-name>\n', '</display-name>\n  <distributable/>\n')
assert expected != before
assert new String(packaged, 'UTF-32BE') == expected
assert packaged == expected.getBytes('UTF-32BE')
assert new String(packaged, 'UTF-32BE').contains('<display-name>Caf\u00e9 \u65e5\u672c</display-name>')

assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 3.1)')
return true
