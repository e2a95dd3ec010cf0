package io.github.clusterready.tomcat.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated descriptors: random elements in random order, comments and white space everywhere, namespace
 * prefixes, DOCTYPEs with internal subsets, every encoding the editor claims, CRLF and LF, with and without BOM.
 * Each case has its own seed, printed on failure; replay one with {@code -Dfuzz.seed=<seed>}, run more with
 * {@code -Dfuzz.cases=<n>}.
 */
class WebXmlEditorFuzzTest {
    private static final int CASES = Integer.getInteger("fuzz.cases", 2000);
    private static final long BASE_SEED = Long.getLong("fuzz.base", 20261125L);
    private static final String MUTATIONS = "<>/&\"'!?-[]x\u0000";
    private static final List<String> LEADING = Arrays.asList("icon", "display-name", "description");
    private static final List<String> BODY = Arrays.asList("context-param", "filter", "filter-mapping",
            "listener", "servlet", "servlet-mapping", "session-config", "mime-mapping", "welcome-file-list",
            "error-page", "security-constraint", "login-config", "security-role", "env-entry");

    private final WebXmlEditor editor = new WebXmlEditor();
    private final DescriptorReader reader = new DescriptorReader();

    @Test
    void generatedDescriptorsGetExactlyOneDistributableAndNothingElse() {
        String replay = System.getProperty("fuzz.seed");
        if (replay != null) {
            runCase(Long.parseLong(replay));
            return;
        }
        for (int i = 0; i < CASES; i++) {
            runCase(BASE_SEED + i);
        }
    }

    @Test
    void mutatedAndTruncatedDescriptorsFailCleanlyOrStayCorrect() {
        String replay = System.getProperty("fuzz.mutationSeed");
        for (int i = 0; i < (replay == null ? CASES / 2 : 1); i++) {
            long seed = replay == null ? BASE_SEED + 1_000_000 + i : Long.parseLong(replay);
            Random random = new Random(seed);
            Generated generated = generate(random);
            byte[] input = mutate(generated.bytes, random);
            try {
                WebXmlEditor.Edit edit = editor.makeDistributable(input, "web.xml");
                if (edit.changed()) {
                    assertValidEdit(input, edit.bytes(), generated.charset, seed);
                }
            } catch (DescriptorException expected) {
                assertTrue(expected.getMessage().startsWith("web.xml"), "seed " + seed + ": " + expected);
            } catch (RuntimeException | AssertionError e) {
                fail("mutation seed " + seed + " (replay with -Dfuzz.mutationSeed=" + seed + "): " + e + "\n"
                        + new String(input, generated.charset), e);
            }
        }
    }

    private void runCase(long seed) {
        Generated generated = generate(new Random(seed));
        try {
            WebXmlEditor.Edit edit = editor.makeDistributable(generated.bytes, "web.xml");
            assertTrue(edit.changed(), "seed " + seed);
            assertValidEdit(generated.bytes, edit.bytes(), generated.charset, seed);
        } catch (DescriptorException | RuntimeException e) {
            fail("seed " + seed + " (replay with -Dfuzz.seed=" + seed + "): " + e + "\n"
                    + new String(generated.bytes, generated.charset), e);
        }
    }

    private void assertValidEdit(byte[] input, byte[] output, Charset charset, long seed) {
        String context = "seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")";
        Descriptor before;
        Descriptor after;
        try {
            before = reader.read(input, "input");
            after = reader.read(output, "output");
        } catch (DescriptorException e) {
            throw new AssertionError(context + ": " + e, e);
        }
        assertTrue(after.isDistributable(), context);
        assertEquals(1, Collections.frequency(after.childNames(), "distributable"), context);
        int leading = 0;
        while (leading < before.childNames().size() && LEADING.contains(before.childNames().get(leading))) {
            leading++;
        }
        List<String> expected = new ArrayList<>(before.childNames());
        expected.add(leading, "distributable");
        assertEquals(expected, after.childNames(), context);

