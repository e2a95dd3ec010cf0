package io.github.clusterready.tomcat.serverxml;

/**
 * A {@code FarmWarDeployer} in a {@code <Cluster>} of the {@code <Engine>}: its start method refuses to run
 * there ("FarmWarDeployer can only work as host cluster subelement!") and nothing is deployed to the nodes.
 */
final class FarmWarDeployerInEngine implements Rule {
    @Override
    public String name() {
        return "farm-war-deployer-in-engine";
    }

    @Override
    public String source() {
        return "FarmWarDeployer.java (startInternal: farmWarDeployer.hostOnly, \"FarmWarDeployer can only work as "
                + "host cluster subelement!\"); config/cluster-deployer.html";
    }

    @Override
    public void check(NodeConfig node, Findings findings) {
        for (XmlNode cluster : node.clusters()) {
            if (cluster.parent == null || !cluster.parent.name.equals("Engine")) {
                continue;
            }
            for (XmlNode deployer : cluster.children("Deployer")) {
                if (deployer.is("FarmWarDeployer")) {
                    findings.add(node, deployer, null, Severity.BREAKS_CLUSTER, this, "a FarmWarDeployer in the "
                                    + "<Cluster> of the <Engine>",
                            "Tomcat logs \"FarmWarDeployer can only work as host cluster subelement!\" and the "
                                    + "deployer does not start: WARs put in its watchDir reach no node",
                            "move the <Cluster> into the <Host> whose webapps it deploys, or remove the <Deployer>",
                            null);
                }
            }
        }
    }
}
