// A DOCTYPE with an external DTD: one clear error (file, line, column, what to change), said once, no finding
// logged, nothing fetched (the host does not resolve; a fetch would fail with UnknownHostException), nothing written.
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
String message = 'node1/conf/server.xml:2:63: its DOCTYPE names the external DTD "http://tomcat.invalid/dtd/server.dtd", which Tomcat\'s parser would fetch at every start; the checker reads nothing from the network or other files: remove the DOCTYPE (Tomcat\'s own server.xml has none)'
assert log.contains(':check-server-xml (default-cli) on project check-server-xml-external-dtd: ' + message) : log
List<String> lines = log.readLines()
assert lines.count { it.startsWith('[') && it.contains(message) } == 1 : 'the error is said more than once (logged, then thrown)'
assert !log.contains('UnknownHostException') : 'something tried to reach tomcat.invalid'
assert !lines.any { it.startsWith('[WARNING] node1') } : 'findings of a file that was not read'
assert !new File(basedir, 'target').exists() : 'something was written'
