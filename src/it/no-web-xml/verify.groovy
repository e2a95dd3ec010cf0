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
List<String> rawLogLines() { new File(basedir, 'build.log').readLines()*.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '') }
List<String> logLines() { rawLogLines()*.replaceFirst(/^\[[A-Z]+\] /, '') }
// ---------------------------------------------------------------------------

File war = new File(basedir, 'target/nowebxml.war')
assert !new File(basedir, 'src/main/webapp/WEB-INF/web.xml').exists() : 'test setup: this case must have no web.xml'
byte[] generated = entryBytes(war, 'WEB-INF/web.xml')

def factory = javax.xml.parsers.DocumentBuilderFactory.newInstance()
factory.namespaceAware = true
def root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(generated)).documentElement
String xml = new String(generated, 'UTF-8')

// javax.servlet-api 4.0.1 -> Servlet 4.0, i.e. the xmlns.jcp.org namespace
assert root.localName == 'web-app' : "root is ${root.tagName}\n${xml}"
assert root.namespaceURI == 'http://xmlns.jcp.org/xml/ns/javaee' : "namespace is ${root.namespaceURI}\n${xml}"
assert root.getAttribute('version') == '4.0' : "version is '${root.getAttribute('version')}'\n${xml}"
assert root.getElementsByTagNameNS('http://xmlns.jcp.org/xml/ns/javaee', 'distributable').length == 1 : "no <distributable/> in\n${xml}"
assert xml.contains('<distributable/>') : "no literal <distributable/> in\n${xml}"
// metadata-complete="true" would switch off the annotation scanning this webapp relies on
assert root.getAttribute('metadata-complete') != 'true' : "generated web.xml is metadata-complete\n${xml}"

assert entryBytes(war, 'index.html').length > 0

assert logLines().any { it.contains('Created a distributable WEB-INF/web.xml (Servlet 4.0)') } :
        'build.log has no line containing "Created a distributable WEB-INF/web.xml (Servlet 4.0)"'
