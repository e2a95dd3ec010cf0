def log = new File(basedir, 'build.log').text
assert log.contains('<nodes><node><port> ranges of node1 (4000-4099) and node2 (4050-4149) overlap on host '
        + '127.0.0.1: a receiver binds the first free port of its range (<receiverAttributes><autoBind> is 100); '
        + 'give co-hosted nodes ports at least 100 apart')
assert !new File(basedir, 'target/tomcat-cluster').exists()
true
