import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

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

assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet ')
