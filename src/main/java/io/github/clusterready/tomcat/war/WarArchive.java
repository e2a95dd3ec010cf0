package io.github.clusterready.tomcat.war;

import static io.github.clusterready.tomcat.war.ZipFormat.CENTRAL_HEADER;
import static io.github.clusterready.tomcat.war.ZipFormat.CENTRAL_HEADER_SIZE;
import static io.github.clusterready.tomcat.war.ZipFormat.END_OF_CENTRAL_DIRECTORY;
import static io.github.clusterready.tomcat.war.ZipFormat.END_OF_CENTRAL_DIRECTORY_SIZE;
import static io.github.clusterready.tomcat.war.ZipFormat.LOCAL_HEADER;
import static io.github.clusterready.tomcat.war.ZipFormat.LOCAL_HEADER_SIZE;
import static io.github.clusterready.tomcat.war.ZipFormat.MAX_16;
import static io.github.clusterready.tomcat.war.ZipFormat.MAX_32;
import static io.github.clusterready.tomcat.war.ZipFormat.ZIP64_END_OF_CENTRAL_DIRECTORY;
import static io.github.clusterready.tomcat.war.ZipFormat.ZIP64_END_SIZE;
import static io.github.clusterready.tomcat.war.ZipFormat.ZIP64_EXTRA;
import static io.github.clusterready.tomcat.war.ZipFormat.ZIP64_LOCATOR;
import static io.github.clusterready.tomcat.war.ZipFormat.ZIP64_LOCATOR_SIZE;
import static io.github.clusterready.tomcat.war.ZipFormat.u16;
import static io.github.clusterready.tomcat.war.ZipFormat.u32;
import static io.github.clusterready.tomcat.war.ZipFormat.u64;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * A WAR opened for reading: its central directory is read once, and single entries are read on demand.
 * Nothing else of the archive is read, so opening a WAR costs the same whatever its size.
 */
public final class WarArchive implements AutoCloseable {
    private final Path path;
    private final String displayName;
    final FileChannel channel;
    private final List<WarEntry> entries;
    /** Each name's entry (the first, when a name is there more than once), so that finding one costs no scan. */
    private final Map<String, WarEntry> byName;
    /** The names held more than once; almost always empty. */
    private final Set<String> repeatedNames = new HashSet<>();
    /** Whether the entries' local headers come in central-directory order, as every archiver writes them. */
    private final boolean inOffsetOrder;
    /** The last name {@link #findUnambiguous} was asked for, and its answer: the rewrite asks again. */
    private volatile Lookup unambiguous;
    /** Where the central directory starts, and where the data of the entries ends. */
    final long centralDirectoryOffset;
    final long centralDirectorySize;
    /** Where the ZIP64 end record (or, without one, the end record) starts: what follows the central directory. */
    final long endRecordsOffset;
    final byte[] endOfCentralDirectory;
    final byte[] zip64EndOfCentralDirectory;

