package io.github.clusterready.tomcat.serverxml;

/**
 * One thing wrong in a node's server.xml: where (file, line, column), how bad, which rule, what is wrong, what
 * happens at run time, and how to fix it; with a {@link LineFix} where the fix is unambiguous.
 */
public final class Finding {
    private final String file;
    private final int line;
    private final int column;
    private final Severity severity;
    private final String rule;
    private final String problem;
    private final String whatHappens;
    private final String fix;
    private final LineFix lineFix;

    Finding(Position at, Severity severity, String rule, String problem, String whatHappens, String fix,
            LineFix lineFix) {
        this.file = at.file;
        this.line = at.line;
        this.column = at.column;
        this.severity = severity;
        this.rule = rule;
        this.problem = problem;
        this.whatHappens = whatHappens;
        this.fix = fix;
        this.lineFix = lineFix;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public Severity severity() {
        return severity;
    }

    /** The rule's name, e.g. {@code asynchronous-send-options}. */
    public String rule() {
        return rule;
    }

    public String problem() {
        return problem;
    }

    public String whatHappens() {
        return whatHappens;
    }

    public String fix() {
        return fix;
    }

    /** The correction {@code -Dtomcat-cluster.fix=true} writes, or null when the fix needs a person. */
    public LineFix lineFix() {
        return lineFix;
    }

    /** {@code file:line:column: [severity] rule: problem; at run time: …; fix: …}, on one line. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": [" + severity + "] " + rule + ": " + problem + "; at run time: "
                + whatHappens + "; fix: " + fix;
    }

    /** A place in a file: its name as shown, 1-based line and column. */
    static final class Position {
        final String file;
        final int line;
        final int column;

        Position(String file, int line, int column) {
            this.file = file;
            this.line = line;
            this.column = column;
        }
    }
}