        String in = new String(input, charset);
        String out = new String(output, charset);
        int added = out.length() - in.length();
        int prefix = 0;
        while (prefix < in.length() && in.charAt(prefix) == out.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < in.length() && in.charAt(in.length() - 1 - suffix) == out.charAt(out.length() - 1 - suffix)) {
            suffix++;
        }
        // The output is the input with one run of text inserted; find a place where that run is one
        // <distributable/> line (the same insertion can show at several places when its ends repeat the input).
        boolean oneLine = false;
        for (int at = Math.max(0, in.length() - suffix); at <= prefix && !oneLine; at++) {
            String inserted = out.substring(at, at + added);
            oneLine = (out.substring(0, at) + out.substring(at + added)).equals(in)
                    && inserted.matches("(\\r\\n|\\n|\\r)?[ \\t]*<([a-z0-9]+:)?distributable/>|"
                            + "[ \\t]*<([a-z0-9]+:)?distributable/>(\\r\\n|\\n|\\r)");
        }
        assertTrue(oneLine, context + ": the change is not one inserted <distributable/> line:\n" + out);
    }

    private static final class Generated {
        final byte[] bytes;
        final Charset charset;

        Generated(byte[] bytes, Charset charset) {
            this.bytes = bytes;
            this.charset = charset;
        }
    }

    private static Generated generate(Random random) {
        Charset[] charsets = {StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
            StandardCharsets.ISO_8859_1};
        Charset charset = charsets[random.nextInt(charsets.length)];
        boolean bom = charset.name().startsWith("UTF-16") || (charset == StandardCharsets.UTF_8 && random.nextBoolean());
        String nl = random.nextBoolean() ? "\r\n" : "\n";
        boolean oneLine = random.nextInt(10) == 0;
        String indent = random.nextBoolean() ? "\t" : " ".repeat(random.nextInt(5));
        String prefix = random.nextInt(4) == 0 ? "p" + random.nextInt(3) + ":" : "";
        StringBuilder xml = new StringBuilder();
        if (bom) {
            xml.append('\uFEFF');
        }
        if (random.nextBoolean() || charset == StandardCharsets.ISO_8859_1 || charset.name().startsWith("UTF-16")) {
            String declared = charset.name().startsWith("UTF-16") ? "UTF-16" : charset.name();
            xml.append("<?xml version=\"1.0\" encoding=\"").append(declared).append("\"?>").append(nl);
        }
        boolean doctype = prefix.isEmpty() && random.nextInt(3) == 0;
        if (doctype) {
            xml.append("<!DOCTYPE web-app PUBLIC \"-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN\" ")
                    .append("\"http://127.0.0.1:9/web-app_2_3.dtd\"");
            if (random.nextBoolean()) {
                xml.append(" [").append(nl).append("  <!ENTITY app \"Caf\u00e9 and ] &#62;\">").append(nl)
                        .append("  <!-- ]> <display-name> -->").append(nl).append("]");
            }
            xml.append(">").append(nl);
        }
        if (random.nextBoolean()) {
            xml.append("<!-- <distributable/> before the root -->").append(nl);
        }
        String namespace = doctype ? "" : " xmlns" + (prefix.isEmpty() ? "" : ":" + prefix.substring(0, 2))
                + "=\"https://jakarta.ee/xml/ns/jakartaee\" version='6.0'";
        xml.append("<").append(prefix).append("web-app").append(namespace).append(">");
        List<String> children = new ArrayList<>();
        for (String leading : LEADING) {
            if (random.nextBoolean()) {
                children.add(leading);
            }
        }
        if (random.nextInt(5) == 0) {
            Collections.shuffle(children, random);
        }
        int body = random.nextInt(6);
        for (int i = 0; i < body; i++) {
            children.add(BODY.get(random.nextInt(BODY.size())));
        }
        if (random.nextInt(4) == 0) {
            Collections.shuffle(children, random);
        }
        for (String child : children) {
            String sep = oneLine ? "" : nl + indent;
            if (random.nextInt(4) == 0) {
                xml.append(sep).append("<!-- <").append(prefix).append("distributable/> -->");
            }
            if (random.nextInt(6) == 0) {
                xml.append(sep).append("<?pi data?>");
            }
            xml.append(sep).append(element(prefix, child, random, doctype));
            if (random.nextInt(5) == 0) {
                xml.append(" <!-- trailing -->");
            }
            if (!oneLine && random.nextInt(8) == 0) {
                xml.append("   ");
            }
        }
        xml.append(oneLine ? "" : nl).append("</").append(prefix).append("web-app>");
        if (!oneLine && random.nextBoolean()) {
            xml.append(nl);
        }
        return new Generated(xml.toString().getBytes(charset), charset);
    }

    private static String element(String prefix, String name, Random random, boolean doctype) {
        String text;
        switch (random.nextInt(5)) {
            case 0:
                text = "<![CDATA[<" + prefix + "distributable/> ]]>";
                break;
            case 1:
                text = "M\u00fcller &amp; Co &lt;x&gt;";
                break;
            case 2:
                text = doctype ? "&app;" : "&#233;t\u00e9";
                break;
            case 3:
                return "<" + prefix + name + " id=\"" + name + "\"/>";
            default:
                text = "value";
        }
        String attributes = random.nextBoolean() ? "" : " id='a&gt;b'";
        return "<" + prefix + name + attributes + ">" + text + "</" + prefix + name + ">";
    }

    private static byte[] mutate(byte[] bytes, Random random) {
        if (bytes.length < 2) {
            return bytes;
        }
        switch (random.nextInt(3)) {
            case 0:
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1: {
                byte[] copy = bytes.clone();
                for (int i = 0; i < 1 + random.nextInt(3); i++) {
                    copy[random.nextInt(copy.length)] = (byte) MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
                }
                return copy;
            }
            default: {
                int from = random.nextInt(bytes.length);
                int to = Math.min(bytes.length, from + random.nextInt(20));
                byte[] copy = new byte[bytes.length - (to - from)];
                System.arraycopy(bytes, 0, copy, 0, from);
                System.arraycopy(bytes, to, copy, from, bytes.length - to);
                return copy;
            }
        }
    }
}
