evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes
File war = new File(basedir, 'target/shop-1.0-SNAPSHOT.war')   // <warName>, not <finalName>.war
assert !new File(basedir, 'target/named.war').exists() : 'test setup: war:war wrote target/named.war'

assertOneLineAdded(source, entryBytes(war, 'WEB-INF/web.xml'), indexAfter(source, '</display-name>'),
        '    <distributable/>', 'shop-1.0-SNAPSHOT.war!/WEB-INF/web.xml')

List<String> log = logLines()
assert log.any { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 4.0) in target/shop-1.0-SNAPSHOT.war in ') } :
        'build.log has no line "Added <distributable/> … in target/shop-1.0-SNAPSHOT.war"'
assert log.any { it.startsWith('WAR target/shop-1.0-SNAPSHOT.war is distributable: ') } :
        'build.log has no line "WAR target/shop-1.0-SNAPSHOT.war is distributable: …" (verify)'
