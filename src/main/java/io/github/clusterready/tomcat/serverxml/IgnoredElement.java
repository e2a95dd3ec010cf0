package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.cluster.TomcatLine;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An element inside {@code <Cluster>} where the digester has no rule for it, such as an {@code <Interceptor>} under
 * {@code <Cluster>} instead of {@code <Channel>}: Tomcat logs "No rules found matching […]" as it starts, creates
 * nothing, and runs as if the element were not there. An ignored {@code EncryptInterceptor} leaves the traffic
 * unencrypted although the file holds a key; ignored static members leave the node alone.
 */
final class IgnoredElement extends Rule {
    private static final Map<String, Set<String>> ALLOWED = new HashMap<>();

    static {
        allow("Cluster", "Manager", "Channel", "Valve", "Deployer", "Listener", "ClusterListener");
        allow("Manager", "SessionIdGenerator");
        allow("Channel", "Membership", "MembershipListener", "Sender", "Receiver", "Interceptor", "ChannelListener");
        allow("Membership", "LocalMember", "Member");
        allow("Sender", "Transport");
        allow("Interceptor", "LocalMember", "Member");
    }

    private static void allow(String parent, String... children) {
        ALLOWED.put(parent, new HashSet<>(Arrays.asList(children)));
    }

    IgnoredElement() {
        super("ignored-element",
                "ClusterRuleSet.java (the digester's patterns below Cluster: Channel/Interceptor, not Interceptor; "
                        + "Membership/Member from 9.0 on); Digester.java (digester.noRulesFound)");
    }

    @Override
    void checkCluster(NodeConfig node, XmlNode cluster, Findings findings) {
        walk(node, findings, cluster, cluster);
    }

    private void walk(NodeConfig node, Findings findings, XmlNode cluster, XmlNode element) {
        Set<String> allowed = ALLOWED.get(element.name);
        for (XmlNode child : element.children()) {
            boolean known = allowed != null && allowed.contains(child.name) && !(element.name.equals("Membership")
                    && node.line == TomcatLine.V8_5);
            if (known) {
                walk(node, findings, cluster, child);
                continue;
            }
            if (allowed == null) {
                continue; // inside an element of its own (a Valve, a Listener): its class decides
            }
            report(node, findings, child);
        }
    }

    private void report(NodeConfig node, Findings findings, XmlNode child) {
        Severity severity = Severity.FRAGILE;
        String effect = "Tomcat creates nothing for it and runs as if it were not there";
        if (child.is("EncryptInterceptor")) {
            severity = Severity.INSECURE;
            effect = "the traffic is not encrypted, although the file holds a key";
        } else if (child.is("StaticMembershipInterceptor") || child.name.equals("Member")
                || child.name.equals("Membership") || child.name.equals("LocalMember")) {
            severity = Severity.BREAKS_CLUSTER;
            effect = "its members are not used: the node does not find the nodes it lists";
        } else if (child.is("MessageDispatchInterceptor") || child.is("TcpFailureDetector")) {
            effect = "the Channel lacks the interceptor, which the file seems to give it";
        }
        String where = child.parent.name.equals("Cluster") && (child.name.equals("Interceptor")
                || child.name.equals("Membership") || child.name.equals("Receiver") || child.name.equals("Sender"))
                ? "move it inside <Channel>" : "move it where config/cluster.html places it, or remove it";
        findings.add(node, child, null, severity, this, child + " inside <" + child.parent.name + ">, where Tomcat "
                        + (node.line == null ? "" : node.line + " ") + "reads no <" + child.name + ">",
                "Tomcat logs \"No rules found matching [" + child.path() + "]\" as it starts; " + effect, where, null);
    }
}
