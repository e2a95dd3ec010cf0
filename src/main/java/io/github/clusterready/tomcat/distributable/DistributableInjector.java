package io.github.clusterready.tomcat.distributable;

import io.github.clusterready.tomcat.descriptor.Descriptor;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.descriptor.DescriptorReader;
import io.github.clusterready.tomcat.descriptor.WebAppVersion;
import io.github.clusterready.tomcat.descriptor.WebXmlEditor;
import io.github.clusterready.tomcat.fragments.DistributabilityCheck;
import io.github.clusterready.tomcat.fragments.Fragment;
import io.github.clusterready.tomcat.war.AtomicFile;
import io.github.clusterready.tomcat.war.ParallelReads;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import io.github.clusterready.tomcat.war.WarRewriter;
import io.github.clusterready.tomcat.war.WarSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Makes a WAR distributable: adds {@code <distributable/>} to its {@code WEB-INF/web.xml}, or adds a minimal
 * distributable {@code web.xml} when it has none, and does the same to the exploded webapp directory. A WAR that
 * is distributable already is not touched. Everything is checked before anything is written.
 */
public final class DistributableInjector {
    public static final String WEB_XML = "WEB-INF/web.xml";
    /** Descriptors larger than this are refused rather than read into memory. */
    static final int WEB_XML_LIMIT = 16 * 1024 * 1024;
    private static final Set<PosixFilePermission> ANY_WRITE = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final WebXmlEditor editor = new WebXmlEditor();
    private final WarRewriter rewriter = new WarRewriter();
    private final DistributabilityCheck check = new DistributabilityCheck();

    /** What to make distributable and how; everything but the WAR has a default. */
    public static final class Request {
        final Path war;
        final Path baseDirectory;
        Path output;
        Path explodedDirectory;
        WebAppVersion generatedVersion = WebAppVersion.V6_0;
        Instant timestamp;
        boolean checkFragments = true;
        boolean failOnSignedWar = true;

        /**
         * @param war the WAR to make distributable, in place unless {@link #output} says otherwise
         * @param baseDirectory paths in messages are shown relative to it
         */
        public Request(Path war, Path baseDirectory) {
            this.war = war;
            this.baseDirectory = baseDirectory;
            this.output = war;
        }

        /** Where the distributable WAR goes: the WAR itself (the default), or another file. */
        public Request output(Path file) {
            this.output = file;
            return this;
        }

        /** The exploded webapp to update as well; none by default. */
        public Request explodedDirectory(Path directory) {
            this.explodedDirectory = directory;
            return this;
        }

        /** The version of a web.xml generated for a WAR without one; 6.0 by default. */
        public Request generatedVersion(WebAppVersion version) {
            this.generatedVersion = version;
            return this;
        }

        /** The new web.xml entry's time (the project's outputTimestamp); by default the old entry's. */
        public Request timestamp(Instant time) {
            this.timestamp = time;
            return this;
        }

        /**
         * Whether to look, after adding {@code <distributable/>}, for library web fragments that still keep the WAR
         * from replicating; this reads every jar in {@code WEB-INF/lib}. On by default.
         */
        public Request checkFragments(boolean check) {
            this.checkFragments = check;
            return this;
        }

        /**
         * Whether a WAR whose signature covers web.xml is refused (the default) rather than left with a broken
         * signature.
         */
        public Request failOnSignedWar(boolean fail) {
            this.failOnSignedWar = fail;
            return this;
        }
    }

    /** What was done. */
    public enum Outcome {
        /** {@code <distributable/>} was added to the WAR's web.xml. */
        ADDED,
        /** The WAR had no web.xml; a distributable one was added. */
        CREATED,
        /** The WAR's web.xml was distributable already; nothing was rewritten. */
        ALREADY_DISTRIBUTABLE
    }

