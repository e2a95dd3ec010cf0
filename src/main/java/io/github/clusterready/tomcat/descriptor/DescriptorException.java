package io.github.clusterready.tomcat.descriptor;

/**
 * A deployment descriptor that cannot be read or edited: the message names the file, and the line and
 * column where the parser reported the problem when there is one.
 */
public final class DescriptorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final int line;
    private final int column;
    private final String problem;

    public DescriptorException(String location, String problem) {
        this(location, -1, -1, problem, null);
    }

    public DescriptorException(String location, int line, int column, String problem, Throwable cause) {
        super(format(location, line, column, problem), cause);
        this.location = location;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String location, int line, int column, String problem) {
        StringBuilder message = new StringBuilder(location);
        if (line > 0) {
            message.append(':').append(line);
            if (column > 0) {
                message.append(':').append(column);
            }
        }
        return message.append(": ").append(problem).toString();
    }

    /** The descriptor, e.g. {@code target/app.war!/WEB-INF/web.xml}. */
    public String location() {
        return location;
    }

    /** The line of the problem, or -1 when it has none. */
    public int line() {
        return line;
    }

    /** The column of the problem, or -1 when it has none. */
    public int column() {
        return column;
    }

    /** The problem without the location. */
    public String problem() {
        return problem;
    }
}
