import java.util.zip.ZipFile

// distributable (package phase) adds <distributable/>; verify (verify phase) then finds the WAR distributable.
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

int added = lines.findIndexOf { it.contains('Added <distributable/> to WEB-INF/web.xml (Servlet 6.0) in target/shop.war') }
assert added >= 0 : 'build.log has no "Added <distributable/> to WEB-INF/web.xml (Servlet 6.0) in target/shop.war" line'

// one info line for both checks: distributability, then the session analysis's counts
int verified = lines.findIndexOf { it ==~ /\[INFO\] WAR target\/shop\.war is distributable: web\.xml \+ 0 fragments checked; sessions: \d+ classes, \d+ setAttribute\/putValue calls, 0 risks, .* in \d+ ms/ }
assert verified >= 0 : 'build.log has no "[INFO] WAR target/shop.war is distributable: web.xml + 0 fragments checked; sessions: …" line'
assert !log.contains('[INFO] Session check of') : 'verify logs a second info line'
assert added < verified : 'tomcat-cluster:verify ran before tomcat-cluster:distributable'

assert !log.contains('will not replicate sessions') : 'build.log says the WAR will not replicate sessions'
assert log.contains('BUILD SUCCESS') : 'the build did not succeed'

String webXml = new ZipFile(new File(basedir, 'target/shop.war')).withCloseable { zip ->
    zip.getInputStream(zip.getEntry('WEB-INF/web.xml')).getText('UTF-8')
}
assert webXml.contains('<distributable/>') : 'target/shop.war!/WEB-INF/web.xml has no <distributable/>'