    /** The outcome, the descriptor's Servlet version, and what the user should know about the result. */
    public static final class Result {
        private final Outcome outcome;
        private final String servletVersion;
        private final boolean explodedUpdated;
        private final List<String> warnings;
        private final long fragmentCheckMillis;

        Result(Outcome outcome, String servletVersion, boolean explodedUpdated, List<String> warnings,
                long fragmentCheckMillis) {
            this.outcome = outcome;
            this.servletVersion = servletVersion;
            this.explodedUpdated = explodedUpdated;
            this.warnings = Collections.unmodifiableList(warnings);
            this.fragmentCheckMillis = fragmentCheckMillis;
        }

        /** How long the check of the web fragments took (it runs beside the rewrite), or -1 when there was none. */
        public long fragmentCheckMillis() {
            return fragmentCheckMillis;
        }

        public Outcome outcome() {
            return outcome;
        }

        /** The Servlet version of the WAR's web.xml, e.g. {@code 6.0}. */
        public String servletVersion() {
            return servletVersion;
        }

        /** Whether the exploded webapp's web.xml was written. */
        public boolean explodedUpdated() {
            return explodedUpdated;
        }

        /**
         * What still keeps the WAR from replicating, or what the change broke: merged web fragments without
         * {@code <distributable/>}, a signature that no longer verifies. Empty when all is well.
         */
        public List<String> warnings() {
            return warnings;
        }
    }

    public Result inject(Request request) throws IOException, WarException, DescriptorException {
        DescriptorReader.prepareInBackground(); // while the central directory is read
        String warName = display(request, request.war);
        try (OpenWar opened = new OpenWar(WarArchive.open(request.war, warName))) {
            WarArchive war = opened.archive;
            WarEntry entry = war.findUnambiguous(WEB_XML);
            byte[] webXml;
            Outcome outcome;
            Descriptor descriptor;
            if (entry == null) {
                webXml = request.generatedVersion.distributableWebXml();
                outcome = Outcome.CREATED;
                descriptor = new DescriptorReader().read(webXml, "generated " + WEB_XML);
            } else {
                WebXmlEditor.Edit edit = editor.makeDistributable(war.read(entry, WEB_XML_LIMIT),
                        warName + "!/" + WEB_XML);
                webXml = edit.bytes();
                outcome = edit.changed() ? Outcome.ADDED : Outcome.ALREADY_DISTRIBUTABLE;
                descriptor = edit.descriptor();
            }
            Optional<String> signature = outcome == Outcome.ADDED ? WarSignature.covering(war, WEB_XML)
                    : Optional.empty();
            if (signature.isPresent() && request.failOnSignedWar) {
                throw new WarException(warName + " is signed (" + signature.get() + ") and the signature covers "
                        + WEB_XML + ", so adding <distributable/> would break it: sign the WAR after "
                        + "tomcat-cluster:distributable (bind the signing to the package phase after this plugin), or "
                        + "set <failOnSignedWar>false</failOnSignedWar> to make it distributable and re-sign it "
                        + "yourself");
            }
            ExplodedWebXml exploded = explodedEdit(request, webXml);
            List<String> warnings = new ArrayList<>();
            if (signature.isPresent()) {
                warnings.add("The signature " + signature.get() + " of " + display(request, request.output)
                        + " no longer matches " + WEB_XML + "; sign the WAR again (failOnSignedWar is false)");
            }
            // The fragment scan reads the WAR's jars while the rewrite copies the WAR (mostly the kernel's work):
            // they are independent, so the scan runs beside it, and is waited for before anything is moved into place.
            FragmentScan scan = request.checkFragments && outcome != Outcome.ALREADY_DISTRIBUTABLE
                    ? new FragmentScan(war, warName, descriptor, display(request, request.output),
                            request.explodedDirectory)
                    : null;
            try {
                // The WAR and the exploded webapp are one change: both are checked, then both written to temporary
                // files, and only then moved over their targets, so a failure before the moves changes neither.
                String outputName = display(request, request.output);
                boolean writesWar = outcome != Outcome.ALREADY_DISTRIBUTABLE || !request.output.equals(request.war);
                if (writesWar) {
                    checkWritable(request, request.output, outputName, true);
                }
                if (exploded != null) {
                    // Not refused when read-only: war:war copies the source's mode (a read-only checkout gives
                    // r--r--r--), and the rename that replaces it keeps that mode.
                    checkWritable(request, exploded.file, display(request, exploded.file), false);
                }
                try (AtomicFile.Pending warCopy = !writesWar ? null
                            : outcome == Outcome.ALREADY_DISTRIBUTABLE
                                    ? AtomicFile.prepareCopy(request.war, request.output)
                            : rewriter.prepareReplaceEntry(war, WEB_XML, webXml, request.timestamp, request.output);
                        AtomicFile.Pending explodedCopy = exploded == null ? null
                            : prepareExploded(request, exploded, outputName)) {
                    if (scan != null) {
                        warnings.addAll(scan.warnings());
                    }
                    if (warCopy != null) {
                        warCopy.commit();
                        opened.replaced = request.output.equals(request.war);
                    }
                    if (explodedCopy != null) {
                        explodedCopy.commit();
                    }
                }
                return new Result(outcome, descriptor.version(), exploded != null, warnings,
                        scan == null ? -1 : scan.millis);
            } finally {
                if (scan != null) {
                    scan.awaitEnd(); // before the WAR is closed under it, when the rewrite failed
                }
            }
        }
    }

