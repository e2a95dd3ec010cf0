package io.github.clusterready.tomcat.cluster;

import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.descriptor.DescriptorReader;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarEntry;
import io.github.clusterready.tomcat.war.WarException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;

/**
 * Which Servlet API a WAR is written against, read from the WAR itself: the namespace ({@code javax.servlet} or
 * {@code jakarta.servlet}) its classes and {@code WEB-INF/lib} jars reference, and the version its
 * {@code WEB-INF/web.xml} declares. For a WAR built elsewhere, or a project that names no Servlet API among its
 * dependencies.
 *
 * <p>Only the class files' constant pools are read (through ASM's {@link ClassReader}, which parses nothing else
 * until asked): a class that uses the API names its types there. Bounded: at most {@link #MAX_CLASSES} classes and
 * {@link #MAX_BYTES} bytes inflated in all, classes above {@link #MAX_CLASS_BYTES} are passed over, and the jars
 * are read only when the webapp's own classes name no Servlet type.
 */
public final class WarServletApi {
    /** The packages of the two namespaces, as class files spell them. */
    public enum Namespace {
        JAVAX("javax.servlet", "javax/servlet/"),
        JAKARTA("jakarta.servlet", "jakarta/servlet/");

        private final String packageName;
        private final String internalPrefix;

        Namespace(String packageName, String internalPrefix) {
            this.packageName = packageName;
            this.internalPrefix = internalPrefix;
        }

        @Override
        public String toString() {
            return packageName;
        }
    }

    static final int MAX_CLASSES = 20_000;
    static final long MAX_BYTES = 256L * 1024 * 1024;
    static final int MAX_CLASS_BYTES = 4 * 1024 * 1024;
    private static final int MAX_WEB_XML = 4 * 1024 * 1024;

    private final Namespace namespace;
    private final String evidence;
    private final String webXmlVersion;
    private final int classesRead;

    private WarServletApi(Namespace namespace, String evidence, String webXmlVersion, Budget budget) {
        this.namespace = namespace;
        this.evidence = evidence;
        this.webXmlVersion = webXmlVersion;
        this.classesRead = Math.min(budget.classes, MAX_CLASSES);
    }

    /** How many class files were read, up to {@link #MAX_CLASSES}. */
    public int classesRead() {
        return classesRead;
    }

    /** The namespace the WAR's classes use, if any class names a Servlet type. */
    public Optional<Namespace> namespace() {
        return Optional.ofNullable(namespace);
    }

    /** The first entry found using {@link #namespace()}: {@code WEB-INF/classes/shop/Cart.class}, or a jar's. */
    public String evidence() {
        return evidence;
    }

    /** The {@code version} of {@code WEB-INF/web.xml}, if it has one. */
    public Optional<String> webXmlVersion() {
        return Optional.ofNullable(webXmlVersion);
    }

    /**
     * Reads the WAR at {@code war}.
     *
     * @param shown the WAR as the user knows it, for messages
     */
    public static WarServletApi read(Path war, String shown) throws IOException, WarException, DescriptorException {
        try (WarArchive archive = WarArchive.open(war, shown)) {
            String version = null;
            WarEntry webXml = archive.findUnambiguous("WEB-INF/web.xml");
            if (webXml != null) {
                version = new DescriptorReader().read(archive.read(webXml, MAX_WEB_XML), shown + "!/WEB-INF/web.xml")
                        .version();
                version = version == null || version.trim().isEmpty() ? null : version.trim();
            }
            Budget budget = new Budget();
            for (WarEntry entry : archive.entries()) {
                if (entry.name().startsWith("WEB-INF/classes/") && entry.name().endsWith(".class")
                        && entry.size() <= MAX_CLASS_BYTES && budget.takeClass() && budget.takeBytes(entry.size())) {
                    Namespace found = namespaceOf(archive.read(entry, MAX_CLASS_BYTES));
                    if (found != null) {
                        return new WarServletApi(found, entry.name(), version, budget);
                    }
                }
            }
            for (WarEntry entry : archive.entries()) {
                String name = entry.name();
                if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar") && name.indexOf('/', 12) < 0) {
                    String found = scanJar(archive, entry, budget);
                    if (found != null) {
                        Namespace namespace = found.startsWith(Namespace.JAVAX.name()) ? Namespace.JAVAX
                                : Namespace.JAKARTA;
                        return new WarServletApi(namespace, name + "!/" + found.substring(found.indexOf(' ') + 1),
                                version, budget);
                    }
                }
            }
            return new WarServletApi(null, null, version, budget);
        }
    }

    /** "JAVAX a/B.class" for the first class of the jar that names a Servlet type, else null. */
    private static String scanJar(WarArchive archive, WarEntry jar, Budget budget) throws IOException, WarException {
        try (ZipInputStream in = new ZipInputStream(archive.open(jar))) {
            byte[] buffer = new byte[1 << 16];
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isDirectory() || !entry.getName().endsWith(".class")) {
                    continue;
                }
                byte[] bytes = budget.takeClass() ? readClass(in, buffer, budget) : null;
                if (bytes == null) {
                    return null;
                }
                Namespace found = bytes.length == 0 ? null : namespaceOf(bytes);
                if (found != null) {
                    return found.name() + " " + entry.getName();
                }
            }
            return null;
        } catch (ZipException e) {
            // a damaged library jar says nothing about the namespace; Tomcat reports it when it deploys the WAR
            return null;
        }
    }

    /** The class's bytes; empty when it is too large to read; null when the budget is spent. */
    private static byte[] readClass(InputStream in, byte[] buffer, Budget budget) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean tooLarge = false;
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            if (!budget.takeBytes(n)) {
                return null;
            }
            if (bytes.size() + n > MAX_CLASS_BYTES) {
                tooLarge = true;
            }
            if (!tooLarge) {
                bytes.write(buffer, 0, n);
            }
        }
        return tooLarge ? new byte[0] : bytes.toByteArray();
    }

    /** The namespace of the first Servlet type the class's constant pool names, or null. */
    static Namespace namespaceOf(byte[] classFile) {
        ClassReader reader;
        try {
            reader = new ClassReader(classFile);
        } catch (RuntimeException e) {
            return null; // not a class file: Tomcat says so if it loads it
        }
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            // getItem points past the tag byte; 1 is CONSTANT_Utf8, which holds every class name and descriptor.
            // Its modified UTF-8 spells ASCII as ASCII, so the package prefixes are compared as bytes.
            if (offset > 0 && classFile[offset - 1] == 1) {
                int start = offset + 2;
                int end = Math.min(classFile.length, start + reader.readUnsignedShort(offset));
                for (Namespace namespace : Namespace.values()) {
                    if (contains(classFile, start, end, namespace.internalPrefix)) {
                        return namespace;
                    }
                }
            }
        }
        return null;
    }

    private static boolean contains(byte[] bytes, int start, int end, String ascii) {
        int length = ascii.length();
        for (int at = start; at + length <= end; at++) {
            int i = 0;
            while (i < length && bytes[at + i] == ascii.charAt(i)) {
                i++;
            }
            if (i == length) {
                return true;
            }
        }
        return false;
    }

    /** The classes and bytes the scan may still read. */
    private static final class Budget {
        private int classes;
        private long bytes;

        /** Counts one more class; false once {@link #MAX_CLASSES} are read. */
        boolean takeClass() {
            return ++classes <= MAX_CLASSES;
        }

        /** Counts {@code size} more bytes; false once {@link #MAX_BYTES} are read. */
        boolean takeBytes(long size) {
            bytes += size;
            return bytes <= MAX_BYTES;
        }
    }
}