    private WarArchive(Path path, String displayName, FileChannel channel) throws IOException, WarException {
        this.path = path;
        this.displayName = displayName;
        this.channel = channel;
        long size = channel.size();
        long eocdPosition = findEndOfCentralDirectory(size);
        endOfCentralDirectory = read(eocdPosition, (int) (size - eocdPosition));
        long entryCount = u16(endOfCentralDirectory, 10);
        long cdSize = u32(endOfCentralDirectory, 12);
        long cdOffset = u32(endOfCentralDirectory, 16);
        byte[] zip64End = null;
        long endRecords = eocdPosition;
        if (eocdPosition >= ZIP64_LOCATOR_SIZE) {
            byte[] locator = read(eocdPosition - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
            if (u32(locator, 0) == ZIP64_LOCATOR) {
                long zip64Position = u64(locator, 8);
                long zip64Room = eocdPosition - ZIP64_LOCATOR_SIZE - zip64Position;
                if (zip64Position < 0 || zip64Room < ZIP64_END_SIZE) {
                    throw corrupt("its Zip64 locator gives the Zip64 end record an offset (" + Long.toUnsignedString(
                            zip64Position) + ") outside the file" + prependedHint(eocdPosition, zip64Position));
                }
                byte[] head = read(zip64Position, ZIP64_END_SIZE);
                if (u32(head, 0) != ZIP64_END_OF_CENTRAL_DIRECTORY) {
                    throw corrupt("its Zip64 end of central directory record is missing"
                            + prependedHint(eocdPosition, zip64Position));
                }
                long recordSize = u64(head, 4) + 12;
                if (recordSize < ZIP64_END_SIZE || recordSize > zip64Room) {
                    throw corrupt("its Zip64 end record gives itself a size (" + Long.toUnsignedString(recordSize)
                            + " bytes) that does not fit before its locator");
                }
                zip64End = read(zip64Position, (int) recordSize);
                entryCount = u64(zip64End, 32);
                cdSize = u64(zip64End, 40);
                cdOffset = u64(zip64End, 48);
                endRecords = zip64Position;
            }
        }
        // Zip64 fields are unsigned 64-bit numbers: above Long.MAX_VALUE they read as negative here.
        if (cdOffset < 0 || cdSize < 0 || entryCount < 0 || cdOffset + cdSize > endRecords
                || cdSize > Integer.MAX_VALUE) {
            throw corrupt("its end record puts the central directory (" + Long.toUnsignedString(cdSize)
                    + " bytes at offset " + Long.toUnsignedString(cdOffset) + ") outside the file");
        }
        if (cdOffset + cdSize != endRecords) {
            if (isCentralHeader(endRecords - cdSize)) {
                throw corrupt(prepended(endRecords - cdSize - cdOffset));
            }
            throw corrupt("data stands between its central directory and its end record");
        }
        this.zip64EndOfCentralDirectory = zip64End;
        this.centralDirectoryOffset = cdOffset;
        this.centralDirectorySize = cdSize;
        this.endRecordsOffset = endRecords;
        this.byName = new HashMap<>((int) Math.min(entryCount * 4 / 3 + 1, 1 << 21));
        DirectoryReader directory = new DirectoryReader(read(cdOffset, (int) cdSize), cdOffset, entryCount);
        this.entries = Collections.unmodifiableList(directory.readAll());
        this.inOffsetOrder = directory.inOffsetOrder;
        if (!inOffsetOrder) {
            checkNoSharedBytes(); // in offset order, the reader has checked it record by record
        }
    }

    /**
     * Refuses entries that share bytes: two central-directory records for one local header, or an entry whose data
     * runs into the next one's. Readers accept such archives (a "zip bomb" is one), but a rewrite that moves or
     * replaces one of them changes the other. Each entry spans at least its local header, its name (the same name
     * as in the central directory) and its compressed data; only the replaced entry's local header is read (in
     * {@link WarRewriter}), so opening stays one read of the central directory.
     */
    private void checkNoSharedBytes() throws WarException {
        List<WarEntry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(entry -> entry.localHeaderOffset));
        SharedBytesCheck check = new SharedBytesCheck();
        for (WarEntry entry : byOffset) {
            check.next(entry);
        }
    }

    /** The check of {@link #checkNoSharedBytes}, entry by entry in the order of their local headers. */
    private final class SharedBytesCheck {
        /** The entry whose bytes reach furthest so far, and where they end. */
        private WarEntry reaching;
        private long reach;

        void next(WarEntry entry) throws WarException {
            if (reaching != null && entry.localHeaderOffset < reach) {
                throw sharedBytes(reaching, entry, reach);
            }
            long end = entry.localHeaderOffset + LOCAL_HEADER_SIZE + entry.nameByteLength() + entry.compressedSize;
            if (reaching == null || end > reach) {
                reaching = entry;
                reach = end;
            }
        }
    }

    WarException sharedBytes(WarEntry first, WarEntry second, long firstEnd) {
        String where = first.localHeaderOffset == second.localHeaderOffset
                ? "both start at byte " + first.localHeaderOffset
                : second.name() + " starts at byte " + second.localHeaderOffset + ", inside " + first.name()
                        + " (bytes " + first.localHeaderOffset + " to " + firstEnd + ")";
        return new WarException(displayName + " is not a well-formed WAR (ZIP) file: its entries " + first.name()
                + " and " + second.name() + " share bytes (" + where + "), which only a damaged or crafted archive "
                + "does, and rewriting one would change the other; rebuild the WAR with maven-war-plugin or jar");
    }

    /** Opens the WAR at {@code path} and reads its central directory. */
    public static WarArchive open(Path path) throws IOException, WarException {
        return open(path, path.toString());
    }

