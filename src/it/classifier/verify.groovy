import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

File mainWar = new File(basedir, 'target/classified.war')
File clusterWar = new File(basedir, 'target/classified-cluster.war')
byte[] source = new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes

// The main WAR is left alone ...
assertSameBytes(source, entryBytes(mainWar, 'WEB-INF/web.xml'), 'classified.war (no classifier) was changed')
// ... the classified copy gets the line ...
assertOneLineAdded(source, entryBytes(clusterWar, 'WEB-INF/web.xml'), indexAfter(source, '</display-name>'),
        '    <distributable/>', 'classified-cluster.war!/WEB-INF/web.xml')
// ... and is otherwise a copy of the main WAR.
List<Map> mainEntries = entryInfo(mainWar), clusterEntries = entryInfo(clusterWar)
assert clusterEntries*.name == mainEntries*.name : "entry names/order differ: ${mainEntries*.name} vs ${clusterEntries*.name}"
[mainEntries, clusterEntries].transpose().each { Map m, Map c ->
    if (m.name != 'WEB-INF/web.xml') {
        assert c == m : "entry ${m.name} differs: main ${m}, cluster ${c}"
    }
}

// Attached, so install put it next to the main artifact.
File repoDir = new File("${localRepositoryPath}", 'io/github/clusterready/it/classifier/1.0-SNAPSHOT')
File installedCluster = new File(repoDir, 'classifier-1.0-SNAPSHOT-cluster.war')
File installedMain = new File(repoDir, 'classifier-1.0-SNAPSHOT.war')
assert installedCluster.isFile() : "the -cluster.war was not installed: ${installedCluster}"
assertSameBytes(clusterWar.bytes, installedCluster.bytes, 'the installed -cluster.war is not the one in target/')
assert installedMain.isFile() : "the main WAR was not installed: ${installedMain}"
assertSameBytes(mainWar.bytes, installedMain.bytes, 'the installed main WAR is not the one in target/')

assertLogLineStartsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 6.0)')

// The main build stays as it was: its exploded webapp (which war:war packs again on the next build) is untouched.
assertSameBytes(new File(basedir, 'src/main/webapp/WEB-INF/web.xml').bytes,
        new File(basedir, 'target/classified/WEB-INF/web.xml').bytes,
        'target/classified/WEB-INF/web.xml was changed although a classifier was set')
