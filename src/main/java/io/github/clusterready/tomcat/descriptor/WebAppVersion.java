package io.github.clusterready.tomcat.descriptor;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Servlet versions a generated {@code web.xml} can declare: 3.0 and later, so that annotations and
 * web fragments keep working. Each knows its namespace and schema.
 */
public enum WebAppVersion {
    V3_0("3.0", "http://java.sun.com/xml/ns/javaee", "http://java.sun.com/xml/ns/javaee/web-app_3_0.xsd"),
    V3_1("3.1", "http://xmlns.jcp.org/xml/ns/javaee", "http://xmlns.jcp.org/xml/ns/javaee/web-app_3_1.xsd"),
    V4_0("4.0", "http://xmlns.jcp.org/xml/ns/javaee", "http://xmlns.jcp.org/xml/ns/javaee/web-app_4_0.xsd"),
    V5_0("5.0", "https://jakarta.ee/xml/ns/jakartaee", "https://jakarta.ee/xml/ns/jakartaee/web-app_5_0.xsd"),
    V6_0("6.0", "https://jakarta.ee/xml/ns/jakartaee", "https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"),
    V6_1("6.1", "https://jakarta.ee/xml/ns/jakartaee", "https://jakarta.ee/xml/ns/jakartaee/web-app_6_1.xsd");

    private final String number;
    private final String namespace;
    private final String schemaLocation;

    WebAppVersion(String number, String namespace, String schemaLocation) {
        this.number = number;
        this.namespace = namespace;
        this.schemaLocation = schemaLocation;
    }

    /** The version as written in {@code version="…"}. */
    public String number() {
        return number;
    }

    /**
     * The version for a number such as {@code 4.0}, {@code 4}, or {@code 6.1}; versions below 3.0 are raised
     * to 3.0, because a generated descriptor must not switch off annotations.
     *
     * @throws IllegalArgumentException for anything that is not a Servlet version
     */
    public static WebAppVersion of(String number) {
        String normalized = number.trim().toLowerCase(Locale.ROOT);
        if (normalized.matches("\\d+")) {
            normalized += ".0";
        }
        if (normalized.matches("2\\.[2-5]")) {
            return V3_0;
        }
        for (WebAppVersion version : values()) {
            if (version.number.equals(normalized)) {
                return version;
            }
        }
        throw new IllegalArgumentException("\"" + number + "\" is not a Servlet version; use one of 3.0, 3.1, "
                + "4.0, 5.0, 6.0, 6.1");
    }

    /** A minimal distributable web.xml of this version, UTF-8, LF line ends, not metadata-complete. */
    public byte[] distributableWebXml() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"" + namespace + "\"\n"
                + "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "         xsi:schemaLocation=\"" + namespace + " " + schemaLocation + "\"\n"
                + "         version=\"" + number + "\">\n"
                + "    <distributable/>\n"
                + "</web-app>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return number;
    }
}
