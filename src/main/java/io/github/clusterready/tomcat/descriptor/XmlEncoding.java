package io.github.clusterready.tomcat.descriptor;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the charset an XML document is written in, the way XML 1.0 appendix F describes it: byte order
 * mark first, then the encoding declaration, else UTF-8. A byte order mark is kept as a character by the
 * returned charset so that decoding and encoding again gives back the same bytes.
 */
final class XmlEncoding {
    private static final Pattern DECLARED =
            Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    private XmlEncoding() {
    }

    static Charset of(byte[] xml, String location) throws DescriptorException {
        // Not commons-io's BOMInputStream: the descriptor is in memory already, the byte order mark must stay in
        // the decoded text (to give back the same bytes), and UTF-16 without one ("<?" as 00 3C 00 3F) counts too.
        if (startsWith(xml, 0xEF, 0xBB, 0xBF)) {
            return StandardCharsets.UTF_8;
        }
        if (startsWith(xml, 0xFE, 0xFF) || startsWith(xml, 0x00, 0x3C, 0x00, 0x3F)) {
            return StandardCharsets.UTF_16BE;
        }
        if (startsWith(xml, 0xFF, 0xFE) || startsWith(xml, 0x3C, 0x00, 0x3F, 0x00)) {
            return StandardCharsets.UTF_16LE;
        }
        int end = Math.min(xml.length, 200);
        Matcher declared = DECLARED.matcher(new String(xml, 0, end, StandardCharsets.ISO_8859_1));
        if (!declared.find()) {
            return StandardCharsets.UTF_8;
        }
        String name = declared.group(1);
        try {
            Charset charset = Charset.forName(name);
            if (charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32")) {
                throw new DescriptorException(location, 1, 1,
                        "declares encoding \"" + name + "\" but does not start with a byte order mark or in "
                                + "that encoding; save the file in the encoding it declares", null);
            }
            return charset;
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
