package io.github.clusterready.tomcat.serverxml;

/**
 * A {@code FarmWarDeployer} in a {@code <Cluster>} of the {@code <Engine>}: its start method refuses to run
 * there ("FarmWarDeployer can only work as host cluster subelement!") and nothing is deployed to the nodes.
 */
final class FarmWarDeployerInEngine extends Rule {
    FarmWarDeployerInEngine() {
        super("farm-war-deployer-in-engine",
                "FarmWarDeployer.java (startInternal: farmWarDeployer.hostOnly, \"FarmWarDeployer can only work as "
                        + "host cluster subelement!\"); config/cluster-deployer.html");
    }

    @Override
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
        if (cluster.parent == null || !cluster.parent.name.equals("Engine")) {
            return;
        }
        for (XmlNode deployer : cluster.children("Deployer", "FarmWarDeployer")) {
            findings.add(node, deployer, null, Severity.BREAKS_CLUSTER, this, "a FarmWarDeployer in the "
                            + "<Cluster> of the <Engine>",
                    "Tomcat logs \"FarmWarDeployer can only work as host cluster subelement!\" and the "
                            + "deployer does not start: WARs put in its watchDir reach no node",
                    "move the <Cluster> into the <Host> whose webapps it deploys, or remove the <Deployer>", null);
        }
    }
}
