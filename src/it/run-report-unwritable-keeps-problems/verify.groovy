// The report cannot be written (where replication-report.txt goes stands a directory): the problem the probe found
// still reaches the build log, with the summary, and the build fails saying why the report is missing.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def raw = rawLogLines()
def log = raw.join('\n')
assert raw.any { it.startsWith('[WARNING] [changed-in-place] attribute "basket" after GET /basket on node2') } : log
// the failure says the report was not written, and why, beside what the run found
assert raw.any { it ==~ /\[ERROR\] Failed to execute goal io\.github\.clusterready:tomcat-cluster-maven-plugin:[^ ]+:stop \(default\) on project run-report-unwritable: Replication report \(not written: java\.nio\.file\.\w+Exception: .*replication-report\.txt.*\): 2 nodes, .*, 1 problem\. Not proven: 1 problem to fix \(above\)\..*/ } : log
assert new File(basedir, 'target/tomcat-cluster/replication-report.txt').isDirectory()
assert nodesRunning().isEmpty()
return true
