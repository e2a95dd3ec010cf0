// The README's quick start on an archetype webapp with the jakarta (Tomcat 10.1) Servlet API works as the README says
// (src/it/lib/readme-quick-start.groovy): the log, the WAR, the cluster files, two Tomcat 10.1.59 nodes.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
evaluate(new File(basedir, '../../../src/it/lib/readme-quick-start.groovy'))
assertQuickStartWorked('10.1', '10.1.59')
return true
