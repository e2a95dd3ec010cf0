// A <serverXml> that does not exist: one error that says to leave it out, or the Maven command that fetches the
// conf/server.xml of the line's Tomcat (9.0.117 here) and where to copy it; nothing is written.
def log = new File(basedir, 'build.log').text
assert log.contains('on project cluster-config-server-xml-missing: <serverXml> src/main/tomcat/server.xml does not '
        + 'exist. Leave <serverXml> out to get the <Cluster> alone (cluster.xml, or nodes/<name>/cluster.xml per node, '
        + 'to paste inside <Engine> of conf/server.xml), or put the conf/server.xml of your Tomcat 9.0 there, e.g. the '
        + 'one of Tomcat 9.0.117 from Maven Central: mvn org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack '
        + "-Dartifact=org.apache.tomcat:tomcat:9.0.117:tar.gz '-Dmdep.unpack.includes=*/conf/server.xml' "
        + '-DoutputDirectory=target/tomcat-dist, then copy target/tomcat-dist/apache-tomcat-9.0.117/conf/server.xml to '
        + 'src/main/tomcat/server.xml') : log
// once in the log (the invoker's -e adds the stack traces, which are not log lines)
assert log.readLines().findAll { it.startsWith('[') && it.contains('does not exist.') }.size() == 1 :
        'said once, not logged and then thrown'
assert !new File(basedir, 'target/tomcat-cluster').exists() : 'nothing written'
return true
