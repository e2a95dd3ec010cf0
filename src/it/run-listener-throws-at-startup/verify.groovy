// A listener that throws at startup: the webapp does not deploy, and the error quotes the listener's exception and
// its root cause from localhost.<date>.log, calls it the webapp's own, and leaves no Tomcat running.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = logLines()
def log = lines.join('\n')
assert log.contains('the webapp /run-listener-throws failed to start on node1. The errors in its logs (') : log
assert lines.any { it ==~ /  localhost\.\d{4}-\d{2}-\d{2}\.log: SEVERE .*\[shop\.Boom\]: java\.lang\.IllegalStateException: the shop cannot start, caused by java\.lang\.IllegalArgumentException: shop\.database is not set/ } : log
assert log.contains("The exception above is the webapp's own: fix what throws it (its code or configuration), then "
        + 'run again') : log
assert !log.contains('<tomcatVersion>9.0') : log
assert log.contains('BUILD FAILURE')

assert nodesRunning().isEmpty()
return true
