package io.github.clusterready.tomcat.descriptor;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What the plugin needs to know of a parsed {@code web.xml} or {@code web-fragment.xml}: the root element,
 * its Servlet version, whether it is distributable, and the names of the root's child elements.
 */
public final class Descriptor {
    private final String rootName;
    private final String namespace;
    private final String prefix;
    private final String version;
    private final boolean distributable;
    private final boolean metadataComplete;
    private final List<String> childNames;
    /** Local names of all the root's child elements, whatever their namespace. */
    final List<String> allChildNames;
    /** For each of {@link #allChildNames}: whether it is in the root's namespace. */
    final List<Boolean> inRootNamespace;
    private final String fragmentName;
    private final Optional<AbsoluteOrdering> absoluteOrdering;

    Descriptor(String rootName, String namespace, String prefix, String version, boolean distributable,
            boolean metadataComplete, List<String> childNames, List<String> allChildNames,
            List<Boolean> inRootNamespace, String fragmentName,
            Optional<AbsoluteOrdering> absoluteOrdering) {
        this.rootName = rootName;
        this.namespace = namespace;
        this.prefix = prefix;
        this.version = version;
        this.distributable = distributable;
        this.metadataComplete = metadataComplete;
        this.childNames = Collections.unmodifiableList(childNames);
        this.allChildNames = Collections.unmodifiableList(allChildNames);
        this.inRootNamespace = Collections.unmodifiableList(inRootNamespace);
        this.fragmentName = fragmentName;
        this.absoluteOrdering = absoluteOrdering;
    }

    /** The root element's local name: {@code web-app} or {@code web-fragment}. */
    public String rootName() {
        return rootName;
    }

    /** The root element's namespace URI, empty for DTD-based descriptors. */
    public String namespace() {
        return namespace;
    }

    /** The root element's namespace prefix, empty when it has none. */
    public String prefix() {
        return prefix;
    }

    /** The Servlet specification version the descriptor declares, e.g. {@code 6.0}, or "unknown". */
    public String version() {
        return version;
    }

    /** Whether the root has a {@code distributable} child in its own namespace. */
    public boolean isDistributable() {
        return distributable;
    }

    /** Whether the root carries {@code metadata-complete="true"}. */
    public boolean isMetadataComplete() {
        return metadataComplete;
    }

    /** Local names of the root's child elements, in document order. */
    public List<String> childNames() {
        return childNames;
    }

    /** The fragment's {@code <name>}, for a web-fragment.xml that has one. */
    public Optional<String> fragmentName() {
        return Optional.ofNullable(fragmentName);
    }

    /** The web.xml's {@code <absolute-ordering>}, when it has one. */
    public Optional<AbsoluteOrdering> absoluteOrdering() {
        return absoluteOrdering;
    }
}
