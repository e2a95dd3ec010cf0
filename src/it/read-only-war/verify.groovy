import java.nio.file.Files

evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

File war = new File(basedir, 'target/shop.war')
File before = new File(basedir, 'target/before.war')   // copied by maven-antrun-plugin right after war:war, then chmod 444

// The failure is Maven's own "[ERROR] Failed to execute goal ..." line, naming the WAR, its mode and what to do.
String expected = 'target/shop.war is read-only (r--r--r--), so it was left as it is; make it writable ' +
        '(chmod u+w target/shop.war) before this goal runs'
List<String> raw = rawLogLines()
assert raw.any { it.startsWith('[ERROR] Failed to execute goal') && it.contains(':distributable') && it.contains(': ' + expected) } :
        "build.log has no [ERROR] Failed to execute goal line with: ${expected}"

// Every byte and the mode are as they were: the plugin neither rewrote the WAR nor made it writable.
assert before.isFile() : 'test setup: maven-antrun-plugin did not copy the WAR'
assertSameBytes(before.bytes, war.bytes, 'shop.war was changed by the failed goal')
assert java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(war.toPath())) == 'r--r--r--'
assert !logLines().any { it.startsWith('Added <distributable/>') }
