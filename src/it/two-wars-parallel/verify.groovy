import java.util.zip.ZipFile

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

['a': ['</display-name>', '    <distributable/>'],
 'b': ['</description>', '  <distributable/>']].each { String module, List expectation ->
    byte[] source = new File(basedir, "${module}/src/main/webapp/WEB-INF/web.xml").bytes
    byte[] packaged = entryBytes(new File(basedir, "${module}/target/${module}.war"), 'WEB-INF/web.xml')
    assertOneLineAdded(source, packaged, indexAfter(source, expectation[0]), expectation[1], "${module}.war!/WEB-INF/web.xml")
}

List<String> log = logLines()
assert log.count { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet ') } == 2 :
        'expected one "Added <distributable/>" line per module'
assert log.any { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 6.0)') }
assert log.any { it.startsWith('Added <distributable/> to WEB-INF/web.xml (Servlet 4.0)') }
// Every other plugin in this build is thread-safe, so a parallel-build warning can only be about ours.
assert !log.any { it =~ /(?i)thread.?safe/ } : 'Maven warned about a goal that is not marked thread-safe'