    /**
     * Opens the WAR at {@code path} and reads its central directory.
     *
     * @param displayName the WAR as the user knows it, e.g. {@code target/app.war}, for messages
     */
    public static WarArchive open(Path path, String displayName) throws IOException, WarException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new WarException(displayName + " does not exist", e);
        }
        try {
            return new WarArchive(path, displayName, channel);
        } catch (IOException | WarException e) {
            channel.close();
            throw e;
        } catch (RuntimeException e) {
            // A field this reader does not check yet (a negative position, an index out of range) still names the
            // file, rather than failing the build with a bare "Negative position".
            channel.close();
            throw new WarException(displayName + " is not a readable WAR (ZIP) file: its structure is inconsistent ("
                    + e + ")", e);
        }
    }

    /** The archive's path. */
    public Path path() {
        return path;
    }

    /** The WAR as the user knows it, for messages. */
    public String displayName() {
        return displayName;
    }

    /** Every entry, in central-directory order. */
    public List<WarEntry> entries() {
        return entries;
    }

    /**
     * The entry called {@code name}, or null when there is none.
     *
     * @throws WarException when the archive holds the name more than once
     */
    public WarEntry find(String name) throws WarException {
        WarEntry found = byName.get(name);
        if (found != null && repeatedNames.contains(name)) {
            throw new WarException(displayName + " holds " + name + " more than once, so it is ambiguous "
                    + "which one a servlet container reads; rebuild the WAR so that it holds one");
        }
        return found;
    }

    /**
     * The entry called {@code name}, or null when there is none; refuses a WAR that holds, besides or instead of
     * it, an entry that is not called {@code name} but unpacks to the same file or in its place: {@code ./name},
     * {@code /name}, {@code WEB-INF/../name}, {@code name} in other letter case (one file on case-insensitive file
     * systems), {@code name/} (a directory) or anything under it.
     *
     * @param name a normalized name, e.g. {@code WEB-INF/web.xml}
     * @throws WarException naming the WAR and the entry, when there is such an entry or {@code name} is there twice
     */
    public WarEntry findUnambiguous(String name) throws WarException {
        Lookup previous = unambiguous;
        if (previous != null && previous.name.equals(name)) {
            return previous.entry;
        }
        for (WarEntry entry : entries) {
            if (mayUnpackOnto(entry, name) && !entry.name().equals(name) && unpacksOnto(entry.name(), name)) {
                throw new WarException(displayName + " holds the entry \"" + entry.name() + "\", which is not "
                        + name + " but unpacks to it or in its place, so which one a servlet container reads is "
                        + "ambiguous; rebuild the WAR so that it holds " + name + " under exactly that name and "
                        + "nothing else by a similar name");
            }
        }
        WarEntry found = find(name);
        unambiguous = new Lookup(name, found);
        return found;
    }

    /**
     * A quick test that {@link #unpacksOnto} passes every entry it might be true for: a plain name (see
     * {@link WarEntry#hasPlainName()}) unpacks as it is, so onto {@code name} only if it starts with it in some letter
     * case. A loop over each name's characters here ran interpreted over the 20,000 names of a large WAR and took a
     * good part of the goal's own time in a fresh Maven JVM (docs/performance.md); plainness is found while the
     * directory is read, in code the JVM has compiled by then.
     */
    private static boolean mayUnpackOnto(WarEntry entry, String name) {
        return !entry.hasPlainName() || entry.name().regionMatches(true, 0, name, 0, name.length());
    }

    private static final class Lookup {
        final String name;
        final WarEntry entry;

        Lookup(String name, WarEntry entry) {
            this.name = name;
            this.entry = entry;
        }
    }

    /** Whether unpacking the entry {@code entryName} writes the file {@code name} or something in its place. */
    private static boolean unpacksOnto(String entryName, String name) {
        List<String> segments = new ArrayList<>();
        for (String segment : entryName.replace('\\', '/').split("/")) {
            if (segment.equals("..") && !segments.isEmpty() && !segments.get(segments.size() - 1).equals("..")) {
                segments.remove(segments.size() - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        String path = String.join("/", segments);
        return path.equalsIgnoreCase(name)
                || path.length() > name.length() && path.regionMatches(true, 0, name + "/", 0, name.length() + 1);
    }

    /**
     * Reads and checks the uncompressed content of {@code entry}.
     *
     * @param limit the largest content accepted; a larger entry is an error, not an allocation
     */
    public byte[] read(WarEntry entry, int limit) throws IOException, WarException {
        if (entry.size > limit) {
            throw new WarException(displayName + "!/" + entry.name() + " is " + entry.size + " bytes, more than the "
                    + limit + " bytes this plugin reads for it");
        }
        // One byte more than the limit is read, to tell "too large" from "just fits". A plain loop rather than
        // commons-io's bounded stream and toByteArray: their builders load some forty classes, which cost a fresh
        // Maven JVM more (about 20 ms, measured) than reading a web.xml does.
        CRC32 crc = new CRC32();
        try (InputStream in = open(entry)) {
            byte[] bytes = new byte[(int) Math.min(entry.size, limit) + 1];
            int length = 0;
            int n;
            while (length < bytes.length && (n = in.read(bytes, length, bytes.length - length)) > 0) {
                length += n;
            }
            if (length > limit) {
                throw new WarException(displayName + "!/" + entry.name() + " expands to more than " + limit + " bytes");
            }
            crc.update(bytes, 0, length);
            if (crc.getValue() != entry.crc || length != entry.size) {
                throw corrupt("entry " + entry.name() + " does not match its checksum or size");
            }
            return Arrays.copyOf(bytes, length);
        } catch (ZipException e) {
            throw new WarException(displayName + "!/" + entry.name() + " cannot be decompressed: " + e.getMessage(), e);
        }
    }

    /** Streams the uncompressed content of {@code entry}; the caller checks what it needs. */
    public InputStream open(WarEntry entry) throws IOException, WarException {
        if (entry.isEncrypted()) {
            throw new WarException(displayName + "!/" + entry.name() + " is encrypted, which a WAR must not be");
        }
        long dataStart = dataStart(entry);
        InputStream raw = Channels.newInputStream(new RangeChannel(channel, dataStart, entry.compressedSize));
        if (entry.method == WarEntry.METHOD_STORED) {
            return raw;
        }
        if (entry.method == WarEntry.METHOD_DEFLATED) {
            Inflater inflater = new Inflater(true);
            return new InflaterInputStream(raw, inflater, 1 << 16) {
                @Override
                public void close() throws IOException {
                    super.close();
                    inflater.end();
                }
            };
        }
        throw new WarException(displayName + "!/" + entry.name() + " uses compression method " + entry.method
                + "; servlet containers read only stored and deflated entries");
    }

    /**
     * The bytes of a stored (not compressed) entry, readable at any position without copying them: a window of
     * the WAR file, e.g. to read a library jar's central directory in place.
     */
    public SeekableByteChannel openStored(WarEntry entry) throws IOException, WarException {
        if (entry.method != WarEntry.METHOD_STORED || entry.isEncrypted()) {
            throw new IllegalArgumentException(entry.name() + " is not a stored entry");
        }
        if (entry.compressedSize != entry.size) {
            throw corrupt("entry " + entry.name() + " is stored, but records " + entry.compressedSize + " bytes and "
                    + "a size of " + entry.size);
        }
        return new RangeChannel(channel, dataStart(entry), entry.compressedSize);
    }

    /** Where the entry's compressed data starts, after its local header. */
    long dataStart(WarEntry entry) throws IOException, WarException {
        byte[] local = read(entry.localHeaderOffset, LOCAL_HEADER_SIZE);
        if (u32(local, 0) != LOCAL_HEADER) {
            throw corrupt("entry " + entry.name() + " has no local header where the central directory says");
        }
        return entry.localHeaderOffset + LOCAL_HEADER_SIZE + u16(local, 26) + u16(local, 28);
    }

    /** The local header of {@code entry}, with its name and extra field. */
    byte[] localHeader(WarEntry entry) throws IOException, WarException {
        byte[] fixed = read(entry.localHeaderOffset, LOCAL_HEADER_SIZE);
        if (u32(fixed, 0) != LOCAL_HEADER) {
            throw corrupt("entry " + entry.name() + " has no local header where the central directory says");
        }
        return read(entry.localHeaderOffset, LOCAL_HEADER_SIZE + u16(fixed, 26) + u16(fixed, 28));
    }

    /**
     * Where the bytes of the entry after {@code entry} start: its successor's local header, or the central directory.
     */
    long endOf(WarEntry entry) {
        if (inOffsetOrder) {
            int index = entries.indexOf(entry);
            return index + 1 < entries.size() ? entries.get(index + 1).localHeaderOffset : centralDirectoryOffset;
        }
        long end = centralDirectoryOffset;
        for (WarEntry other : entries) {
            if (other.localHeaderOffset > entry.localHeaderOffset && other.localHeaderOffset < end) {
                end = other.localHeaderOffset;
            }
        }
        return end;
    }

    /** Whether a central-directory record starts at {@code position}. */
    private boolean isCentralHeader(long position) throws IOException, WarException {
        return position >= 0 && position + 4 <= channel.size() && u32(read(position, 4), 0) == CENTRAL_HEADER;
    }

    /** Says so when the Zip64 end record is where {@code recorded} says, moved by bytes put before the archive. */
    private String prependedHint(long eocdPosition, long recorded) throws IOException, WarException {
        long actual = eocdPosition - ZIP64_LOCATOR_SIZE - ZIP64_END_SIZE;
        if (actual > recorded && recorded >= 0
                && u32(read(actual, 4), 0) == ZIP64_END_OF_CENTRAL_DIRECTORY) {
            return ": " + prepended(actual - recorded);
        }
        return "";
    }

    private static String prepended(long bytes) {
        return bytes + " bytes were put before the archive (a launcher or self-extracting stub?) without adjusting "
                + "the offsets it records; rebuild the WAR without them, or add them after this goal";
    }

    WarException corrupt(String problem) {
        return new WarException(displayName + " is not a readable WAR (ZIP) file: " + problem);
    }

    private long findEndOfCentralDirectory(long size) throws IOException, WarException {
        if (size < END_OF_CENTRAL_DIRECTORY_SIZE) {
            throw corrupt("it is only " + size + " bytes long");
        }
        int tail = (int) Math.min(size, END_OF_CENTRAL_DIRECTORY_SIZE + MAX_16);
        byte[] bytes = read(size - tail, tail);
        int trailing = -1;
        for (int at = tail - END_OF_CENTRAL_DIRECTORY_SIZE; at >= 0; at--) {
            if (u32(bytes, at) == END_OF_CENTRAL_DIRECTORY) {
                int end = at + END_OF_CENTRAL_DIRECTORY_SIZE + u16(bytes, at + 20);
                if (end == tail) {
                    return size - tail + at;
                }
                if (end < tail && trailing < 0) {
                    trailing = tail - end;
                }
            }
        }
        if (trailing > 0) {
            throw corrupt(trailing + " bytes follow its end of central directory record (were they appended to the "
                    + "WAR?); rebuild the WAR, or append them after this goal");
        }
        throw corrupt("it has no end of central directory record");
    }

    /**
     * Reads the central directory record by record into entries, indexes their names and checks that no two share
     * bytes. All the work on one record is one call of {@link #read}, not the body of one long loop: a Maven JVM
     * compiles a method once it has run a few hundred times, while the body of a loop of 20,000 turns in a method
     * called once runs interpreted to its end (docs/performance.md).
     */
    private final class DirectoryReader {
        private final byte[] cd;
        /** Where the entries' data ends: the central directory's offset. */
        private final long dataEnd;
        private final long expectedCount;
        private final List<WarEntry> result;
        private final SharedBytesCheck sharedBytes = new SharedBytesCheck();
        private long previousOffset = -1;
        boolean inOffsetOrder = true;

        DirectoryReader(byte[] cd, long dataEnd, long expectedCount) {
            this.cd = cd;
            this.dataEnd = dataEnd;
            this.expectedCount = expectedCount;
            this.result = new ArrayList<>((int) Math.min(expectedCount, 1 << 20));
        }

        List<WarEntry> readAll() throws WarException {
            int at = 0;
            while (at < cd.length) {
                at = read(at);
            }
            if (result.size() != expectedCount && expectedCount != MAX_16) {
                throw corrupt("its central directory lists " + result.size() + " entries, its end record "
                        + expectedCount);
            }
            return result;
        }

        /** Reads the record at {@code at}, and returns where the next one starts. */
        private int read(int at) throws WarException {
            WarEntry entry = record(at);
            result.add(entry);
            if (byName.putIfAbsent(entry.name(), entry) != null) {
                repeatedNames.add(entry.name());
            }
            if (entry.localHeaderOffset <= previousOffset) {
                inOffsetOrder = false;
            }
            if (inOffsetOrder) {
                sharedBytes.next(entry);
            }
            previousOffset = entry.localHeaderOffset;
            return at + entry.recordLength;
        }

        private WarEntry record(int at) throws WarException {
            int size = cd.length;
            if (at + CENTRAL_HEADER_SIZE > size || u32(cd, at) != CENTRAL_HEADER) {
                throw corrupt("its central directory is damaged after " + result.size() + " entries");
            }
            int flags = u16(cd, at + 8);
            int method = u16(cd, at + 10);
            long crc = u32(cd, at + 16);
            long compressedSize = u32(cd, at + 20);
            long uncompressedSize = u32(cd, at + 24);
            int nameLength = u16(cd, at + 28);
            int extraLength = u16(cd, at + 30);
            int commentLength = u16(cd, at + 32);
            long localOffset = u32(cd, at + 42);
            int recordLength = CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
            if (at + recordLength > size) {
                throw corrupt("its central directory is damaged after " + result.size() + " entries");
            }
            String name = WarEntry.decodeName(cd, at + CENTRAL_HEADER_SIZE, nameLength);
            int offsetField = 42;
            boolean zip64Offset = false;
            int extraStart = at + CENTRAL_HEADER_SIZE + nameLength;
            if (uncompressedSize == MAX_32 || compressedSize == MAX_32 || localOffset == MAX_32) {
                int field = ZipFormat.findExtra(cd, extraStart, extraStart + extraLength, ZIP64_EXTRA);
                if (field < 0) {
                    throw corrupt("entry " + name + " lacks its Zip64 extra field");
                }
                int next = field;
                int fieldEnd = field + u16(cd, field - 2);
                if (uncompressedSize == MAX_32) {
                    if (next + 8 > fieldEnd) {
                        throw corrupt("entry " + name + " has a Zip64 extra field too short for its sizes");
                    }
                    uncompressedSize = u64(cd, next);
                    next += 8;
                }
                if (compressedSize == MAX_32) {
                    if (next + 8 > fieldEnd) {
                        throw corrupt("entry " + name + " has a Zip64 extra field too short for its sizes");
                    }
                    compressedSize = u64(cd, next);
                    next += 8;
                }
                if (localOffset == MAX_32) {
                    if (next + 8 > fieldEnd) {
                        throw corrupt("entry " + name + " has a Zip64 extra field too short for its offset");
                    }
                    localOffset = u64(cd, next);
                    offsetField = next - at;
                    zip64Offset = true;
                }
            }
            // Zip64 values above Long.MAX_VALUE read as negative.
            if (localOffset < 0 || localOffset >= dataEnd) {
                throw corrupt("entry " + name + " records its local header at offset "
                        + Long.toUnsignedString(localOffset) + ", outside the entries' data (0 to " + dataEnd + ")");
            }
            if (compressedSize < 0 || uncompressedSize < 0 || localOffset + compressedSize > dataEnd) {
                throw corrupt("entry " + name + " extends into the central directory");
            }
            return new WarEntry(name, plainName(at + CENTRAL_HEADER_SIZE, nameLength), cd, at, recordLength, method,
                    flags, crc, compressedSize, uncompressedSize, localOffset, offsetField, zip64Offset);
        }

        /** Whether the name stored at {@code from} is plain, as {@link WarEntry#hasPlainName()} says. */
        private boolean plainName(int from, int length) {
            int end = from + length;
            int segmentStart = from;
            for (int at = from; at <= end; at++) {
                if (at == end || cd[at] == '/') {
                    int segment = at - segmentStart;
                    boolean trailingSlash = at == end && at > from;
                    if (segment == 0 && !trailingSlash
                            || segment == 1 && cd[segmentStart] == '.'
                            || segment == 2 && cd[segmentStart] == '.' && cd[segmentStart + 1] == '.') {
                        return false;
                    }
                    segmentStart = at + 1;
                } else if (cd[at] == '\\') {
                    return false;
                }
            }
            return true;
        }
    }

    byte[] read(long position, int length) throws IOException, WarException {
        // Positional reads, which commons-io has none of: they leave the channel's position alone, so the fragment
        // scan and the rewrite can read the one channel at the same time.
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw corrupt("it ends early, at byte " + at);
            }
            at += n;
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
