// The archetype webapp (maven-archetype-webapp 1.4, as generated: pom.xml, web.xml, index.jsp) gets the README's
// quick-start blocks pasted where the README says, taken from README.md itself so that the README cannot drift
// from what works: the plugin block and the javax (Tomcat 9) Servlet API. The plugin version is the README's, checked
// against the version under test (hence no @project.version@ in this pom.xml).
evaluate(new File(basedir, '../../../src/it/lib/readme-quick-start.groovy'))
assertCommandsAreTheReadmes()
pasteQuickStart('javax')
return true
