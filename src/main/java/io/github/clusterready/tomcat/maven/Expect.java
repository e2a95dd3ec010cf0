package io.github.clusterready.tomcat.maven;

/**
 * What a scenario request's response must be ({@code <expect>}), after the redirects it followed: {@code <status>}
 * (by default any below 400), text it must contain ({@code <contains>}) and text it must not
 * ({@code <notContains>}).
 */
public final class Expect {
    Integer status;
    String contains;
    String notContains;
}
