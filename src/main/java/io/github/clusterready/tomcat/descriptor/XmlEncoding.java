package io.github.clusterready.tomcat.descriptor;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the charset an XML document is written in, the way XML 1.0 appendix F describes it: the first four bytes
 * tell the family (a byte order mark, or how {@code <?xm} looks in UTF-32, UTF-16, an ASCII-compatible encoding or
 * EBCDIC), the encoding declaration (of any length) then names the member, else UTF-8. A byte order mark is kept
 * as a character by the returned charset so that decoding and encoding again gives back the same bytes. A document
 * whose first bytes and declaration disagree, or that declares an encoding this Java runtime lacks, is refused
 * naming the encoding.
 *
 * <p>Hand-written rather than commons-io's {@code XmlStreamReader}, which detects UTF-32 only with a byte order mark
 * and EBCDIC not at all, and reads at most 4 KiB for the declaration.
 */
public final class XmlEncoding {
    private static final Pattern DECLARED = Pattern.compile(
            "^\uFEFF?<\\?xml[ \t\r\n]+[^?]*?\\bencoding[ \t\r\n]*=[ \t\r\n]*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");
    /** EBCDIC's {@code <?xm}, from which only the declaration, in EBCDIC's invariant characters, is read. */
    private static final String EBCDIC = "IBM037";

    private XmlEncoding() {
    }

    /**
     * Whether the first bytes are UTF-32 or UCS-4 (with or without a byte order mark) or EBCDIC: encodings the JDK's
     * XML parser does not tell from them as appendix F does, so that the document is decoded before it parses.
     */
    static boolean isDecodedFirst(byte[] xml) {
        return startsWith(xml, 0x00, 0x00) || startsWith(xml, 0xFF, 0xFE, 0x00, 0x00)
                || startsWith(xml, 0xFE, 0xFF, 0x00, 0x00) || startsWith(xml, 0x3C, 0x00, 0x00, 0x00)
                || startsWith(xml, 0x00, 0x3C, 0x00, 0x00) || startsWith(xml, 0x4C, 0x6F, 0xA7, 0x94);
    }

    /**
     * {@code "UTF-32"} or {@code "UTF-16"} when the first bytes are those of that family (with or without a byte
     * order mark, in either byte order), else null.
     */
    public static String wideFamily(byte[] xml) {
        if (startsWith(xml, 0x00, 0x00, 0xFE, 0xFF) || startsWith(xml, 0xFF, 0xFE, 0x00, 0x00)
                || startsWith(xml, 0x00, 0x00, 0x00, 0x3C) || startsWith(xml, 0x3C, 0x00, 0x00, 0x00)) {
            return "UTF-32";
        }
        if (startsWith(xml, 0xFE, 0xFF) || startsWith(xml, 0xFF, 0xFE) || startsWith(xml, 0x00, 0x3C)
                || startsWith(xml, 0x3C, 0x00)) {
            return "UTF-16"; // a byte order mark, or the '<' the document starts with as a 16-bit unit
        }
        return null;
    }

    /** The length of a UTF-32 byte order mark at the start of {@code xml}: 4, or 0 when it has none. */
    static int utf32ByteOrderMark(byte[] xml) {
        return startsWith(xml, 0x00, 0x00, 0xFE, 0xFF) || startsWith(xml, 0xFF, 0xFE, 0x00, 0x00) ? 4 : 0;
    }

    static Charset of(byte[] xml, String location) throws DescriptorException {
        // Not commons-io's BOMInputStream: the descriptor is in memory already, the byte order mark must stay in
        // the decoded text (to give back the same bytes), and the forms without one count too.
        if (startsWith(xml, 0x00, 0x00, 0xFE, 0xFF) || startsWith(xml, 0x00, 0x00, 0x00, 0x3C)) {
            return declared(xml, location, supported("UTF-32BE", location), "UTF-32");
        }
        if (startsWith(xml, 0xFF, 0xFE, 0x00, 0x00) || startsWith(xml, 0x3C, 0x00, 0x00, 0x00)) {
            return declared(xml, location, supported("UTF-32LE", location), "UTF-32");
        }
        if (startsWith(xml, 0x00, 0x00, 0xFF, 0xFE) || startsWith(xml, 0xFE, 0xFF, 0x00, 0x00)
                || startsWith(xml, 0x00, 0x00, 0x3C, 0x00) || startsWith(xml, 0x00, 0x3C, 0x00, 0x00)) {
            throw new DescriptorException(location, 1, 1, "is in UCS-4 with an unusual byte order (2143 or 3412), "
                    + "which no Java runtime reads; save it as UTF-8", null);
        }
        if (startsWith(xml, 0xEF, 0xBB, 0xBF)) {
            return declared(xml, location, StandardCharsets.UTF_8, "UTF-8");
        }
        if (startsWith(xml, 0xFE, 0xFF) || startsWith(xml, 0x00, 0x3C, 0x00, 0x3F)) {
            return declared(xml, location, StandardCharsets.UTF_16BE, "UTF-16");
        }
        if (startsWith(xml, 0xFF, 0xFE) || startsWith(xml, 0x3C, 0x00, 0x3F, 0x00)) {
            return declared(xml, location, StandardCharsets.UTF_16LE, "UTF-16");
        }
        if (startsWith(xml, 0x4C, 0x6F, 0xA7, 0x94)) {
            return ebcdic(xml, location);
        }
        return asciiCompatible(xml, location);
    }

