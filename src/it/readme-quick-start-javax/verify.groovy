// The README's quick start on an archetype webapp with the javax (Tomcat 9) Servlet API works as the README says
// (src/it/lib/readme-quick-start.groovy): the log, the WAR, the cluster files, two Tomcat 9.0.117 nodes.
evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
evaluate(new File(basedir, '../../../src/it/lib/readme-quick-start.groovy'))
assertQuickStartWorked('9.0', '9.0.117')
return true
