// verify is pointed at broken.war, a few bytes of text: the build fails with one message naming the file.
String log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '')
List<String> lines = log.readLines()

// The explanation is in Maven's own "[ERROR] Failed to execute goal ..." line, not only in a stack trace.
String failed = lines.find { it.startsWith('[ERROR] Failed to execute goal') && it.contains(':verify (verify)') }
assert failed != null : 'build.log has no "[ERROR] Failed to execute goal ...:verify (verify)" line'
assert failed.contains('broken.war is not a readable WAR (ZIP) file') :
        "the failure does not say \"broken.war is not a readable WAR (ZIP) file\": ${failed}"
assert log.contains('BUILD FAILURE') : 'the build did not fail'
assert new File(basedir, 'broken.war').text.startsWith('This is not a WAR file') : 'broken.war was changed'
