import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

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
