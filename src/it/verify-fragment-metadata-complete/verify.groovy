import java.util.zip.ZipFile

// The non-distributable fragment "foo" is in the WAR, but web.xml is metadata-complete: Tomcat merges no
// fragment, so distributable does not warn and verify passes.
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

// test setup: the WAR really carries the library and its fragment
File war = new File(basedir, 'webapp/target/shop.war')
assert war.isFile() : "missing ${war}"
new ZipFile(war).withCloseable { zip ->
    assert zip.getEntry('WEB-INF/lib/verify-fragment-metadata-complete-foo-lib-1.0.jar') != null :
            'shop.war has no WEB-INF/lib/verify-fragment-metadata-complete-foo-lib-1.0.jar'
}

assert lines.any { it.startsWith('[INFO] WAR target/shop.war is distributable: web.xml + no fragments (metadata-complete) checked; sessions: ') } :
        'build.log has no "[INFO] WAR target/shop.war is distributable: web.xml + no fragments (metadata-complete) checked" line'
assert !log.contains('so Tomcat will still not replicate') : 'the distributable goal warned about a fragment Tomcat does not merge'
assert !log.contains('will not replicate sessions in Tomcat') : 'verify reported a problem'
assert log.contains('BUILD SUCCESS') : 'the build did not succeed'