    /**
     * The WAR being read, closed on a thread of its own once a rewrite has replaced its file: the last close of a
     * replaced file is when the kernel frees its blocks, about 50 ms for a 200 MB WAR on ext4 (measured), which the
     * build need not wait for. The new WAR is in place by then; a close that fails has nothing left to lose.
     */
    private static final class OpenWar implements AutoCloseable {
        final WarArchive archive;
        boolean replaced;

        OpenWar(WarArchive archive) {
            this.archive = archive;
        }

        @Override
        public void close() throws IOException {
            if (!replaced) {
                archive.close();
                return;
            }
            Thread closer = new Thread(() -> {
                try {
                    archive.close();
                } catch (IOException e) {
                    // the file is gone already; nothing refers to it
                }
            }, "tomcat-cluster-release-replaced-war");
            closer.setDaemon(true);
            closer.start();
        }
    }

    /** The fragment check of {@link #fragmentWarnings}, on a thread of its own. */
    private final class FragmentScan {
        private final FutureTask<List<String>> task;
        private volatile long millis = -1;

        FragmentScan(WarArchive war, String warName, Descriptor webXml, String output, Path explodedDirectory) {
            task = new FutureTask<>(() -> {
                long started = System.nanoTime();
                List<String> warnings = fragmentWarnings(war, warName, webXml, output, explodedDirectory);
                millis = (System.nanoTime() - started) / 1_000_000;
                return warnings;
            });
            Thread thread = new Thread(task, "tomcat-cluster-fragment-check");
            thread.setDaemon(true);
            thread.start();
        }

        List<String> warnings() throws IOException, WarException {
            return ParallelReads.result(task, "checking the web fragments");
        }

