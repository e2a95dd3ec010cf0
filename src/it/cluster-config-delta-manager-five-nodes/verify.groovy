def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] <manager> is DeltaManager for 5 nodes (<nodes>): it sends every session change to '
        + 'every other node, so each change costs 4 messages and every node holds every session; Tomcat advises it '
        + 'for small clusters (up to about 4 nodes); set <manager>BackupManager</manager>, which copies each session '
        + 'to one backup node\n')
assert log.count('is DeltaManager for') == 1
// a warning, not an error: the five nodes' files are written
(1..5).each { assert new File(basedir, "target/tomcat-cluster/nodes/node${it}/cluster.xml").isFile() }
true
