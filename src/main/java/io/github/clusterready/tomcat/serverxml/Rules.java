package io.github.clusterready.tomcat.serverxml;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Every rule the checker runs, in the order their findings are reported for one place. */
final class Rules {
    static final List<Rule> ALL = Collections.unmodifiableList(Arrays.asList(
            new NoCluster(),
            new AsynchronousSendOptions(),
            new NoEncryption(),
            new DefaultMulticastGroup(),
            new FarmWarDeployerInEngine(),
            new DeployerDirectoriesInTmp(),
            new JvmRouteBinderWithoutJvmRoute(),
            new ClassNotInLine(),
            new Tomcat6Filter(),
            new IgnoredElement(),
            new MembershipSwitchedOff(),
            new LoopbackReceiver(),
            new NodesDisagree(),
            new StaticMembersUnmatched(),
            new PortClash()));

    private Rules() {
    }
}
