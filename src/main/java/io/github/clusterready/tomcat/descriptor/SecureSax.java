package io.github.clusterready.tomcat.descriptor;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;

/**
 * The JDK's SAX parser set up to read a document without ever leaving its bytes: no external DTD is loaded, no
 * external entity resolved, no XInclude followed, and entity expansion is bounded (the JDK's secure processing
 * limits). One setup for every XML file the plugin reads: web.xml and web-fragment.xml, the base server.xml it
 * edits, and the server.xml files it checks.
 */
public final class SecureSax {
    private SecureSax() {
    }

    /**
     * A new factory of such parsers, non-validating.
     *
     * @param namespaceAware true for descriptors (Jakarta EE namespaces); false for server.xml, which Tomcat's
     *     digester reads without namespaces
     */
    public static SAXParserFactory factory(boolean namespaceAware) throws ParserConfigurationException,
            SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(namespaceAware);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory;
    }
}
