package io.github.clusterready.tomcat.descriptor;

import java.util.Collections;
import java.util.List;

/** A web.xml's {@code <absolute-ordering>}: the fragment names it lists and whether it has {@code <others/>}. */
public final class AbsoluteOrdering {
    private final List<String> names;
    private final boolean others;

    AbsoluteOrdering(List<String> names, boolean others) {
        this.names = Collections.unmodifiableList(names);
        this.others = others;
    }

    /** Fragment names listed in {@code <name>} elements, in order. */
    public List<String> names() {
        return names;
    }

    /** Whether {@code <others/>} appears, which merges every fragment not named. */
    public boolean includesOthers() {
        return others;
    }
}
