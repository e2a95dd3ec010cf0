package io.github.clusterready.tomcat.descriptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringTokenizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Parses deployment descriptors without ever leaving the byte array: external DTDs are not loaded,
 * external entities are not resolved, and entity expansion is bounded (the JDK's secure processing
 * limits), whatever the descriptor declares.
 *
 * <p>The JDK's SAX parser reports the few things a {@link Descriptor} holds as they stream past; no document tree
 * is built. A tree (dom4j's, which this class used before) cost a fresh Maven JVM some 30 ms of class loading per
 * build (measured), more than all else the {@code distributable} goal does with a {@code web.xml}.
 */
public final class DescriptorReader {
    private static final Pattern DTD_VERSION = Pattern.compile("(?:Web Application|Web Fragment) (\\d\\.\\d)");
    /** The SAX property for the handler that sees the DOCTYPE, where a DTD-based descriptor gives its version. */
    private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

    /**
     * Loads and initializes the XML parser's classes on a thread of its own, so that a fresh JVM (a Maven build)
     * pays for them beside other work rather than in the first {@link #read}; costs nothing when they are loaded.
     */
    public static void prepareInBackground() {
        Thread thread = new Thread(() -> {
            try {
                new DescriptorReader().read("<web-app/>".getBytes(StandardCharsets.UTF_8), "-");
            } catch (DescriptorException | RuntimeException e) {
                // the real read reports whatever is wrong
            }
        }, "tomcat-cluster-xml-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** Parses {@code xml}; {@code location} names the file in error messages. */
    public Descriptor read(byte[] xml, String location) throws DescriptorException {
        Outline outline = new Outline();
        XMLReader parser = reader();
        parser.setContentHandler(outline);
        parser.setErrorHandler(outline);
        try {
            parser.setProperty(LEXICAL_HANDLER, outline);
            parser.parse(input(xml, location));
        } catch (SAXParseException e) {
            throw new DescriptorException(location, e.getLineNumber(), e.getColumnNumber(),
                    "is not well-formed XML: " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new DescriptorException(location, -1, -1, "cannot be parsed: " + e.getMessage(), e);
        } finally {
            // Nothing of this document stays reachable from the reused parser.
            parser.setContentHandler(null);
            parser.setErrorHandler(null);
            try {
                parser.setProperty(LEXICAL_HANDLER, null);
            } catch (SAXException e) {
                // a parser that refuses null keeps this small handler until its next read
            }
        }
        return outline.descriptor();
    }

    /**
     * The parser's input: the bytes, which it decodes itself, but for the encodings it reads wrongly from the first
     * bytes (UTF-32 without a byte order mark, which it takes for UCS-4 and then refuses to match a declared
     * "UTF-32"; EBCDIC): those are decoded as {@link XmlEncoding} finds them, strictly, and given as characters.
     */
    private static InputSource input(byte[] xml, String location) throws DescriptorException {
        if (!XmlEncoding.isDecodedFirst(xml)) {
            return new InputSource(new ByteArrayInputStream(xml));
        }
        Charset charset = XmlEncoding.of(xml, location);
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(xml)).toString();
        } catch (CharacterCodingException e) {
            throw new DescriptorException(location, -1, -1, "contains bytes that are not valid " + charset.name()
                    + ", the encoding its first bytes and declaration give; save it as valid " + charset.name(), e);
        }
        return new InputSource(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
    }

    /**
     * What a {@link Descriptor} needs, collected while the parser reads: the root and its children. As
     * {@code DefaultHandler} does, only well-formedness errors stop the parser.
     */
    private static final class Outline extends DefaultHandler2 {
        private int depth;
        private String rootName;
        private String namespace;
        private String prefix;
        private String versionAttribute;
        private boolean metadataComplete;
        private String doctypePublicId;
        private boolean distributable;
        private final List<String> childNames = new ArrayList<>();
        private final List<String> allChildNames = new ArrayList<>();
        private final List<Boolean> inRootNamespace = new ArrayList<>();
        private String fragmentName;
        private List<String> orderingNames;
        private boolean orderingOthers;
        /** The element whose direct text is being collected (a root child called name, or an ordering's name). */
        private StringBuilder text;
        private int textDepth;
        /** Whether the current root child is the root's absolute-ordering. */
        private boolean inOrdering;

        @Override
        public void startDTD(String name, String publicId, String systemId) {
            doctypePublicId = publicId;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            depth++;
            if (depth == 1) {
                rootName = localName;
                namespace = uri;
                int colon = qName.indexOf(':');
                prefix = colon < 0 ? "" : qName.substring(0, colon);
                versionAttribute = attributes.getValue("", "version");
                metadataComplete = "true".equals(attributes.getValue("", "metadata-complete"));
            } else if (depth == 2) {
                allChildNames.add(localName);
                boolean inNamespace = uri.equals(namespace);
                inRootNamespace.add(inNamespace);
                inOrdering = false;
                if (inNamespace) {
                    childNames.add(localName);
                    if (localName.equals("distributable")) {
                        distributable = true;
                    } else if (localName.equals("name")) {
                        collectText();
                    } else if (localName.equals("absolute-ordering")) {
                        inOrdering = true;
                        orderingNames = new ArrayList<>();
                    }
                }
            } else if (depth == 3 && inOrdering) {
                // Any namespace: only the local names count inside <absolute-ordering>.
                if (localName.equals("name")) {
                    collectText();
                } else if (localName.equals("others")) {
                    orderingOthers = true;
                }
            }
        }

        private void collectText() {
            text = new StringBuilder();
            textDepth = depth;
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null && depth == textDepth) {
                text.append(ch, start, length); // the element's own text, not that of elements inside it
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (text != null && depth == textDepth) {
                String trimmed = collapseWhitespace(text);
                if (depth == 2) {
                    fragmentName = trimmed;
                } else {
                    orderingNames.add(trimmed);
                }
                text = null;
            }
            depth--;
        }

        /** Whitespace at the ends removed, and each run inside made one space. */
        private static String collapseWhitespace(CharSequence text) {
            StringBuilder result = new StringBuilder();
            for (StringTokenizer words = new StringTokenizer(text.toString()); words.hasMoreTokens();) {
                result.append(result.length() == 0 ? "" : " ").append(words.nextToken());
            }
            return result.toString();
        }

        Descriptor descriptor() {
            AbsoluteOrdering ordering = orderingNames == null ? null
                    : new AbsoluteOrdering(orderingNames, orderingOthers);
            return new Descriptor(rootName, namespace, prefix, version(), distributable, metadataComplete,
                    childNames, allChildNames, inRootNamespace, fragmentName, Optional.ofNullable(ordering));
        }

        private String version() {
            if (versionAttribute != null && !versionAttribute.trim().isEmpty()) {
                return versionAttribute.trim();
            }
            if (doctypePublicId != null) {
                Matcher matcher = DTD_VERSION.matcher(doctypePublicId);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            return "unknown";
        }
    }

    /**
     * Configured once: looking the factory up is far slower than parsing a descriptor. In a holder of its own, so
     * that creating a reader costs nothing and {@link #prepareInBackground} pays for the lookup.
     */
    private static final class Factory {
        static final SAXParserFactory INSTANCE = secureFactory();
    }

    private static SAXParserFactory secureFactory() {
        try {
            return SecureSax.factory(true);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The XML parser of this Java runtime cannot be made safe: " + e, e);
        }
    }

    /**
     * One parser per thread, reused: creating a parser costs more than parsing a descriptor. Xerces resets a
     * parser at the start of each parse, so nothing of one document leaks into the next.
     */
    private static final ThreadLocal<XMLReader> READERS = new ThreadLocal<>();

    private static XMLReader reader() {
        XMLReader reader = READERS.get();
        if (reader == null) {
            reader = newReader();
            READERS.set(reader);
        }
        return reader;
    }

    private static XMLReader newReader() {
        try {
            XMLReader xmlReader;
            synchronized (Factory.INSTANCE) {
                xmlReader = Factory.INSTANCE.newSAXParser().getXMLReader();
            }
            // Belt and braces: whatever a parser on the classpath does with the features above, any
            // external resource it still asks for is an empty document.
            xmlReader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return xmlReader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The XML parser of this Java runtime cannot be made safe: " + e, e);
        }
    }
}
