// Only verify is bound and web.xml has no <distributable/>: the build fails and says why and what to do.
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

assert lines.any { it.startsWith('[ERROR]') && it.contains('WAR target/shop.war will not replicate sessions in Tomcat:') } :
        'build.log has no [ERROR] line with "WAR target/shop.war will not replicate sessions in Tomcat:"'
assert lines.any { it.contains('  - WEB-INF/web.xml has no <distributable/>: run the tomcat-cluster:distributable goal') } :
        'build.log does not list the reason "  - WEB-INF/web.xml has no <distributable/>: run the tomcat-cluster:distributable goal"'
assert !log.contains('web-fragment.xml') : 'build.log blames a web fragment, but the WAR has none'
assert !log.contains('is distributable: web.xml') : 'build.log says the WAR is distributable'
assert log.contains('BUILD FAILURE') : 'the build did not fail'
