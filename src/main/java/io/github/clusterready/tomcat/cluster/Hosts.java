package io.github.clusterready.tomcat.cluster;

import java.net.IDN;
import java.util.Locale;

/**
 * Host names and IP literals as the nodes' {@code <host>} and {@code <address>} give them: which are valid, and
 * which denote one machine ({@code ::1}, {@code 0:0:0:0:0:0:0:1}, {@code [::1]}, {@code 127.0.0.1} and
 * {@code localhost} are all this machine).
 */
final class Hosts {
    private static final String LOOPBACK = "loopback";

    private Hosts() {
    }

    /** Why {@code host} is not a host name, an IPv4 or an IPv6 literal, or null when it is one. */
    static String problem(String host) {
        if (host.isEmpty()) {
            return "is empty";
        }
        String text = XmlText.problem(host);
        if (text != null) {
            return text;
        }
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            return ipv6(host) != null ? null : "is not an IPv6 address (8 groups of up to 4 hex digits, one \"::\" "
                    + "for a run of zero groups, e.g. ::1 or fd00::12)";
        }
        if (host.matches("[0-9.]+")) {
            return ipv4(host) != null ? null : "is not an IPv4 address (four numbers from 0 to 255, e.g. 10.0.0.12)";
        }
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) > 0x7E) {
                String ascii;
                try {
                    ascii = IDN.toASCII(host);
                } catch (IllegalArgumentException e) {
                    ascii = null;
                }
                return "is not an ASCII host name" + (ascii == null ? "" : "; write it as " + ascii
                        + ", the form DNS and Java resolve");
            }
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.length() > 253) {
            return "is longer than the 253 characters of a host name";
        }
        for (String label : name.split("\\.", -1)) {
            if (!label.matches("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")) {
                return "is not a host name: each dot-separated part must be 1 to 63 letters, digits, '-' or '_', "
                        + "not beginning or ending with '-'";
            }
        }
        return null;
    }

    /** Whether two valid hosts denote one machine as far as the configuration can tell. */
    static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }

    /** One spelling per machine: loopback, the IPv4 address, the IPv6 groups, or the lower-case name. */
    static String key(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int[] v6 = h.startsWith("[") || h.indexOf(':') >= 0 ? ipv6(h) : null;
        if (v6 != null) {
            boolean mapped = true;
            for (int i = 0; i < 5; i++) {
                mapped &= v6[i] == 0;
            }
            if (mapped && v6[5] == 0xFFFF) {
                return key((v6[6] >> 8) + "." + (v6[6] & 0xFF) + "." + (v6[7] >> 8) + "." + (v6[7] & 0xFF));
            }
            boolean loopback = v6[7] == 1 && !h.contains("%");
            for (int i = 0; i < 7; i++) {
                loopback &= v6[i] == 0;
            }
            if (loopback) {
                return LOOPBACK;
            }
            StringBuilder s = new StringBuilder();
            for (int group : v6) {
                s.append(Integer.toHexString(group)).append(':');
            }
            int zone = h.indexOf('%');
            return s.append(zone < 0 ? "" : h.substring(zone)).toString();
        }
        int[] v4 = ipv4(h);
        if (v4 != null) {
            return v4[0] == 127 ? LOOPBACK : v4[0] + "." + v4[1] + "." + v4[2] + "." + v4[3];
        }
        String name = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        return name.equals("localhost") ? LOOPBACK : name;
    }

    private static int[] ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
                return null;
            }
            octets[i] = Integer.parseInt(parts[i]);
        }
        return octets;
    }

    /** The eight 16-bit groups of an IPv6 literal (brackets and a zone id allowed), or null. */
    static int[] ipv6(String literal) {
        String s = literal;
        if (s.startsWith("[")) {
            if (!s.endsWith("]")) {
                return null;
            }
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            if (!s.substring(zone + 1).matches("[A-Za-z0-9_.-]+")) {
                return null;
            }
            s = s.substring(0, zone);
        }
        int[] groups = new int[8];
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] front = groups(head, gap < 0);
        int[] back = groups(tail, true);
        if (front == null || back == null) {
            return null;
        }
        if (gap < 0 ? front.length != 8 : front.length + back.length > 7) {
            return null;
        }
        System.arraycopy(front, 0, groups, 0, front.length);
        System.arraycopy(back, 0, groups, 8 - back.length, back.length);
        return groups;
    }

    /** Colon-separated hex groups, the last of which may be a dotted IPv4 address (two groups). */
    private static int[] groups(String part, boolean mayEndInIpv4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        int[] out = new int[pieces.length + 1];
        int n = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i == pieces.length - 1 && mayEndInIpv4 && piece.indexOf('.') >= 0) {
                int[] v4 = ipv4(piece);
                if (v4 == null) {
                    return null;
                }
                out[n++] = v4[0] << 8 | v4[1];
                out[n++] = v4[2] << 8 | v4[3];
            } else if (piece.matches("[0-9A-Fa-f]{1,4}")) {
                out[n++] = Integer.parseInt(piece, 16);
            } else {
                return null;
            }
        }
        int[] result = new int[n];
        System.arraycopy(out, 0, result, 0, n);
        return result;
    }
}
