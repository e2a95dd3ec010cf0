package io.github.clusterready.tomcat.serverxml;

/**
 * FarmWarDeployer directories under {@code /tmp} (the how-to's example): cleaned by the system (systemd-tmpfiles,
 * a reboot), and, for the watch directory, writable by every user of the host, whose WAR is then deployed on
 * every node.
 */
final class DeployerDirectoriesInTmp extends Rule {
    private static final String[] DIRECTORIES = {"tempDir", "deployDir", "watchDir"};

    DeployerDirectoriesInTmp() {
        super("deployer-directories-in-tmp",
                "config/cluster-deployer.html (FarmWarDeployer: tempDir, deployDir, watchDir, watchEnabled); "
                        + "FarmWarDeployer.java");
    }

    @Override
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
        for (XmlNode deployer : cluster.children("Deployer", "FarmWarDeployer")) {
            for (String directory : DIRECTORIES) {
                if (!findings.checkable(node, deployer, directory, this)) {
                    continue;
                }
                String value = node.value(deployer, directory);
                if (value == null || !(value.trim().equals("/tmp") || value.trim().startsWith("/tmp/")
                        || value.trim().startsWith("/var/tmp/"))) {
                    continue;
                }
                boolean watched = directory.equals("watchDir")
                        && "true".equalsIgnoreCase(String.valueOf(node.value(deployer, "watchEnabled")).trim());
                if (watched) {
                    findings.add(node, deployer, directory, Severity.INSECURE, this, "the watched directory "
                                    + value.trim() + " is under a directory every user of the host can write",
                            "any local user can put a WAR there (or replace one), and the FarmWarDeployer "
                                    + "deploys it on every node of the cluster",
                            "use a directory only Tomcat's user can write, e.g. ${catalina.base}/war-listen",
                            null);
                } else {
                    findings.add(node, deployer, directory, Severity.FRAGILE, this, "the deployer's " + directory
                                    + " " + value.trim() + " is under a temporary directory",
                            "the system's temporary-file cleaning (systemd-tmpfiles, a reboot) deletes it while "
                                    + "Tomcat runs, and the next deployment fails",
                            "use a directory of the node's own, e.g. ${catalina.base}/" + directory
                                    .replace("Dir", "").replace("temp", "war-temp").replace("deploy",
                                    "war-deploy").replace("watch", "war-listen"), null);
                }
            }
        }
    }
}
