package io.github.clusterready.tomcat.war;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary file beside it and one atomic move, so that readers see either the old
 * file or the complete new one, and a failure at any step leaves the old file as it was and no temporary file.
 * A target that is a symbolic link is written through: the file it leads to is replaced (the temporary file is
 * made in that file's directory, so the move stays on one file system) and the link stays a link.
 */
public final class AtomicFile {
    /** As many links in a row as Linux follows (MAXSYMLINKS) before it reports a loop. */
    private static final int MAX_LINKS = 40;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    /** Writes the content of a file to an open channel. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel out, Path temporary) throws IOException, WarException;
    }

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with what {@code content} writes.
     *
     * @param permissionsFrom a file whose POSIX permissions the new file takes (may be {@code target}), or null
     */
    public static void write(Path target, Path permissionsFrom, Content content) throws IOException, WarException {
        try (Pending pending = prepare(target, permissionsFrom, content)) {
            pending.commit();
        }
    }

    /**
     * Writes what {@code content} writes to a temporary file beside {@code target} (beside the file a link leads
     * to), with the permissions of {@code permissionsFrom}, and leaves it there until {@link Pending#commit()}:
     * several files that belong together are all written before any of them replaces its target.
     */
    public static Pending prepare(Path target, Path permissionsFrom, Content content)
            throws IOException, WarException {
        return prepare(target, permissionsFrom, null, content);
    }

    /** Like {@link #write(Path, byte[])}, but the new file replaces {@code target} only on {@link Pending#commit()}. */
    public static Pending prepare(Path target, byte[] bytes) throws IOException {
        return prepare(target, bytes, null);
    }

    /**
     * Like {@link #write(Path, byte[], Set)}, but the new file replaces {@code target} only on
     * {@link Pending#commit()}.
     */
    public static Pending prepare(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        try {
            return prepare(target, Files.exists(target) ? target : null, permissions,
                    (out, temporary) -> ZipWriter.writeFully(out, ByteBuffer.wrap(bytes)));
        } catch (WarException e) {
            throw new IllegalStateException("writing bytes raised no WAR problem", e);
        }
    }

    /** Like {@link #copy(Path, Path)}, but the copy replaces {@code target} only on {@link Pending#commit()}. */
    public static Pending prepareCopy(Path source, Path target) throws IOException, WarException {
        return prepare(target, source, (out, temporary) -> {
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                ZipWriter.copyRange(in, 0, in.size(), out);
            }
        });
    }

    private static Pending prepare(Path link, Path permissionsFrom, Set<PosixFilePermission> permissions,
            Content content) throws IOException, WarException {
        Path target = linkTarget(link);
        Path directory = target.getParent();
        Path temporary = createTemporary(directory, "." + target.getFileName() + ".");
        Pending pending = new Pending(target, temporary);
        try {
            // No TRUNCATE_EXISTING: createTemporary made the file, empty. Truncating it anyway makes ext4
            // (auto_da_alloc) write the whole file back to disk when the channel is closed, which costs as much as a
            // good part of the copy (the benchmark in src/test/.../bench shows it).
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                content.writeTo(out, temporary);
            }
            if (permissions == null) {
                copyPermissions(permissionsFrom, temporary);
            } else {
                PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
                if (view != null) {
                    view.setPermissions(permissions);
                }
            }
            return pending;
        } catch (IOException | WarException | RuntimeException | Error e) {
            pending.close();
            throw e;
        }
    }

    /**
     * Creates a new empty file {@code <prefix><number>.tmp}, readable and writable by its owner only, like
     * {@link Files#createTempFile}; but named from {@link ThreadLocalRandom}, since createTempFile's SecureRandom
     * costs a fresh Maven JVM about 15 ms (measured) to seed. The name need not be unguessable: the file is created
     * exclusively (O_EXCL), so a file or link already there is never opened, only stepped around.
     */
    private static Path createTemporary(Path directory, String prefix) throws IOException {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        for (int attempt = 0; ; attempt++) {
            Path file = directory.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                return posix ? Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                        : Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** A new file written beside its target; closing it without {@link #commit()} deletes it. */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path temporary;
        private boolean done;

        Pending(Path target, Path temporary) {
            this.target = target;
            this.temporary = temporary;
        }

        /** Moves the new file over the target in one step (where the file system can), once. */
        public void commit() throws IOException {
            if (done) {
                throw new IllegalStateException(target + " was committed already");
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        }

        /** Deletes the new file unless it was committed. */
        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Replaces {@code target} with {@code bytes}, keeping the permissions of the file it replaces. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, null);
    }

    /**
     * Replaces {@code target} with {@code bytes} in a file that has {@code permissions} where POSIX applies; with
     * null, those of the file it replaces (else rw-r--r--).
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        try (Pending pending = prepare(target, bytes, permissions)) {
            pending.commit();
        }
    }

    /** Replaces {@code target} with a copy of {@code source}. */
    public static void copy(Path source, Path target) throws IOException, WarException {
        try (Pending pending = prepareCopy(source, target)) {
            pending.commit();
        }
    }

    /**
     * The file that writing to {@code path} replaces: {@code path} itself, or, when it is a symbolic link, the file
     * its chain of links leads to (which need not exist yet). Moving a new file onto the link itself would turn the
     * link into a regular file and leave the file it pointed to as it was.
     */
    public static Path linkTarget(Path path) throws IOException {
        Path file = path.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(file); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(path.toString(), null,
                        "more than " + MAX_LINKS + " symbolic links in a row (a loop?)");
            }
            // Not normalized: ".." after a linked directory is the file system's to resolve, not ours.
            file = file.resolveSibling(Files.readSymbolicLink(file));
        }
        return file;
    }

    /**
     * Gives the new file the owner, group and permissions of {@code from} (where POSIX applies), so that replacing a
     * file never changes who owns it or its mode; without {@code from}, rw-r--r--. An owner the process may not
     * give (it is not root) is an error rather than a silent change.
     */
    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = from == null ? null
                : Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (target == null) {
            return;
        }
        if (source == null || !Files.exists(from)) {
            target.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
            return;
        }
        PosixFileAttributes original = source.readAttributes();
        PosixFileAttributes created = target.readAttributes();
        try {
            if (!created.group().equals(original.group())) {
                target.setGroup(original.group());
            }
            if (!created.owner().equals(original.owner())) {
                target.setOwner(original.owner());
            }
        } catch (FileSystemException e) {
            throw new FileSystemException(from.toString(), null, "it belongs to "
                    + original.owner().getName() + ":" + original.group().getName() + ", and its replacement would "
                    + "belong to " + created.owner().getName() + ":" + created.group().getName() + " (" + e.getReason()
                    + "); run the build as its owner");
        }
        // After the change of owner, which may clear set-user-ID and set-group-ID bits.
        target.setPermissions(original.permissions());
    }
}
