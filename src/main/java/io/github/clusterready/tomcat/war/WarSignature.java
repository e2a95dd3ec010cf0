package io.github.clusterready.tomcat.war;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.Manifest;

/** What a {@code jarsigner} signature of a WAR covers: the manifest's per-entry digests, behind a signature file. */
public final class WarSignature {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final int MANIFEST_LIMIT = 64 * 1024 * 1024;

    private WarSignature() {
    }

    /**
     * The signature file ({@code META-INF/<signer>.SF}) of a signed WAR whose manifest has a digest of
     * {@code entryName}, so that changing the entry breaks the signature; empty when nothing signs it.
     */
    public static Optional<String> covering(WarArchive war, String entryName) throws IOException, WarException {
        // The manifest first: it is one entry, while the signature file is found by looking at every name.
        WarEntry manifest = war.find(MANIFEST);
        if (manifest == null) {
            return Optional.empty();
        }
        Manifest parsed;
        try {
            parsed = new Manifest(new ByteArrayInputStream(war.read(manifest, MANIFEST_LIMIT)));
        } catch (IOException | IllegalArgumentException e) {
            String signatureFile = signatureFile(war);
            if (signatureFile == null) {
                return Optional.empty(); // unsigned: there is no signature to break
            }
            // "invalid header field (line 2)", "line too long", or an attribute name the JDK refuses.
            throw new WarException(war.displayName() + "!/" + MANIFEST + " is not a valid manifest ("
                    + e.getMessage() + "), so it cannot tell what the signature " + signatureFile + " covers; "
                    + "fix the manifest (name: value lines of at most 72 bytes) and sign the WAR again", e);
        }
        return parsed.getEntries().containsKey(entryName) ? Optional.ofNullable(signatureFile(war))
                : Optional.empty();
    }

    /** The first {@code META-INF/<signer>.SF}, or null. */
    private static String signatureFile(WarArchive war) {
        for (WarEntry entry : war.entries()) {
            String name = entry.name();
            if (name.startsWith("META-INF/") && name.indexOf('/', 9) < 0 && name.toUpperCase(Locale.ROOT)
                    .endsWith(".SF")) {
                return name;
            }
        }
        return null;
    }
}
