import java.util.zip.ZipFile

// web.xml's <absolute-ordering> names only "bar" (distributable): Tomcat leaves the non-distributable fragment
// "foo" out, so distributable does not warn and verify passes, having checked exactly one fragment.
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

// test setup: the WAR really carries both libraries
File war = new File(basedir, 'webapp/target/shop.war')
assert war.isFile() : "missing ${war}"
new ZipFile(war).withCloseable { zip ->
    ['foo', 'bar'].each { lib ->
        String jar = "WEB-INF/lib/verify-fragment-absolute-ordering-${lib}-lib-1.0.jar"
        assert zip.getEntry(jar) != null : "shop.war has no ${jar}"
    }
}

assert lines.any { it.startsWith('[INFO] WAR target/shop.war is distributable: web.xml + 1 fragment checked; sessions: ') } :
        'build.log has no "[INFO] WAR target/shop.war is distributable: web.xml + 1 fragment checked" line'
assert !log.contains('so Tomcat will still not replicate') : 'the distributable goal warned about a fragment Tomcat does not merge'
assert !log.contains('will not replicate sessions in Tomcat') : 'verify reported a problem'
assert log.contains('BUILD SUCCESS') : 'the build did not succeed'
