package io.github.clusterready.tomcat.descriptor;

import java.util.Optional;

/** Which Servlet version a compile dependency provides: the servlet API jars, Tomcat's and the platform APIs. */
public final class ServletApi {
    private ServletApi() {
    }

    /** The Servlet version {@code groupId:artifactId:version} provides, if it is an artifact that provides one. */
    public static Optional<WebAppVersion> providedBy(String groupId, String artifactId, String version) {
        String coordinates = groupId + ":" + artifactId;
        String[] parts = version.split("[.-]");
        int major = number(parts, 0);
        int minor = number(parts, 1);
        if (major < 0) {
            return Optional.empty();
        }
        switch (coordinates) {
            case "jakarta.servlet:jakarta.servlet-api":
            case "javax.servlet:javax.servlet-api":
            case "javax.servlet:servlet-api":
                try {
                    return Optional.of(WebAppVersion.of(major + "." + Math.max(minor, 0)));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            case "org.apache.tomcat:tomcat-servlet-api":
            case "org.apache.tomcat.embed:tomcat-embed-core":
                return tomcat(major, minor);
            case "jakarta.platform:jakarta.jakartaee-api":
            case "jakarta.platform:jakarta.jakartaee-web-api":
                return platform(major, minor);
            case "javax:javaee-api":
            case "javax:javaee-web-api":
                return platform(major, minor);
            default:
                return Optional.empty();
        }
    }

    private static Optional<WebAppVersion> tomcat(int major, int minor) {
        if (major <= 7) {
            return Optional.of(WebAppVersion.V3_0);
        }
        if (major == 8) {
            return Optional.of(WebAppVersion.V3_1);
        }
        if (major == 9) {
            return Optional.of(WebAppVersion.V4_0);
        }
        if (major == 10) {
            return Optional.of(minor == 0 ? WebAppVersion.V5_0 : WebAppVersion.V6_0);
        }
        return Optional.of(WebAppVersion.V6_1);
    }

    /** Java EE 6, 7, 8 and Jakarta EE 8, 9, 9.1, 10, 11. */
    private static Optional<WebAppVersion> platform(int major, int minor) {
        switch (major) {
            case 6:
                return Optional.of(WebAppVersion.V3_0);
            case 7:
                return Optional.of(WebAppVersion.V3_1);
            case 8:
                return Optional.of(WebAppVersion.V4_0);
            case 9:
                return Optional.of(WebAppVersion.V5_0);
            case 10:
                return Optional.of(WebAppVersion.V6_0);
            default:
                return major > 10 ? Optional.of(WebAppVersion.V6_1) : Optional.empty();
        }
    }

    private static int number(String[] parts, int index) {
        if (index >= parts.length) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[index]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