        void awaitEnd() {
            boolean interrupted = false;
            while (!task.isDone()) {
                try {
                    task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Merged fragments that still keep the WAR from replicating; a library the scan cannot read is one too. */
    private List<String> fragmentWarnings(WarArchive war, String warName, Descriptor webXml, String output,
            Path explodedDirectory) throws IOException {
        List<String> warnings = new ArrayList<>();
        try {
            for (Fragment fragment : check.mergedFragments(war, warName, webXml, explodedDirectory)) {
                if (!fragment.isDistributable()) {
                    warnings.add(fragment.describe() + " is not distributable, so Tomcat will still not replicate "
                            + "the sessions of " + output + "; tomcat-cluster:verify explains what to do");
                }
            }
        } catch (WarException | DescriptorException e) {
            warnings.add("Could not check the web fragments of " + warName + ", so it may still not replicate "
                    + "sessions: " + e.getMessage());
        }
        return warnings;
    }

    /** The exploded web.xml's new content, or null when there is nothing to write. */
    private ExplodedWebXml explodedEdit(Request request, byte[] generated) throws IOException, DescriptorException {
        if (request.explodedDirectory == null || !Files.isDirectory(request.explodedDirectory)) {
            return null;
        }
        Path file = request.explodedDirectory.resolve(WEB_XML);
        if (!Files.exists(file)) {
            return new ExplodedWebXml(file, generated);
        }
        WebXmlEditor.Edit edit = editor.makeDistributable(Files.readAllBytes(file), display(request, file));
        return edit.changed() ? new ExplodedWebXml(file, edit.bytes()) : null;
    }

    /** The exploded web.xml written beside its target; an I/O failure names it, not the WAR. */
    private static AtomicFile.Pending prepareExploded(Request request, ExplodedWebXml exploded, String warName)
            throws WarException {
        try {
            Files.createDirectories(exploded.file.getParent());
            return AtomicFile.prepare(exploded.file, exploded.bytes);
        } catch (IOException e) {
            throw new WarException("Could not write " + display(request, exploded.file) + " in the exploded webapp ("
                    + e + "), so " + warName + " was left as it was too; make " + display(request,
                    request.explodedDirectory) + " writable, or delete it (mvn clean)", e);
        }
    }

    /**
     * Refuses, before anything is written, a file that cannot be replaced: a directory, one whose directory is
     * read-only, where the temporary copy goes, and with {@code refuseReadOnly} a read-only file (one the user may
     * not write, or that nobody may: Files.isWritable says yes to root whatever the mode). The file's mode is never
     * changed to get round it.
     */
    private static void checkWritable(Request request, Path file, String shown, boolean refuseReadOnly)
            throws IOException, WarException {
        Path target = AtomicFile.linkTarget(file);
        if (Files.isDirectory(target)) {
            throw new WarException(shown + " is a directory, so it cannot be written as a file; remove it or "
                    + "choose another file");
        }
        Path directory = target.getParent();
        while (directory != null && Files.notExists(directory)) {
            directory = directory.getParent();
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw new WarException("Cannot write " + shown + ": " + (directory == null ? "its directory does not exist"
                    : display(request, directory) + " is not a directory") + "; nothing was changed");
        }
        if (!Files.isWritable(directory)) {
            throw new WarException("Cannot write " + shown + ": its directory " + display(request, directory)
                    + " is read-only (the new file is written there first, then moved over the old one); nothing "
                    + "was changed. Make the directory writable");
        }
        // After the directory: on a read-only file system every file is read-only too, whatever its mode.
        if (refuseReadOnly && Files.exists(target)) {
            PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            Set<PosixFilePermission> mode = view == null ? null : view.readAttributes().permissions();
            if (!Files.isWritable(target) || mode != null && Collections.disjoint(mode, ANY_WRITE)) {
                throw new WarException(shown + " is read-only" + (mode == null ? "" : " ("
                        + PosixFilePermissions.toString(mode) + ")") + ", so it was left as it is; make it writable "
                        + "(chmod u+w " + shown + ") before this goal runs");
            }
        }
    }

    private static final class ExplodedWebXml {
        final Path file;
        final byte[] bytes;

        ExplodedWebXml(Path file, byte[] bytes) {
            this.file = file;
            this.bytes = bytes;
        }
    }

    private static String display(Request request, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = request.baseDirectory == null ? null : request.baseDirectory.toAbsolutePath().normalize();
        String shown = base != null && absolute.startsWith(base) ? base.relativize(absolute).toString()
                : absolute.toString();
        return shown.isEmpty() ? "." : shown.replace('\\', '/');
    }
}
