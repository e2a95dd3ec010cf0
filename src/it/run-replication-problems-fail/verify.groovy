// A webapp whose sessions do not replicate, in four ways: stop fails the build and names each attribute with the
// request after which it appeared, the node, the cause and the fix, in the log and in both reports.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = logLines()
def log = lines.join('\n')
def problem = { String start -> lines.find { it.startsWith(start) } }

// the library in WEB-INF/lib stored it, and swallowed Tomcat's exception
assert problem('[refused] attribute "user" after POST /login on node1: setAttribute refused '
        + '(framework.UserContext is not Serializable). Fix: ') : log
// the second item was added to the stored cart, on node2, without setAttribute
assert problem('[changed-in-place] attribute "cart" after GET /cart/add?item=pear on node1: changed in place '
        + '(shop.Cart). Fix: DeltaManager and BackupManager replicate an attribute only when setAttribute is called') : log
// Serializable itself, but not a field of it; the path names the field
assert problem('[not-serializable] attribute "account" after GET /account on node2: not Serializable '
        + '(shop.AuditTrail at account.audit). Fix: ') || problem('[not-serializable] attribute "principal" after '
        + 'GET /account on node2: not Serializable (shop.AuditTrail at principal.audit). Fix: ') : log
assert problem('[shared-object] attribute "principal" after GET /account on node2: one object under two names '
        + '(also under "account": one shop.Account). Fix: ') || problem('[shared-object] attribute "account" after '
        + 'GET /account on node2: one object under two names (also under "principal": one shop.Account). Fix: ') : log
assert log =~ /Failed to execute goal io\.github\.clusterready:tomcat-cluster-maven-plugin:[^ ]+:stop \(default\) on project shop: Replication report target\/tomcat-cluster\/replication-report\.txt: 2 nodes, \d+ requests with a session \(HTTP 200: \d+\), \d+ sessions?, \d+ attributes, .*, 5 problems\. Not proven: 5 problems to fix \(above\)\./
assert log.contains('Set tomcat-cluster.failOnReplicationProblem to false to only warn, or list a known problem in <acceptedProblems>')
assert log.contains('BUILD FAILURE')

def report = new File(basedir, 'shop/target/tomcat-cluster/replication-report.txt').text
assert report.contains('[refused] attribute "user"') && report.contains('[changed-in-place] attribute "cart"') : report
def junit = new File(basedir, 'shop/target/tomcat-cluster/TEST-tomcat-cluster-replication.xml').text
assert junit.contains('classname="tomcat-cluster.replication.refused" name="refused: attribute &quot;user&quot;"') : junit
assert !junit.contains('failures="0"') : junit

assert nodesRunning('shop').isEmpty()
return true
