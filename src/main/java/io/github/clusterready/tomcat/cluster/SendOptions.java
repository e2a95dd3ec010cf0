package io.github.clusterready.tomcat.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Tomcat's send options ({@code org.apache.catalina.tribes.Channel.SEND_OPTIONS_*}) as {@code channelSendOptions}
 * and {@code mapSendOptions} take them: a number, or from Tomcat 9.0 on names such as {@code use_ack,sync}, read
 * as {@code Channel.parseSendOptions} reads them.
 */
public final class SendOptions {
    static final int BYTE_MESSAGE = 1;
    static final int USE_ACK = 2;
    static final int SYNCHRONIZED_ACK = 4;
    static final int ASYNCHRONOUS = 8;
    /** What the seed writes, and Tomcat's own default for {@code mapSendOptions}: use_ack,sync. */
    public static final int SYNCHRONOUS = USE_ACK | SYNCHRONIZED_ACK;
    /** {@code SimpleTcpCluster}'s default when {@code channelSendOptions} is not set: async. */
    public static final int CLUSTER_DEFAULT = ASYNCHRONOUS;

    private static final String[] NAMES = {"asynchronous", "async", "byte_message", "byte", "multicast", "secure",
        "synchronized_ack", "sync", "udp", "use_ack"};
    private static final int[] VALUES = {ASYNCHRONOUS, ASYNCHRONOUS, BYTE_MESSAGE, BYTE_MESSAGE, 64, 16,
        SYNCHRONIZED_ACK, SYNCHRONIZED_ACK, 32, USE_ACK};

    private SendOptions() {
    }

    /**
     * The options {@code value} sets on {@code line}, or {@code whenUnset} when Tomcat keeps its default (an empty
     * value, which is not written; from 9.0 on also 0, which the String setter ignores).
     *
     * @param parameter how the POM names the value, for the message
     */
    public static int parse(String parameter, String value, TomcatLine line, int whenUnset)
            throws ClusterConfigException {
        if (value == null || value.isEmpty()) {
            return whenUnset;
        }
        if (value.matches("\\d{1,9}")) {
            int number = Integer.parseInt(value);
            return number == 0 && line.hasMembershipServices() ? whenUnset : number;
        }
        if (!line.hasMembershipServices()) {
            throw new ClusterConfigException(parameter, "\"" + value + "\" must be a number on Tomcat " + line
                    + ", which reads no option names here (9.0 and later do): e.g. 6 for use_ack,sync");
        }
        int options = 0;
        for (String name : value.split("\\s*,\\s*", -1)) {
            int index = -1;
            for (int i = 0; i < NAMES.length; i++) {
                index = NAMES[i].equals(name) ? i : index;
            }
            if (index < 0) {
                throw new ClusterConfigException(parameter, "\"" + value + "\": \"" + name + "\" is not a send "
                        + "option; use a number, or names from async, byte, multicast, secure, sync, udp, use_ack "
                        + "(lower case, separated by commas), e.g. use_ack,sync");
            }
            options |= VALUES[index];
        }
        return options;
    }

    /** Whether a sender waits until each receiver has processed the message: USE_ACK and SYNC_ACK, not async. */
    public static boolean synchronous(int options) {
        return (options & SYNCHRONOUS) == SYNCHRONOUS && (options & ASYNCHRONOUS) == 0;
    }

    /** Whether a sender hands each message to a queue and goes on without waiting for it to leave: async (8). */
    public static boolean asynchronous(int options) {
        return (options & ASYNCHRONOUS) != 0;
    }

    /** The options as Tomcat names them, e.g. {@code use_ack,sync}. */
    public static String names(int options) {
        List<String> names = new ArrayList<>();
        String[] shortNames = {"byte", "use_ack", "sync", "async", "secure", "udp", "multicast"};
        for (int bit = 0; bit < shortNames.length; bit++) {
            if ((options & (1 << bit)) != 0) {
                names.add(shortNames[bit]);
            }
        }
        return names.isEmpty() ? "none" : String.join(",", names);
    }

    /** What keeps {@code options} from being synchronous, e.g. {@code "has async"} or {@code "lacks sync"}. */
    public static String shortfall(int options) {
        List<String> parts = new ArrayList<>();
        if ((options & USE_ACK) == 0) {
            parts.add("lacks use_ack");
        }
        if ((options & SYNCHRONIZED_ACK) == 0) {
            parts.add("lacks sync");
        }
        if ((options & ASYNCHRONOUS) != 0) {
            parts.add("has async");
        }
        return String.join(" and ", parts);
    }
}
