package io.github.clusterready.tomcat.serverxml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a {@code <Cluster>} as {@code SimpleTcpCluster} assembles them, with Tomcat's defaults for what the
 * file leaves out (config/cluster.html, "Cluster"; {@code SimpleTcpCluster.java}, {@code GroupChannel.java}): no
 * {@code <Channel>} or no {@code <Membership>} means multicast ({@code McastService}); no {@code <Manager>} means
 * {@code DeltaManager}.
 */
final class Clusters {
    /** {@code Channel.MBR_RX_SEQ | Channel.MBR_TX_SEQ}: the membership service's start flags. */
    static final int MEMBERSHIP_START = 4 | 8;

    private Clusters() {
    }

    static XmlNode channel(XmlNode cluster) {
        return first(cluster, "Channel");
    }

    /** The {@code <Membership>} of the Channel, or null for Tomcat's default (multicast). */
    static XmlNode membership(XmlNode cluster) {
        return first(channel(cluster), "Membership");
    }

    /** The Channel's interceptors, in order. */
    static List<XmlNode> interceptors(XmlNode cluster) {
        XmlNode channel = channel(cluster);
        return channel == null ? new ArrayList<>() : channel.children("Interceptor");
    }

    /** The first interceptor of the Channel whose class is {@code simpleName}, or null. */
    static XmlNode interceptor(XmlNode cluster, String simpleName) {
        for (XmlNode interceptor : interceptors(cluster)) {
            if (interceptor.is(simpleName)) {
                return interceptor;
            }
        }
        return null;
    }

    static XmlNode receiver(XmlNode cluster) {
        return first(channel(cluster), "Receiver");
    }

    /** The {@code <Manager>} of the Cluster, or null for the default DeltaManager. */
    static XmlNode manager(XmlNode cluster) {
        return first(cluster, "Manager");
    }

    /** The first {@code <childName>} of {@code parent} (the one the digester uses), or null, also for no parent. */
    private static XmlNode first(XmlNode parent, String childName) {
        List<XmlNode> list = parent == null ? new ArrayList<>() : parent.children(childName);
        return list.isEmpty() ? null : list.get(0);
    }

    /** Whether the Cluster's sessions are kept by a BackupManager. */
    static boolean backupManager(XmlNode cluster) {
        XmlNode manager = manager(cluster);
        return manager != null && manager.is("BackupManager");
    }

    /** Whether the membership the Channel uses is multicast: McastService, named or by default. */
    static boolean multicast(XmlNode cluster) {
        XmlNode membership = membership(cluster);
        return membership == null || membership.className() == null || membership.is("McastService");
    }

    /**
     * The static members the file lists: {@code <Member>}s of a {@code StaticMembershipService} (9.0 and later) or
     * of a {@code StaticMembershipInterceptor} (every line).
     */
    static List<XmlNode> staticMembers(XmlNode cluster) {
        List<XmlNode> members = new ArrayList<>();
        XmlNode membership = membership(cluster);
        if (membership != null && membership.is("StaticMembershipService")) {
            members.addAll(membership.children("Member"));
        }
        XmlNode interceptor = interceptor(cluster, "StaticMembershipInterceptor");
        if (interceptor != null) {
            members.addAll(interceptor.children("Member"));
        }
        return members;
    }

    /** Whether {@code host} names this machine's loopback interface only. */
    static boolean loopback(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")
                || h.equals("0:0:0:0:0:0:0:1");
    }
}
