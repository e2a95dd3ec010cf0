package io.github.clusterready.tomcat.fragments;

import java.util.Optional;

/** A {@code META-INF/web-fragment.xml} found in a jar of {@code WEB-INF/lib}. */
public final class Fragment {
    private final String jar;
    private final String name;
    private final boolean distributable;

    Fragment(String jar, String name, boolean distributable) {
        this.jar = jar;
        this.name = name;
        this.distributable = distributable;
    }

    /** The jar's entry name in the WAR, e.g. {@code WEB-INF/lib/foo-1.2.jar}. */
    public String jar() {
        return jar;
    }

    /** The fragment's {@code <name>}, if it has one. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** Whether the fragment contains {@code <distributable/>}. */
    public boolean isDistributable() {
        return distributable;
    }

    /** Where the fragment is, for messages: {@code WEB-INF/lib/foo.jar!/META-INF/web-fragment.xml (fragment "foo")}. */
    public String describe() {
        return jar + "!/" + FragmentScanner.FRAGMENT + (name == null ? "" : " (fragment \"" + name + "\")");
    }
}
