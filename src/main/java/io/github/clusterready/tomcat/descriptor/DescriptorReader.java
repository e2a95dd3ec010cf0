package io.github.clusterready.tomcat.descriptor;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.DocumentType;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Parses deployment descriptors without ever leaving the byte array: external DTDs are not loaded,
 * external entities are not resolved, and entity expansion is bounded (the JDK's secure processing
 * limits), whatever the descriptor declares.
 */
public final class DescriptorReader {
    private static final Pattern DTD_VERSION = Pattern.compile("(?:Web Application|Web Fragment) (\\d\\.\\d)");

    /**
     * Loads and initializes the XML parser's classes on a thread of its own, so that a fresh JVM (a Maven build)
     * pays for them beside other work rather than in the first {@link #read}; costs nothing when they are loaded.
     */
    public static void prepareInBackground() {
        Thread thread = new Thread(() -> {
            try {
                new DescriptorReader().read("<web-app/>".getBytes(java.nio.charset.StandardCharsets.UTF_8), "-");
            } catch (DescriptorException | RuntimeException e) {
                // the real read reports whatever is wrong
            }
        }, "tomcat-cluster-xml-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** Parses {@code xml}; {@code location} names the file in error messages. */
    public Descriptor read(byte[] xml, String location) throws DescriptorException {
        Document document = parse(xml, location);
        Element root = document.getRootElement();
        String namespace = root.getNamespaceURI();
        boolean distributable = false;
        List<String> childNames = new ArrayList<>();
        List<String> allChildNames = new ArrayList<>();
        List<Boolean> inRootNamespace = new ArrayList<>();
        String fragmentName = null;
        AbsoluteOrdering ordering = null;
        for (Element child : root.elements()) {
            allChildNames.add(child.getName());
            inRootNamespace.add(child.getNamespaceURI().equals(namespace));
            if (!child.getNamespaceURI().equals(namespace)) {
                continue;
            }
            String name = child.getName();
            childNames.add(name);
            if (name.equals("distributable")) {
                distributable = true;
            } else if (name.equals("name")) {
                fragmentName = child.getTextTrim();
            } else if (name.equals("absolute-ordering")) {
                ordering = absoluteOrdering(child);
            }
        }
        return new Descriptor(root.getName(), namespace, root.getNamespacePrefix(), version(document, root),
                distributable, "true".equals(root.attributeValue("metadata-complete")), childNames, allChildNames,
                inRootNamespace, fragmentName,
                Optional.ofNullable(ordering));
    }

    private static AbsoluteOrdering absoluteOrdering(Element element) {
        List<String> names = new ArrayList<>();
        boolean others = false;
        for (Element entry : element.elements()) {
            if (entry.getName().equals("name")) {
                names.add(entry.getTextTrim());
            } else if (entry.getName().equals("others")) {
                others = true;
            }
        }
        return new AbsoluteOrdering(names, others);
    }

    private static String version(Document document, Element root) {
        String declared = root.attributeValue("version");
        if (declared != null && !declared.trim().isEmpty()) {
            return declared.trim();
        }
        DocumentType doctype = document.getDocType();
        if (doctype != null && doctype.getPublicID() != null) {
            Matcher matcher = DTD_VERSION.matcher(doctype.getPublicID());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return "unknown";
    }

    Document parse(byte[] xml, String location) throws DescriptorException {
        InputSource source = new InputSource(new ByteArrayInputStream(xml));
        try {
            return reader().read(source);
        } catch (DocumentException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof SAXParseException) {
                SAXParseException parse = (SAXParseException) cause;
                throw new DescriptorException(location, parse.getLineNumber(), parse.getColumnNumber(),
                        "is not well-formed XML: " + parse.getMessage(), e);
            }
            throw new DescriptorException(location, -1, -1, "cannot be parsed: " + cause.getMessage(), e);
        }
    }

    /** Configured once: looking the factory up is far slower than parsing a descriptor. */
    private static final SAXParserFactory FACTORY = secureFactory();

    private static SAXParserFactory secureFactory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The XML parser of this Java runtime cannot be made safe: " + e, e);
        }
    }

    /**
     * One parser per thread, reused: creating a parser costs more than parsing a descriptor. Xerces resets a
     * parser at the start of each parse, so nothing of one document leaks into the next.
     */
    private static final ThreadLocal<SAXReader> READERS = new ThreadLocal<>();

    private static SAXReader reader() {
        SAXReader reader = READERS.get();
        if (reader == null) {
            reader = newReader();
            READERS.set(reader);
        }
        return reader;
    }

    private static SAXReader newReader() {
        try {
            XMLReader xmlReader;
            synchronized (FACTORY) {
                xmlReader = FACTORY.newSAXParser().getXMLReader();
            }
            // Belt and braces: whatever a parser on the classpath does with the features above, any
            // external resource it still asks for is an empty document.
            xmlReader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            SAXReader reader = new SAXReader(xmlReader);
            reader.setIncludeExternalDTDDeclarations(false);
            reader.setIncludeInternalDTDDeclarations(false);
            reader.setMergeAdjacentText(true);
            reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The XML parser of this Java runtime cannot be made safe: " + e, e);
        }
    }
}
