package io.github.clusterready.tomcat.runtime;

/**
 * What a scenario step expects of its response (after redirects): a status, text that must appear, text that must
 * not. Without a status, any status below 400 is expected: an error nobody expected is never a pass.
 */
public final class Expectation {
    /** Used where a step gives no {@code <expect>}. */
    public static final Expectation DEFAULT = new Expectation(null, null, null);

    private final Integer status;
    private final String contains;
    private final String notContains;

    /**
     * @param status the status expected, or null for any below 400
     * @param contains text the body must contain, or null
     * @param notContains text the body must not contain, or null
     */
    public Expectation(Integer status, String contains, String notContains) {
        this.status = status;
        this.contains = contains == null || contains.isEmpty() ? null : contains;
        this.notContains = notContains == null || notContains.isEmpty() ? null : notContains;
    }

    Integer status() {
        return status;
    }

    /** What the response does not meet, or null when it meets everything. */
    String failure(int actual, String body) {
        if (status != null && actual != status) {
            return "HTTP " + actual + " where <expect><status> is " + status;
        }
        if (status == null && actual >= 400) {
            return "HTTP " + actual + " where a status below 400 is expected (say <expect><status>" + actual
                    + "</status></expect> if that is right)";
        }
        if (contains != null && !body.contains(contains)) {
            return "the response does not contain \"" + contains + "\" (<expect><contains>)";
        }
        if (notContains != null && body.contains(notContains)) {
            return "the response contains \"" + notContains + "\" (<expect><notContains>)";
        }
        return null;
    }
}
