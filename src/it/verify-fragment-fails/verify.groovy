import java.util.zip.ZipFile

// foo-lib's web-fragment.xml (fragment "foo") has no <distributable/>: distributable still adds it to web.xml
// but warns; verify fails the build and names the jar, the fragment and the ways out.
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()
String fragment = 'WEB-INF/lib/foo-lib-1.0.jar!/META-INF/web-fragment.xml (fragment "foo") is not distributable'

// test setup: the WAR really carries the library and its fragment
File war = new File(basedir, 'webapp/target/shop.war')
assert war.isFile() : "missing ${war}"
new ZipFile(war).withCloseable { zip -> assert zip.getEntry('WEB-INF/lib/foo-lib-1.0.jar') != null : 'shop.war has no WEB-INF/lib/foo-lib-1.0.jar' }

// the distributable goal's warning
assert lines.any { it.startsWith('[INFO] Added <distributable/> to WEB-INF/web.xml') } : 'the distributable goal did not add <distributable/>'
assert lines.any { it == "[WARNING] ${fragment}, so Tomcat will still not replicate the sessions of target/shop.war; tomcat-cluster:verify explains what to do".toString() } :
        "build.log has no warning \"[WARNING] ${fragment}, so Tomcat will still not replicate the sessions of target/shop.war; ...\""

// the verify goal's failure
assert lines.any { it.startsWith('[ERROR]') && it.contains('WAR target/shop.war will not replicate sessions in Tomcat:') } :
        'build.log has no [ERROR] line with "WAR target/shop.war will not replicate sessions in Tomcat:"'
String reason = lines.find { it.contains("  - ${fragment}, and Tomcat merges it".toString()) }
assert reason != null : "build.log does not list the reason \"  - ${fragment}, and Tomcat merges it ...\""
assert reason.contains('metadata-complete="true"') : "the reason does not suggest metadata-complete: ${reason}"
assert reason.contains('leave "foo" out of an <absolute-ordering>') : "the reason does not suggest <absolute-ordering>: ${reason}"
assert !log.contains('WEB-INF/web.xml has no <distributable/>') : 'verify blames web.xml, which the distributable goal fixed'
assert log.contains('BUILD FAILURE') : 'the build did not fail'
