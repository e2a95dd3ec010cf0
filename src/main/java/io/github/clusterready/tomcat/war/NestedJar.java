package io.github.clusterready.tomcat.war;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipException;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.commons.io.IOUtils;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * The one bounded reader of the jars in a WAR's {@code WEB-INF/lib}, for every part of the plugin that reads them
 * (the web fragment scan, the session analysis); nothing is extracted to disk. Each jar is read the cheapest way its
 * bytes allow, through its central directory as Tomcat's {@code JarFile} does, so that only the wanted entries are
 * inflated: in place when the exploded webapp holds it or the WAR stores it uncompressed; after inflating it once
 * into memory when the WAR deflates it (up to {@link #IN_MEMORY_LIMIT}); larger deflated jars are streamed front to
 * back ({@link NestedJarReader}).
 *
 * <p>Bounded on hostile input (a nested zip bomb): a jar the WAR records as inflating to more than
 * {@link #ENTRY_LIMIT}, or that inflates to more than the WAR records, any entry of a jar recorded (or, streamed,
 * found) to inflate to more than {@link #ENTRY_LIMIT}, whether its sizes are in the local header, a data descriptor
 * or the central directory, is an error naming the jar and the entry; a wanted entry larger than the caller's limit
 * is handed to the caller unread.
 */
public final class NestedJar {
    /** An entry of a library jar (and a library jar) inflating to more than this is a zip bomb or damaged. */
    public static final long ENTRY_LIMIT = 1L << 30;
    /** Deflated jars up to this size are inflated into memory and read through their central directory. */
    public static final int IN_MEMORY_LIMIT = 64 * 1024 * 1024;

    /** Which entries a reader wants, told from the name's UTF-8 bytes (no string made for the others). */
    public interface Wanted {
        boolean wants(byte[] bytes, int at, int length);
    }

    /** Receives the wanted entries. */
    public interface EntryHandler {
        /** One wanted entry's content; false stops reading the jar. */
        boolean accept(String name, byte[] content) throws IOException, WarException;

        /** A wanted entry larger than the limit, unread: its size, or -1 when only "larger" is known. */
        void tooLarge(String name, long size) throws IOException, WarException;
    }

    private NestedJar() {
    }

    /** The entry {@code name} only. */
    public static Wanted named(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        return (bytes, at, length) -> length == wanted.length && regionEquals(bytes, at, wanted);
    }

    /**
     * Reads the wanted entries of the library {@code jar} of {@code war}.
     *
     * @param explodedDirectory the exploded webapp war:war packed the WAR from, or null: a jar there of the size the
     *        WAR records is read in place
     * @param inMemoryLimit the largest deflated jar inflated into memory (larger ones are streamed);
     *        {@link #IN_MEMORY_LIMIT} but in tests
     * @param limit the largest entry content accepted
     * @param location the jar as the user knows it ({@code target/app.war!/WEB-INF/lib/foo.jar}), for messages
     * @throws WarException when the jar is not a readable jar, or a bound is crossed, naming the jar (and entry)
     */
    public static void read(WarArchive war, WarEntry jar, Path explodedDirectory, long inMemoryLimit, Wanted wanted,
            int limit, String location, EntryHandler handler) throws IOException, WarException {
        try {
            // war:war packs the WAR from the exploded webapp: a jar there with the same size is the same jar.
            Path unpacked = explodedDirectory == null ? null : explodedDirectory.resolve(jar.name());
            if (unpacked != null && Files.isRegularFile(unpacked) && Files.size(unpacked) == jar.size()) {
                try (FileChannel file = FileChannel.open(unpacked, StandardOpenOption.READ)) {
                    JarDirectory.scan(file, wanted, limit, location, handler);
                    return;
                }
            }
            if (jar.isStored()) {
                try (SeekableByteChannel stored = war.openStored(jar)) {
                    JarDirectory.scan(stored, wanted, limit, location, handler);
                    return;
                }
            }
            if (jar.size() > ENTRY_LIMIT) {
                throw new WarException(location + " is recorded as inflating to " + jar.size() + " bytes, more than "
                        + "the " + ENTRY_LIMIT + " bytes (1 GiB) this plugin reads for a library jar: the WAR is "
                        + "damaged or a zip bomb. Replace the library and rebuild the WAR");
            }
            if (jar.size() <= inMemoryLimit) {
                byte[] bytes = new byte[(int) jar.size()];
                try (InputStream in = war.open(jar)) {
                    IOUtils.readFully(in, bytes);
                    if (in.read() >= 0) {
                        throw tooLong(jar);
                    }
                }
                JarDirectory.scan(new SeekableInMemoryByteChannel(bytes), wanted, limit, location, handler);
                return;
            }
            try (InputStream in = BoundedInputStream.builder().setInputStream(war.open(jar))
                    .setMaxCount(jar.size() + 1).setOnMaxCount((max, count) -> {
                        throw tooLong(jar);
                    }).get()) {
                NestedJarReader.scan(in, wanted, limit, location, handler);
            }
        } catch (ZipException | EOFException e) {
            throw new WarException(location + " is not a readable jar (" + e.getMessage() + "); Tomcat cannot "
                    + "read it either. Replace the damaged library and rebuild the WAR", e);
        }
    }

    static WarException tooLarge(String location, String entry, String size) {
        return new WarException(location + " holds " + entry + ", which inflates to " + size + " bytes, more than the "
                + ENTRY_LIMIT + " bytes (1 GiB) this plugin accepts for an entry of a library jar: the jar is damaged "
                + "or a zip bomb. Replace the library and rebuild the WAR");
    }

    private static ZipException tooLong(WarEntry jar) {
        return new ZipException("it inflates to more than the " + jar.size() + " bytes the WAR records for it");
    }

    private static boolean regionEquals(byte[] b, int at, byte[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            if (b[at + i] != wanted[i]) {
                return false;
            }
        }
        return true;
    }
}
