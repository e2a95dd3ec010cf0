package io.github.clusterready.tomcat.serverxml;

/**
 * An unambiguous correction of one line of a file: the text {@code before} at {@code column} of line {@code line}
 * becomes {@code after}; with {@code after} null the whole line goes.
 */
public final class LineFix {
    private final int line;
    private final int column;
    private final String before;
    private final String after;

    LineFix(int line, int column, String before, String after) {
        this.line = line;
        this.column = column;
        this.before = before;
        this.after = after;
    }

    /** The 1-based line the fix changes. */
    public int line() {
        return line;
    }

    /** The 1-based column where {@code before} starts. */
    public int column() {
        return column;
    }

    public String before() {
        return before;
    }

    /** The replacement, or null when the line is removed. */
    public String after() {
        return after;
    }

    @Override
    public String toString() {
        return after == null ? "line " + line + " removed" : "line " + line + ": " + (before.isEmpty() ? "inserted "
                + after.trim() : before + " -> " + after);
    }
}
