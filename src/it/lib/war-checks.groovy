// Helpers shared by the verify.groovy scripts of src/it. A script loads them into its own binding with
//   evaluate(new File(basedir, '../../../src/it/lib/war-checks.groovy'))
// and then calls them like its own methods. This folder has no pom.xml, so the invoker does not run it.
import java.util.zip.ZipFile

// The bytes of one entry of a WAR.
entryBytes = { File war, String name ->
    assert war.isFile() : "missing ${war}"
    new ZipFile(war).withCloseable { zip ->
        def entry = zip.getEntry(name)
        assert entry != null : "${war.name} has no ${name}"
        zip.getInputStream(entry).bytes
    }
}

// Byte-for-byte comparison that reports only 'what' (not two byte dumps) when it fails.
assertSameBytes = { byte[] expected, byte[] actual, String what ->
    boolean same = Arrays.equals(expected, actual)
    assert same : what
}

// One char per byte, split after each LF: every line keeps its own separator (LF or CRLF).
linesOf = { byte[] bytes -> new String(bytes, 'ISO-8859-1').split('(?<=\n)') as List }

show = { String s -> s == null ? '<none>' : s.replace('\r', '\\r').replace('\n', '\\n') }

// The index of the line after the first line of the source web.xml that contains 'marker'.
indexAfter = { byte[] source, String marker ->
    int i = linesOf(source).findIndexOf { it.contains(marker) }
    assert i >= 0 : "test setup: no line containing '${marker}' in the source web.xml"
    i + 1
}

// actual must be source plus exactly one line (text + the source's line separator) at index 'at'.
assertOneLineAdded = { byte[] source, byte[] actual, int at, String text, String what ->
    List<String> src = linesOf(source), out = linesOf(actual)
    String eol = src[0].endsWith('\r\n') ? '\r\n' : '\n'
    List<String> expected = src.take(at) + [text + eol] + src.drop(at)
    int i = 0
    while (i < expected.size() && i < out.size() && expected[i] == out[i]) i++
    boolean same = out == expected
    assert same : "${what}: first difference at line ${i + 1}: expected '${show(expected[i])}'" +
            " but found '${show(out[i])}' (${expected.size()} lines expected, ${out.size()} found)"
}

// build.log without ANSI colour codes; logLines also without the [LEVEL] prefix.
rawLogLines = { -> new File(basedir, 'build.log').readLines()*.replaceAll(/\u001B\[[0-9;]*[A-Za-z]/, '') }
logLines = { -> rawLogLines()*.replaceFirst(/^\[[A-Z]+\] /, '') }

// build.log has a line (without its [LEVEL] prefix) that starts with 'start'; the failure says which start it missed.
assertLogLineStartsWith = { String start ->
    assert logLines().any { it.startsWith(start) } : "build.log has no line starting with \"${start}\""
}

// Everything ZipFile tells about an entry that would change if its bytes were rewritten.
entryInfo = { File war ->
    new ZipFile(war).withCloseable { zip ->
        zip.entries().toList().collect { e ->
            [name: e.name, method: e.method, crc: e.crc, size: e.size, compressedSize: e.compressedSize,
             time: e.time, extra: e.extra?.encodeHex()?.toString(), comment: e.comment]
        }
    }
}

// The command line of every running process (Linux /proc), to check that no Tomcat a goal started still runs.
commandLines = { ->
    (new File('/proc').listFiles() ?: []).findAll { it.name ==~ /\d+/ }.collect { dir ->
        try { new File(dir, 'cmdline').text.replace('\u0000', ' ') } catch (IOException gone) { '' }
    }
}

// The command lines of the running processes that have a node base of this test on them: the Tomcat nodes its goals
// started (under target/tomcat-cluster/run/nodes of 'module', this test's own folder unless named) that still run.
nodesRunning = { String module = '.' ->
    String runDir = new File(basedir, "${module}/target/tomcat-cluster/run/nodes").canonicalPath
    commandLines().findAll { it.contains(runDir) }
}

// check-server-xml's findings, the '[WARNING] node…' lines of 'lines' (build.log), one by one and in order against
// 'expected': an expected line that ends in ';' is the start of its finding (the rest, what happens at run time and
// the fix, is the rule's own text), any other expected line is the whole finding.
assertFindings = { List<String> lines, List<String> expected ->
    def warnings = lines.findAll { it.startsWith('[WARNING] node') }
    assert warnings.size() == expected.size() :
            "expected ${expected.size()} findings, the log has:\n${warnings.join('\n')}"
    expected.eachWithIndex { String line, int i ->
        assert line.endsWith(';') ? warnings[i].startsWith(line) : warnings[i] == line :
                "finding ${i + 1}:\n  expected ${line}\n  found    ${warnings[i]}"
    }
}
