evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy')) // entryBytes, assertOneLineAdded, logLines, …

// A jar project: there is no WAR, the goal says so and succeeds (invoker checks the build result).
assert new File(basedir, 'target/notawar.jar').isFile() : 'test setup: jar:jar did not run'
assert !new File(basedir, 'target/notawar.war').exists()

List<String> log = logLines()
assert log.any { it.contains('nothing to make distributable') } : 'build.log has no line containing "nothing to make distributable"'
assert !log.any { it.startsWith('Added <distributable/>') || it.startsWith('Created a distributable') }
