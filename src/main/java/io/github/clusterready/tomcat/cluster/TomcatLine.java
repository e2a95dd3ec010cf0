package io.github.clusterready.tomcat.cluster;

import java.util.Locale;

/** The Tomcat release lines the plugin writes configuration for, and what each one's cluster code has. */
public enum TomcatLine {
    V8_5("8.5", false),
    V9_0("9.0", true),
    V10_1("10.1", true),
    V11_0("11.0", true);

    private final String number;
    private final boolean membershipServices;

    TomcatLine(String number, boolean membershipServices) {
        this.number = number;
        this.membershipServices = membershipServices;
    }

    /**
     * The line of a version such as {@code 10.1}, {@code 10.1.59}, {@code 9} or {@code 11.0.0-M1}.
     *
     * @throws ClusterConfigException naming {@code <tomcatVersion>} for anything else
     */
    public static TomcatLine of(String version) throws ClusterConfigException {
        String[] parts = version.trim().toLowerCase(Locale.ROOT).split("[.-]");
        String major = parts[0];
        String minor = parts.length > 1 ? parts[1] : "";
        for (TomcatLine line : values()) {
            String[] own = line.number.split("\\.");
            if (own[0].equals(major) && (minor.isEmpty() || own[1].equals(minor))) {
                return line;
            }
        }
        throw new ClusterConfigException("<tomcatVersion>", "\"" + version + "\" is not a supported Tomcat line; "
                + "use one of 8.5, 9.0, 10.1, 11.0");
    }

    /** The line that implements a Servlet version ({@code 3.1}, {@code 4.0}, {@code 6.0}, …), else 10.1. */
    public static TomcatLine forServletVersion(String servletVersion) {
        switch (servletVersion) {
            case "3.0":
            case "3.1":
                return V8_5;
            case "4.0":
                return V9_0;
            case "6.1":
                return V11_0;
            default:
                return V10_1;
        }
    }

    /** The line as users write it, e.g. {@code 10.1}. */
    public String number() {
        return number;
    }

    /**
     * Whether the line has {@code StaticMembershipService} and {@code CloudMembershipService} (9.0 and later);
     * 8.5 builds static clusters from {@code StaticMembershipInterceptor} and has no cloud membership.
     */
    public boolean hasMembershipServices() {
        return membershipServices;
    }

    @Override
    public String toString() {
        return number;
    }
}
