evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

byte[] own = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
byte[] other = new File(basedir, 'other/WEB-INF/web.xml').bytes

// The WAR that <warFile> names gets <distributable/> …
assertOneLineAdded(other, entryBytes(new File(basedir, 'target/other.war'), 'WEB-INF/web.xml'),
        indexAfter(other, '</display-name>'), '    <distributable/>', 'other.war!/WEB-INF/web.xml')
assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 5.0) in target/other.war')

// … and this project's exploded webapp keeps its own descriptor (it used to be edited too, or, without one, given
// the other WAR's), as does this project's WAR.
File exploded = new File(basedir, 'target/shop/WEB-INF/web.xml')
assert exploded.isFile() : "test setup: war:war left no ${exploded}"
assertSameBytes(own, exploded.bytes, 'target/shop/WEB-INF/web.xml is no longer this project\'s web.xml')
assertSameBytes(own, entryBytes(new File(basedir, 'target/shop.war'), 'WEB-INF/web.xml'), 'shop.war!/WEB-INF/web.xml changed')
