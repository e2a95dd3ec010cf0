// -Dtomcat-cluster.failOnError=false: the same reasons as a failure, logged as a warning; the build goes on.
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

int warning = lines.findIndexOf { it == '[WARNING] WAR target/shop.war will not replicate sessions in Tomcat:' }
assert warning >= 0 : 'build.log has no "[WARNING] WAR target/shop.war will not replicate sessions in Tomcat:" line'
assert lines[warning + 1]?.contains('- WEB-INF/web.xml has no <distributable/>: run the tomcat-cluster:distributable goal') :
        "the warning is not followed by the reason \"- WEB-INF/web.xml has no <distributable/>\", but by: ${lines[warning + 1]}"
assert log.contains('(tomcat-cluster.failOnError is false: the build goes on)') :
        'build.log does not say that the build goes on because failOnError is false'
assert !lines.any { it.startsWith('[ERROR]') } : 'build.log has [ERROR] lines'
assert log.contains('BUILD SUCCESS') : 'the build did not succeed'
