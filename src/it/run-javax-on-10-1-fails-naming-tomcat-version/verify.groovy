// A javax (Servlet 4.0) webapp forced onto Tomcat 10.1 with <tomcatVersion>: it cannot deploy, and the error quotes
// the root cause from localhost.<date>.log (not on the console) and names the <tomcatVersion> to set. No Tomcat is
// left running.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
def lines = logLines()
def log = lines.join('\n')
assert lines.contains('Tomcat 10.1.59: <tomcatVersion> is 10.1') : log
assert log.contains('the webapp /run-javax failed to start on node1. The errors in its logs (') : log
assert lines.any { it ==~ /  localhost\.\d{4}-\d{2}-\d{2}\.log: SEVERE .*\[shop\.Startup\].*: java\.lang\.NoClassDefFoundError: javax\/servlet\/ServletContextListener, caused by java\.lang\.ClassNotFoundException: javax\.servlet\.ServletContextListener/ } : log
assert log.contains('The webapp is written for javax.servlet (Servlet 4.0 or older), which Tomcat 10.1 and later do '
        + 'not have (they have jakarta.servlet): set <tomcatVersion>9.0</tomcatVersion>, or migrate the webapp to '
        + 'jakarta.servlet') : log
assert log.contains('BUILD FAILURE')
// the console, which the error used to quote, lacks the cause
def console = new File(basedir, 'target/tomcat-cluster/run/nodes/node1/logs/console.txt').text
assert !console.contains('javax/servlet/ServletContextListener') : console

assert nodesRunning().isEmpty()
return true