    /**
     * A document whose first bytes tell its encoding: one it declares must be that encoding (or the first bytes and
     * the declaration disagree, and no reader can tell which is right).
     */
    private static Charset declared(byte[] xml, String location, Charset detected, String family)
            throws DescriptorException {
        String name = declaredName(new String(xml, 0, declarationEnd(xml, detected), detected));
        if (name == null) {
            return detected;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        boolean same = upper.equals(family) || upper.equals(detected.name())
                || family.equals("UTF-32") && (upper.equals("ISO-10646-UCS-4") || upper.equals("UCS-4"))
                || family.equals("UTF-16") && (upper.equals("ISO-10646-UCS-2") || upper.equals("UCS-2"));
        if (!same) {
            throw new DescriptorException(location, 1, 1, "starts with the bytes of " + detected.name() + " but "
                    + "declares encoding \"" + name + "\"; save the file in the encoding it declares, or declare "
                    + "encoding=\"" + family + "\"", null);
        }
        return detected;
    }

    private static Charset ebcdic(byte[] xml, String location) throws DescriptorException {
        Charset reading = supported(EBCDIC, location);
        String name = declaredName(new String(xml, 0, declarationEnd(xml, reading), reading));
        if (name == null) {
            throw new DescriptorException(location, 1, 1, "starts with the bytes of EBCDIC (" + EBCDIC + ") but "
                    + "declares no encoding, which an EBCDIC document must; declare the code page it is in, such as "
                    + "encoding=\"IBM037\", or save the file as UTF-8", null);
        }
        Charset charset = forName(name, location);
        if (!startsWith(("<?xm").getBytes(charset), 0x4C, 0x6F, 0xA7, 0x94)) {
            throw new DescriptorException(location, 1, 1, "starts with the bytes of EBCDIC but declares encoding \""
                    + name + "\", which is not an EBCDIC code page; save the file in the encoding it declares", null);
        }
        return charset;
    }

    private static Charset asciiCompatible(byte[] xml, String location) throws DescriptorException {
        String name = declaredName(new String(xml, 0, declarationEnd(xml, StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1));
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        Charset charset = forName(name, location);
        if (charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32")) {
            throw new DescriptorException(location, 1, 1,
                    "declares encoding \"" + name + "\" but does not start with a byte order mark or in "
                            + "that encoding; save the file in the encoding it declares", null);
        }
        if (!startsWith("<?xml".getBytes(charset), 0x3C, 0x3F, 0x78, 0x6D, 0x6C)) {
            throw new DescriptorException(location, 1, 1, "declares encoding \"" + name + "\" but starts with the "
                    + "bytes of an ASCII-compatible encoding, which " + name + " is not; save the file in the "
                    + "encoding it declares", null);
        }
        return charset;
    }

    /** The name in the XML declaration at the start of {@code text}, or null when it has none or names none. */
    private static String declaredName(String text) {
        Matcher declared = DECLARED.matcher(text);
        return declared.find() ? declared.group(1) : null;
    }

    /**
     * How many bytes from the start hold the XML declaration, whatever its length: up to and with the first
     * {@code ?>} as {@code charset} writes it (a declaration holds none but at its end); 0 when the document does not
     * start with one (after a byte order mark).
     */
    private static int declarationEnd(byte[] xml, Charset charset) {
        byte[] bom = "\uFEFF".getBytes(charset);
        byte[] start = "<?xml".getBytes(charset);
        int from = regionEquals(xml, 0, bom) ? bom.length : 0;
        if (!regionEquals(xml, from, start)) {
            return 0;
        }
        byte[] end = "?>".getBytes(charset);
        int unit = "?".getBytes(charset).length;
        for (int at = from + start.length; at + end.length <= xml.length; at += unit) {
            if (regionEquals(xml, at, end)) {
                return at + end.length;
            }
        }
        return xml.length - xml.length % unit;
    }

    private static boolean regionEquals(byte[] bytes, int at, byte[] wanted) {
        if (at + wanted.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (bytes[at + i] != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    private static Charset supported(String name, String location) throws DescriptorException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new DescriptorException(location, 1, 1, "is in " + name + ", which this Java runtime does not "
                    + "support; save the file as UTF-8 and declare encoding=\"UTF-8\"", e);
        }
    }

    private static Charset forName(String name, String location) throws DescriptorException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new DescriptorException(location, 1, 1,
                    "declares encoding \"" + name + "\", which this Java runtime does not support; "
                            + "save the file as UTF-8 and declare encoding=\"UTF-8\"", e);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
