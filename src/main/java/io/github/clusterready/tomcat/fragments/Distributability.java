package io.github.clusterready.tomcat.fragments;

import java.util.Collections;
import java.util.List;

/**
 * Whether Tomcat will treat a WAR as distributable, and if not, every reason why, each naming the exact place
 * and what the user can do about it.
 */
public final class Distributability {
    private final List<String> problems;
    private final List<Fragment> mergedFragments;
    private final boolean metadataComplete;

    Distributability(List<String> problems, List<Fragment> mergedFragments, boolean metadataComplete) {
        this.problems = Collections.unmodifiableList(problems);
        this.mergedFragments = Collections.unmodifiableList(mergedFragments);
        this.metadataComplete = metadataComplete;
    }

    /** Whether Tomcat will replicate the WAR's sessions: web.xml and every merged fragment are distributable. */
    public boolean isDistributable() {
        return problems.isEmpty();
    }

    /** The reasons the WAR is not distributable; empty when it is. */
    public List<String> problems() {
        return problems;
    }

    /** The fragments Tomcat merges into web.xml, whose distributable flags count. */
    public List<Fragment> mergedFragments() {
        return mergedFragments;
    }

    /** Whether web.xml is metadata-complete, so that no fragment is merged. */
    public boolean isMetadataComplete() {
        return metadataComplete;
    }
}
