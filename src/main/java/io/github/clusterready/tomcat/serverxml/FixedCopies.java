package io.github.clusterready.tomcat.serverxml;

import io.github.clusterready.tomcat.war.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a corrected copy of each node's file that has findings with an unambiguous fix: under
 * {@code <directory>/<node>/}, with the input's file name, each fix changing one line (never the input). Every
 * copy is read back as XML before any is written; each is written atomically.
 */
public final class FixedCopies {
    private FixedCopies() {
    }

    /** What was written: each copy with the fixes it holds. */
    public static Map<Path, List<LineFix>> write(ServerXmlCheck.Checked checked, Path directory)
            throws IOException, ServerXmlException {
        Map<String, List<LineFix>> byFile = new LinkedHashMap<>();
        for (Finding finding : checked.report().findings()) {
            if (finding.lineFix() != null) {
                byFile.computeIfAbsent(finding.file(), f -> new ArrayList<>()).add(finding.lineFix());
            }
        }
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        Map<Path, List<LineFix>> written = new LinkedHashMap<>();
        for (NodeConfig node : checked.nodes) {
            List<LineFix> fixes = byFile.get(node.file.shown);
            if (fixes == null) {
                continue;
            }
            String fixed = apply(node.file.text, fixes);
            ServerXmlReader.read(node.file.shown + " (fixed)", fixed.getBytes(node.file.charset));
            String fileName = node.file.shown.replaceAll(".*[/\\\\]", "");
            Path target = directory.resolve(node.name).resolve(fileName);
            contents.put(target, fixed.getBytes(node.file.charset));
            written.put(target, fixes);
        }
        for (Map.Entry<Path, byte[]> copy : contents.entrySet()) {
            Files.createDirectories(copy.getKey().getParent());
            AtomicFile.write(copy.getKey(), copy.getValue());
        }
        return written;
    }

    /** The text with the fixes applied, later columns of a line first so that earlier ones keep their place. */
    static String apply(String text, List<LineFix> fixes) throws ServerXmlException {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        List<LineFix> ordered = new ArrayList<>(fixes);
        ordered.sort(Comparator.comparingInt(LineFix::line).thenComparingInt(LineFix::column).reversed());
        for (LineFix fix : ordered) {
            String line = lines.get(fix.line() - 1);
            if (fix.after() == null) {
                lines.set(fix.line() - 1, null);
                continue;
            }
            int at = fix.column() - 1;
            if (!line.startsWith(fix.before(), at)) {
                throw new ServerXmlException("line " + fix.line() + " does not have \"" + fix.before() + "\" at "
                        + "column " + fix.column() + "; no copy written");
            }
            lines.set(fix.line() - 1, line.substring(0, at) + fix.after() + line.substring(at + fix.before().length()));
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == null) {
                continue;
            }
            out.append(lines.get(i));
            if (i < lines.size() - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
