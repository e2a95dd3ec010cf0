package io.github.clusterready.tomcat.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Tomcat release lines the plugin writes configuration for, and what each one's cluster code has. */
public enum TomcatLine {
    V8_5("8.5", false, "8.5.100", 7),
    V9_0("9.0", true, "9.0.117", 8),
    V10_1("10.1", true, "10.1.59", 11),
    V11_0("11.0", true, "11.0.24", 17);

    private final String number;
    private final boolean membershipServices;
    private final String release;
    private final int minimumJava;

    TomcatLine(String number, boolean membershipServices, String release, int minimumJava) {
        this.number = number;
        this.membershipServices = membershipServices;
        this.release = release;
        this.minimumJava = minimumJava;
    }

    /**
     * The release of this line the run goals start when {@code <tomcatVersion>} names only the line: the one the
     * plugin's end-to-end tests run ({@code org.apache.tomcat:tomcat:<release>:tar.gz} on Maven Central).
     */
    public String release() {
        return release;
    }

    /** The oldest Java release this line runs on. */
    public int minimumJava() {
        return minimumJava;
    }

    /** A line ({@code 10.1}, {@code 9}) or a release of one ({@code 10.1.59}, a milestone {@code 11.0.0-M1}). */
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+)(?:\\.(\\d+)(?:-M\\d+)?)?)?");

    /** Whether {@code version} names a release ({@code 10.1.59}, {@code 11.0.0-M1}) rather than only a line. */
    public static boolean isRelease(String version) {
        Matcher matcher = VERSION.matcher(version.trim());
        return matcher.matches() && matcher.group(3) != null;
    }

    /**
     * The line of a version such as {@code 10.1}, {@code 10.1.59}, {@code 9} or {@code 11.0.0-M1}.
     *
     * @throws ClusterConfigException naming {@code <tomcatVersion>} for anything else
     */
    public static TomcatLine of(String version) throws ClusterConfigException {
        Matcher matcher = VERSION.matcher(version.trim());
        if (!matcher.matches()) {
            throw new ClusterConfigException("<tomcatVersion>", "\"" + version + "\" is not a Tomcat version; use "
                    + "a line (8.5, 9.0, 10.1, 11.0) or a release of one (e.g. 10.1.59, or a milestone such as "
                    + "11.0.0-M1)");
        }
        String major = matcher.group(1);
        String minor = matcher.group(2) == null ? "" : matcher.group(2);
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
