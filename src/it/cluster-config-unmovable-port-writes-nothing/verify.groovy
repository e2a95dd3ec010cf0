def log = new File(basedir, 'build.log').text
assert log.contains('on project cluster-config-unmovable-port-writes-nothing: <serverXml> src/main/tomcat/server.xml:4: '
        + 'the <Connector> port "${http.port}" is a property Tomcat resolves when it starts, but node2 shares its host '
        + 'with an earlier node and needs this port moved up by 100: write the port as a number in the base '
        + 'server.xml, or give the nodes different hosts -> [Help 1]')
// one error, and the configuration written before stays as it was: no node's files, not even node1's
assert log.count('[ERROR] Failed to execute goal') == 1
def out = new File(basedir, 'cluster')
assert new File(out, 'INSTALL.md').text == 'the configuration installed last week\n'
assert !new File(out, 'nodes').exists()
true
