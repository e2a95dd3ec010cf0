def log = new File(basedir, 'build.log').text
assert log.contains('on project cluster-config-tomcat-version-strict: <tomcatVersion> "9.0-banana" is not a Tomcat '
        + 'version; use a line (8.5, 9.0, 10.1, 11.0) or a release of one (e.g. 10.1.59, or a milestone such as '
        + '11.0.0-M1) -> [Help 1]')
assert !new File(basedir, 'target/tomcat-cluster').exists()
true
