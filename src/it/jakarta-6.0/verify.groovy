import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

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

assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 6.0)')
