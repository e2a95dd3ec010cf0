package io.github.clusterready.tomcat.session;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A real webapp for the tests: Java sources compiled with the JDK's compiler against the Servlet APIs, packed into
 * a real WAR with {@code java.util.zip}.
 */
public class Webapp {
    static final String DISTRIBUTABLE_WEB_XML = "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
            + "version=\"6.0\">\n  <distributable/>\n</web-app>\n";

    private final Path dir;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> extra = new LinkedHashMap<>();

    public Webapp(Path dir) {
        this.dir = dir;
    }

    /** Adds a source file; its path is taken from its package and first public or top-level type. */
    public Webapp source(String path, String text) {
        sources.put(path, text);
        return this;
    }

    public Webapp entry(String name, byte[] content) {
        extra.put(name, content);
        return this;
    }

    /** Compiles the sources into {@code dir/classes}, with debug information as Maven compiles by default. */
    public Path compile() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, source.getValue().getBytes(UTF_8));
            files.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(Arrays.asList("-g", "-d", classes.toString(), "-cp", servletApis(),
                "-nowarn", "-Xlint:none", "-proc:none"));
        args.addAll(files);
        StringWriter errors = new StringWriter();
        int status = compiler.run(null, null, new java.io.PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                errors.write(b);
            }
        }, true), args.toArray(new String[0]));
        if (status != 0) {
            throw new IllegalStateException("fixture does not compile:\n" + errors);
        }
        return classes;
    }

    /** Compiles and packs the webapp: a distributable web.xml, the classes, and the extra entries. */
    public Path war(String name) throws IOException {
        Path classes = compile();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/web.xml", DISTRIBUTABLE_WEB_XML.getBytes(UTF_8));
        entries.putAll(tree(classes, "WEB-INF/classes/"));
        entries.putAll(extra);
        return zip(dir.resolve(name), entries);
    }

    /** The class files under {@code root}, named {@code prefix + relative path}. */
    public static Map<String, byte[]> tree(Path root, String prefix) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                entries.put(prefix + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return entries;
    }

    public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    public static byte[] jar(Map<String, byte[]> entries) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The jars of the jakarta and javax Servlet APIs on the test classpath: the webapp's compile classpath. */
    static List<Path> servletApiJars() {
        return Arrays.asList(location(jakarta.servlet.http.HttpSession.class),
                location(javax.servlet.http.HttpSession.class));
    }

    private static String servletApis() {
        return servletApiJars().stream().map(Path::toString)
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
